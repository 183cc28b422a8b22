/**
 * RFM scoring and named segments.
 *
 * Scores are quintiles 1-5 by rank (ties share their average rank, so equal values always get
 * the same score; heavy ties can leave a score unused). Recency is in days since the last
 * activity, so FEWER days score HIGHER (5 = most recent). Frequency and monetary: more = higher.
 * FM = round((F + M) / 2), halves rounded up.
 *
 * Segment rules (first match wins; together they cover all 25 R x FM cells):
 *   | segment             | R      | FM     | meaning                                    |
 *   | Champions           | 4-5    | 4-5    | recent and heavy                           |
 *   | Loyal               | 3      | 4-5    | heavy, a little less recent                |
 *   | Potential Loyalists | 4-5    | 3      | recent, medium activity                    |
 *   | New                 | 4-5    | 1-2    | recent, little history yet                 |
 *   | Need Attention      | 3      | 1-3    | middling on both                           |
 *   | Can't Lose Them     | 1      | 5      | were the heaviest, now gone quiet longest  |
 *   | At Risk             | 1-2    | 3-5    | were valuable, gone quiet                  |
 *   | Hibernating         | 1-2    | 1-2    | long gone and light                        |
 */
import { averageRanks } from '../core/metrics.js';

export interface RfmRule {
  segment: string;
  rMin: number;
  rMax: number;
  fmMin: number;
  fmMax: number;
  meaning: string;
}

export const RFM_SEGMENT_RULES: readonly RfmRule[] = [
  { segment: 'Champions', rMin: 4, rMax: 5, fmMin: 4, fmMax: 5, meaning: 'recent and heavy' },
  { segment: 'Loyal', rMin: 3, rMax: 3, fmMin: 4, fmMax: 5, meaning: 'heavy, a little less recent' },
  { segment: 'Potential Loyalists', rMin: 4, rMax: 5, fmMin: 3, fmMax: 3, meaning: 'recent, medium activity' },
  { segment: 'New', rMin: 4, rMax: 5, fmMin: 1, fmMax: 2, meaning: 'recent, little history yet' },
  { segment: 'Need Attention', rMin: 3, rMax: 3, fmMin: 1, fmMax: 3, meaning: 'middling on both' },
  { segment: "Can't Lose Them", rMin: 1, rMax: 1, fmMin: 5, fmMax: 5, meaning: 'were the heaviest, now gone quiet longest' },
  { segment: 'At Risk', rMin: 1, rMax: 2, fmMin: 3, fmMax: 5, meaning: 'were valuable, gone quiet' },
  { segment: 'Hibernating', rMin: 1, rMax: 2, fmMin: 1, fmMax: 2, meaning: 'long gone and light' },
];

/** Quintile score 1-5 from average ranks: 1 + floor(5 (rank - 0.5) / n). */
export function quintileScores(values: ArrayLike<number>): Int32Array {
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) throw new Error(`quintileScores: value ${i} is NaN; fill it first`);
  const ranks = averageRanks(values);
  const n = values.length;
  return Int32Array.from(ranks, (r) => Math.min(5, Math.max(1, 1 + Math.floor((5 * (r - 0.5)) / n))));
}

export function rfmSegment(r: number, fm: number): string {
  const rule = RFM_SEGMENT_RULES.find((x) => r >= x.rMin && r <= x.rMax && fm >= x.fmMin && fm <= x.fmMax);
  if (!rule) throw new Error(`rfmSegment: no rule for R=${r}, FM=${fm}`);
  return rule.segment;
}

export interface RfmScores {
  r: Int32Array;
  f: Int32Array;
  m: Int32Array;
  fm: Int32Array;
  segment: string[];
}

export function rfmScores(recencyDays: ArrayLike<number>, frequency: ArrayLike<number>, monetary: ArrayLike<number>): RfmScores {
  const n = recencyDays.length;
  if (frequency.length !== n || monetary.length !== n)
    throw new Error(`rfmScores: lengths differ (${n}, ${frequency.length}, ${monetary.length})`);
  const r = quintileScores(Float64Array.from(recencyDays, (v) => -v));
  const f = quintileScores(frequency);
  const m = quintileScores(monetary);
  const fm = Int32Array.from(f, (fv, i) => Math.floor((fv + m[i]) / 2 + 0.5));
  const segment = Array.from(r, (rv, i) => rfmSegment(rv, fm[i]));
  return { r, f, m, fm, segment };
}

// The "does this rate differ by X?" sentence of every rate-by-group view: rows -> per-group counts ->
// a chi-square test of homogeneity (src/quality/stats/homogeneity.ts) -> one sentence per breakdown.
import type { Row } from '../engine/engine.js';
import { chiSquareHomogeneity, homogeneitySentence, type GroupCount } from '../quality/stats/homogeneity.js';

export interface RateFindingSpec {
  /** The rate's label, e.g. 'Click-through rate'. */
  rateLabel: string;
  /** Column naming the group (e.g. 'value', 'device'). */
  groupKey: string;
  /** Column with the trials (impressions, accounts, searches). */
  trialsKey: string;
  /** Column with the successes; or rateKey, the rate, with successes = round(rate x trials). */
  successesKey?: string;
  rateKey?: string;
  /**
   * Column naming the breakdown when one query holds several (e.g. 'dimension'), and how each reads
   * in a sentence ('position' -> 'position in the list'). Breakdowns not listed are left out.
   */
  dimensionKey?: string;
  dimensions: Readonly<Record<string, string>>;
}

function countsOf(rows: readonly Row[], spec: RateFindingSpec): GroupCount[] {
  return rows.map((r) => {
    const trials = Number(r[spec.trialsKey] ?? 0);
    const successes =
      spec.successesKey !== undefined ? Number(r[spec.successesKey] ?? 0) : Math.round(Number(r[spec.rateKey!] ?? 0) * trials);
    return { group: String(r[spec.groupKey]), successes, trials };
  });
}

/** One sentence per breakdown named in spec.dimensions, in that order. */
export function rateFindings(rows: readonly Row[], spec: RateFindingSpec): string[] {
  if (spec.successesKey === undefined && spec.rateKey === undefined) throw new Error('rateFindings needs successesKey or rateKey');
  return Object.entries(spec.dimensions).map(([dimension, words]) => {
    const mine = spec.dimensionKey === undefined ? rows : rows.filter((r) => String(r[spec.dimensionKey!]) === dimension);
    return homogeneitySentence(spec.rateLabel, words, chiSquareHomogeneity(countsOf(mine, spec)));
  });
}

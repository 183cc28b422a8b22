/**
 * Anomalies in the daily KPI series (views of titles, sessions, recommendation click-through):
 * each series is deseasonalised by augurs' MSTL (weekly period) and a day is flagged when its
 * remainder (actual minus MSTL's in-sample fit) lies more than `threshold` robust standard
 * deviations (1.4826 x MAD) from the median remainder; augurs' Bayesian online changepoint
 * detector (Normal-Gamma) on the same remainder proposes level shifts, kept only when a
 * before/after test confirms them (levelShift). Requires loadAugurs().
 *
 * A rate (click-through = clicks / impressions) is judged by how far each day's clicks are from
 * what the fitted rate predicts given that day's impressions (binomial standard error): on days
 * with a handful of impressions a rate of 0 or 1 is ordinary noise, not an anomaly, and a day
 * without impressions has no rate at all (never flagged). Without this, pure noise at low volume
 * gave a dozen "outliers" and several "changepoints" per two years.
 */
import * as mstl from '@bsull/augurs/mstl';
import { detectChangepoints } from './augurs.js';

export interface KpiAnomaly {
  kpi: string;
  /** Day index into the series. */
  day: number;
  value: number;
  expected: number;
  /** Remainder in robust standard deviations (signed). */
  score: number;
  kind: 'outlier' | 'changepoint';
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const SHIFT_WINDOW = 28;

/**
 * The level change at day `t` in standard errors: four weeks after against four weeks before
 * (whole weeks, so the weekly pattern cancels). Counts: Welch's t on the daily values; rates: the
 * two-proportion z on the pooled successes and trials of each side. null when a side is too short.
 */
function levelShift(y: Float64Array, t: number, trials?: Float64Array): number | null {
  const w = Math.min(SHIFT_WINDOW, Math.floor(t / 7) * 7, Math.floor((y.length - t) / 7) * 7);
  if (w < 14) return null;
  const before = { sum: 0, sq: 0, trials: 0 };
  const after = { sum: 0, sq: 0, trials: 0 };
  for (let i = 0; i < w; i++) {
    for (const [side, day] of [
      [before, t - w + i],
      [after, t + i],
    ] as const) {
      const n = trials ? trials[day] : 1;
      side.sum += y[day] * n;
      side.sq += y[day] * y[day];
      side.trials += n;
    }
  }
  if (trials) {
    if (before.trials === 0 || after.trials === 0) return null;
    const p1 = before.sum / before.trials;
    const p2 = after.sum / after.trials;
    const p = (before.sum + after.sum) / (before.trials + after.trials);
    const se = Math.sqrt(p * (1 - p) * (1 / before.trials + 1 / after.trials));
    return se > 0 ? (p2 - p1) / se : null;
  }
  const variance = (side: typeof before) => (side.sq - (side.sum * side.sum) / w) / (w - 1);
  const se = Math.sqrt((variance(before) + variance(after)) / w);
  return se > 0 ? (after.sum - before.sum) / w / se : null;
}

function mstlFit(y: Float64Array): number[] {
  const model = mstl.MSTL.ets([7]);
  try {
    model.fit(y);
    return model.predictInSample().point;
  } finally {
    model.free();
  }
}

/**
 * `y` is a count series, or a rate series when `trials` (the rate's denominator per day, e.g.
 * impressions) is given.
 */
export function detectKpiAnomalies(kpi: string, y: Float64Array, threshold = 4, trials?: Float64Array): KpiAnomaly[] {
  if (y.length < 28) return [];
  if (trials && trials.length !== y.length)
    throw new Error(`detectKpiAnomalies(${kpi}): ${trials.length} denominators for ${y.length} days`);
  let observed = y;
  if (trials) {
    // Days without a denominator carry the pooled rate so MSTL sees a continuous series; they are never flagged.
    let num = 0;
    let den = 0;
    y.forEach((v, t) => {
      num += v * trials[t];
      den += trials[t];
    });
    if (den === 0) return [];
    const pooled = num / den;
    observed = Float64Array.from(y, (v, t) => (trials[t] > 0 ? v : pooled));
  }
  const fitted = mstlFit(observed);
  // Raw remainder for counts; for a rate, the remainder in binomial standard errors of that day.
  const remainder = Array.from(observed, (v, t) => {
    if (!trials) return v - fitted[t];
    if (trials[t] <= 0) return 0;
    const p = Math.min(Math.max(fitted[t], 0.5 / trials[t]), 1 - 0.5 / trials[t]);
    return (v - fitted[t]) / Math.sqrt((p * (1 - p)) / trials[t]);
  });
  const centre = trials ? 0 : median(remainder);
  const robust = 1.4826 * median(remainder.map((r) => Math.abs(r - centre)));
  // A rate's remainder is already in standard errors: never scale it below 1 (that would call binomial noise unusual).
  const spread = trials ? Math.max(1, robust) : robust;
  const out: KpiAnomaly[] = [];
  if (spread > 0) {
    const flaggable = (t: number) => !trials || trials[t] > 0;
    remainder.forEach((r, t) => {
      const score = (r - centre) / spread;
      if (flaggable(t) && Math.abs(score) > threshold) out.push({ kpi, day: t, value: y[t], expected: fitted[t], score, kind: 'outlier' });
    });
    // The online detector proposes; a day counts as a changepoint only when the level in the four
    // weeks after it differs from the four weeks before by more than `threshold` standard errors
    // (the detector alone marked several "shifts" a year in pure noise).
    for (const t of detectChangepoints(Float64Array.from(remainder, (r) => (r - centre) / spread))) {
      if (!flaggable(t)) continue;
      const shift = levelShift(observed, t, trials);
      if (shift !== null && Math.abs(shift) > threshold)
        out.push({ kpi, day: t, value: y[t], expected: fitted[t], score: shift, kind: 'changepoint' });
    }
  }
  return out.sort((a, b) => a.day - b.day || a.kind.localeCompare(b.kind));
}

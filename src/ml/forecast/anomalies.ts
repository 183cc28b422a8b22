/**
 * Anomalies in the daily KPI series (views of titles, sessions, recommendation click-through):
 * each series is deseasonalised by augurs' MSTL (weekly period) and a day is flagged when its
 * remainder (actual minus MSTL's in-sample fit) lies more than `threshold` robust standard
 * deviations (1.4826 x MAD) from the median remainder; augurs' Bayesian online changepoint
 * detector (Normal-Gamma) on the same remainder marks level shifts. Requires loadAugurs().
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

export function detectKpiAnomalies(kpi: string, y: Float64Array, threshold = 4): KpiAnomaly[] {
  if (y.length < 28) return [];
  const model = mstl.MSTL.ets([7]);
  let fitted: number[];
  try {
    model.fit(y);
    fitted = model.predictInSample().point;
  } finally {
    model.free();
  }
  const remainder = Array.from(y, (v, t) => v - fitted[t]);
  const centre = median(remainder);
  const spread = 1.4826 * median(remainder.map((r) => Math.abs(r - centre)));
  const out: KpiAnomaly[] = [];
  if (spread > 0) {
    remainder.forEach((r, t) => {
      const score = (r - centre) / spread;
      if (Math.abs(score) > threshold) out.push({ kpi, day: t, value: y[t], expected: fitted[t], score, kind: 'outlier' });
    });
    for (const t of detectChangepoints(Float64Array.from(remainder, (r) => (r - centre) / spread))) {
      out.push({ kpi, day: t, value: y[t], expected: fitted[t], score: (remainder[t] - centre) / spread, kind: 'changepoint' });
    }
  }
  return out.sort((a, b) => a.day - b.day || a.kind.localeCompare(b.kind));
}

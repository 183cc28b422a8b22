/**
 * A seeded synthetic daily view-count series with known parts (trend, weekly and yearly
 * seasonality, holiday spikes, Poisson noise), for timing, tests and the Python peers.
 */
import { createRng } from '../../src/ml/core/rng.js';

export interface SyntheticSeriesOptions {
  days?: number;
  base?: number;
  /** Change of the mean per day. */
  slope?: number;
  /** Relative amplitude of the weekly pattern. */
  weekly?: number;
  yearly?: number;
  holidayDays?: readonly number[];
  holidayLift?: number;
  seed?: number;
}

export function syntheticDailyViews(options: SyntheticSeriesOptions = {}): { views: Float64Array; mean: Float64Array } {
  const days = options.days ?? 730;
  const base = options.base ?? 40;
  const slope = options.slope ?? 0.02;
  const weekly = options.weekly ?? 0.3;
  const yearly = options.yearly ?? 0.2;
  const holidays = new Set(options.holidayDays ?? []);
  const lift = options.holidayLift ?? 1;
  const rng = createRng(options.seed ?? 1);
  const weekPattern = [0.9, -0.4, -0.6, -0.5, -0.2, 0.3, 0.5]; // weekend-heavy
  const mean = new Float64Array(days);
  const views = new Float64Array(days);
  for (let t = 0; t < days; t++) {
    const m = Math.max(
      0.1,
      (base + slope * t) *
        (1 + weekly * weekPattern[t % 7]) *
        (1 + yearly * Math.sin((2 * Math.PI * t) / 365.25)) *
        (holidays.has(t) ? 1 + lift : 1),
    );
    mean[t] = m;
    views[t] = poisson(m, rng.next);
  }
  return { views, mean };
}

/** Poisson draw: Knuth's product method for small means, a rounded normal above 30. */
function poisson(lambda: number, uniform: () => number): number {
  if (lambda > 30) {
    const u1 = Math.max(uniform(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * uniform());
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
  }
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = uniform();
  while (p > limit) {
    k++;
    p *= uniform();
  }
  return k;
}

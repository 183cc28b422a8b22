/**
 * The reference forecasts every learned model must beat: the last value, the value one
 * season ago (seasonal_naive.ts), trailing means over 7, 28 and 365 days, and zero (offered only
 * where counts are sparse). Which of them is the strongest is decided on validation origins,
 * never on the origins a model is judged on (evaluate.ts).
 */
import { seasonalNaive } from './seasonal_naive.js';
import { gaussianForecast, nonNegative, type Forecast, type Forecaster } from './types.js';

/** y[t+h] = y[t]; sd_h = σ√h with σ from the one-step differences (a random walk's interval). */
export function naiveLast(): Forecaster {
  return {
    name: 'naive_last',
    forecast(y, horizon, level): Forecast {
      const n = y.length;
      if (n < 2) throw new Error(`naiveLast: need at least 2 observations, got ${n}`);
      let s = 0;
      for (let t = 1; t < n; t++) s += (y[t] - y[t - 1]) ** 2;
      const sigma = Math.sqrt(s / (n - 1));
      const mean = new Float64Array(horizon).fill(y[n - 1]);
      return gaussianForecast(
        mean,
        mean.map((_, h) => sigma * Math.sqrt(h + 1)),
        level,
      );
    },
  };
}

/**
 * The mean of the last `days` values for every step ahead. The interval is empirical: the
 * central `level` range of the same window's values (a count series is skewed, so a Gaussian
 * band would be too narrow above and below zero below).
 */
export function trailingMean(days: number): Forecaster {
  return {
    name: `mean_${days}d`,
    forecast(y, horizon, level): Forecast {
      const n = y.length;
      if (n < days) throw new Error(`trailingMean(${days}): need at least ${days} observations, got ${n}`);
      const window = Array.from(y.subarray(n - days)).sort((a, b) => a - b);
      const m = window.reduce((a, b) => a + b, 0) / days;
      const q = (p: number) => window[Math.min(days - 1, Math.max(0, Math.round(p * (days - 1))))];
      const lo = q((1 - level) / 2);
      const hi = q(1 - (1 - level) / 2);
      return {
        mean: new Float64Array(horizon).fill(m),
        lower: new Float64Array(horizon).fill(Math.min(lo, m)),
        upper: new Float64Array(horizon).fill(Math.max(hi, m)),
        level,
      };
    },
  };
}

/** Zero views every day; the upper bound is the `level` quantile of the last 28 days. */
export function zeroForecast(): Forecaster {
  return {
    name: 'zero',
    forecast(y, horizon, level): Forecast {
      const window = Array.from(y.subarray(Math.max(0, y.length - 28))).sort((a, b) => a - b);
      const hi = window.length ? window[Math.round(level * (window.length - 1))] : 0;
      return { mean: new Float64Array(horizon), lower: new Float64Array(horizon), upper: new Float64Array(horizon).fill(hi), level };
    },
  };
}

/** Share of zero days at or above which counts are "sparse" and the zero forecast is offered. */
export const SPARSE_ZERO_SHARE = 0.5;

/** Share of zero values in the series' first `days` values (the selection window, never later). */
export function zeroShare(series: readonly Float64Array[], days: number): number {
  let zeros = 0;
  let total = 0;
  for (const y of series)
    for (let t = 0; t < Math.min(days, y.length); t++) {
      total++;
      if (y[t] === 0) zeros++;
    }
  return total === 0 ? 0 : zeros / total;
}

/** The baselines for a group of series; `sparse` adds the zero forecast. All floored at 0. */
export function baselineForecasters(period: number, sparse: boolean): Forecaster[] {
  return [
    naiveLast(),
    seasonalNaive(period),
    trailingMean(7),
    trailingMean(28),
    trailingMean(365),
    ...(sparse ? [zeroForecast()] : []),
  ].map(nonNegative);
}

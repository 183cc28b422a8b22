/**
 * Seasonal-naive baseline: tomorrow's value is the value one season (7 days) earlier. Intervals
 * from its in-sample residuals y_t - y_{t-m}: sd_h = sigma * sqrt(ceil(h / m)), the random-walk
 * growth across whole seasons (Hyndman & Athanasopoulos, FPP3 §5.5).
 */
import { gaussianForecast, type Forecast, type Forecaster } from './types.js';

export function seasonalNaive(period = 7): Forecaster {
  return {
    name: `seasonal_naive_${period}`,
    forecast(y, horizon, level): Forecast {
      const n = y.length;
      if (n < period) throw new Error(`seasonalNaive: need at least ${period} observations, got ${n}`);
      const mean = new Float64Array(horizon);
      const sd = new Float64Array(horizon);
      const sigma = Math.sqrt(seasonalNaiveMse(y, period));
      for (let h = 1; h <= horizon; h++) {
        const seasons = Math.ceil(h / period);
        mean[h - 1] = y[n - 1 + h - seasons * period];
        sd[h - 1] = sigma * Math.sqrt(seasons);
      }
      return gaussianForecast(mean, sd, level);
    },
  };
}

/** Mean squared one-season difference (0 when the series is shorter than two seasons). */
function seasonalNaiveMse(y: Float64Array, period: number): number {
  let s = 0;
  let count = 0;
  for (let t = period; t < y.length; t++) {
    const e = y[t] - y[t - period];
    s += e * e;
    count++;
  }
  return count === 0 ? 0 : s / count;
}

/** In-sample mean absolute one-season difference: the MASE scale. */
export function seasonalNaiveMae(y: ArrayLike<number>, period = 7): number {
  let s = 0;
  let count = 0;
  for (let t = period; t < y.length; t++) {
    s += Math.abs(y[t] - y[t - period]);
    count++;
  }
  return count === 0 ? NaN : s / count;
}

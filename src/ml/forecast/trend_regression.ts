/**
 * Trend plus seasonality regression in the spirit of Prophet (Taylor & Letham 2018), solved by
 * ridge least squares instead of Stan:
 *   y_t = a + b·t + Σ_k δ_k·max(0, t - c_k) + Fourier(weekly) + Fourier(yearly) + holidays + e_t
 * Changepoints c_k sit evenly over the first 80% of the history; the ridge penalty on their δ_k
 * plays the role of Prophet's Laplace prior (small penalty = flexible trend). The forecast
 * continues the last slope. Interval: in-sample residual sd, constant over the horizon; unlike
 * Prophet it leaves out trend-change uncertainty, so long-horizon intervals are too narrow.
 * `transform: 'log1p'` fits log(1 + y) (multiplicative seasonality for counts) and maps back.
 */
import { choleskySolve } from '../core/linalg.js';
import { gaussianForecast, type Forecast, type Forecaster } from './types.js';

export interface Holiday {
  name: string;
  /** Day indices relative to the series start (may lie beyond the history, for forecasting). */
  days: readonly number[];
}

export interface TrendRegressionOptions {
  changepoints?: number;
  changepointPenalty?: number;
  weeklyOrder?: number;
  /** Yearly Fourier order; yearly terms are used only with at least one year of history. */
  yearlyOrder?: number;
  seasonalityPenalty?: number;
  holidays?: readonly Holiday[];
  transform?: 'none' | 'log1p';
}

export interface TrendRegressionFit {
  readonly coefficients: Float64Array;
  readonly columnNames: string[];
  readonly residualSd: number;
  forecast(horizon: number, level: number): Forecast;
}

export function fitTrendRegression(yIn: Float64Array, options: TrendRegressionOptions = {}): TrendRegressionFit {
  const n = yIn.length;
  if (n < 14) throw new Error(`fitTrendRegression: need at least 14 observations, got ${n}`);
  const log = options.transform === 'log1p';
  const y = log ? yIn.map((v) => Math.log1p(Math.max(0, v))) : yIn;
  const nChange = options.changepoints ?? 15;
  const changepoints = Array.from({ length: nChange }, (_, k) => Math.floor(((k + 1) * 0.8 * n) / (nChange + 1)));
  const weekly = options.weeklyOrder ?? 3;
  const yearly = n >= 365 ? (options.yearlyOrder ?? 8) : 0;
  const holidays = options.holidays ?? [];
  const holidaySets = holidays.map((h) => new Set(h.days));

  // Time is scaled to [0, 1] over the history so penalties do not depend on the series length.
  const columnNames = ['intercept', 'trend', ...changepoints.map((c) => `changepoint_${c}`)];
  for (let k = 1; k <= weekly; k++) columnNames.push(`weekly_sin${k}`, `weekly_cos${k}`);
  for (let k = 1; k <= yearly; k++) columnNames.push(`yearly_sin${k}`, `yearly_cos${k}`);
  for (const h of holidays) columnNames.push(`holiday_${h.name}`);
  const p = columnNames.length;
  const row = (t: number, out: Float64Array) => {
    const s = t / n;
    let c = 0;
    out[c++] = 1;
    out[c++] = s;
    for (const cp of changepoints) out[c++] = Math.max(0, s - cp / n);
    for (let k = 1; k <= weekly; k++) {
      out[c++] = Math.sin((2 * Math.PI * k * t) / 7);
      out[c++] = Math.cos((2 * Math.PI * k * t) / 7);
    }
    for (let k = 1; k <= yearly; k++) {
      out[c++] = Math.sin((2 * Math.PI * k * t) / 365.25);
      out[c++] = Math.cos((2 * Math.PI * k * t) / 365.25);
    }
    for (const set of holidaySets) out[c++] = set.has(t) ? 1 : 0;
  };

  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  const x = new Float64Array(p);
  for (let t = 0; t < n; t++) {
    row(t, x);
    for (let a = 0; a < p; a++) {
      xty[a] += x[a] * y[t];
      for (let b = 0; b < p; b++) xtx[a * p + b] += x[a] * x[b];
    }
  }
  // Penalties are per observation (× n) so their meaning does not change with the history length.
  const changePenalty = (options.changepointPenalty ?? 0.01) * n;
  const seasonPenalty = (options.seasonalityPenalty ?? 1e-4) * n;
  for (let a = 2; a < p; a++) xtx[a * p + a] += a < 2 + nChange ? changePenalty : seasonPenalty;
  xtx[0] += 1e-9 * n; // keeps the system positive definite for degenerate inputs
  xtx[p + 1] += 1e-9 * n;
  const coefficients = choleskySolve(xtx, xty, p);

  let sse = 0;
  for (let t = 0; t < n; t++) {
    row(t, x);
    let fitted = 0;
    for (let a = 0; a < p; a++) fitted += coefficients[a] * x[a];
    sse += (y[t] - fitted) ** 2;
  }
  const residualSd = Math.sqrt(sse / Math.max(1, n - p));
  return {
    coefficients,
    columnNames,
    residualSd,
    forecast(horizon, level) {
      const mean = new Float64Array(horizon);
      for (let h = 0; h < horizon; h++) {
        row(n + h, x);
        let v = 0;
        for (let a = 0; a < p; a++) v += coefficients[a] * x[a];
        mean[h] = v;
      }
      const f = gaussianForecast(mean, new Float64Array(horizon).fill(residualSd), level);
      if (!log) return f;
      const back = (a: Float64Array) => a.map((v) => Math.expm1(v));
      // expm1 of the log-scale mean is the median on the original scale, which MAE rewards.
      return { mean: back(f.mean), lower: back(f.lower), upper: back(f.upper), level };
    },
  };
}

export function trendRegression(options: TrendRegressionOptions = {}): Forecaster {
  return {
    name: `trend_regression${options.transform === 'log1p' ? '_log' : ''}`,
    forecast: (y, horizon, level) => fitTrendRegression(y, options).forecast(horizon, level),
  };
}

/**
 * Additive Holt-Winters, written in innovations (error-correction) form, i.e. ETS(A,A,A):
 *   ŷ_t = l + b + s_{t-m};  e_t = y_t - ŷ_t
 *   l ← l + b + α e;  b ← b + β e;  s_t = s_{t-m} + γ e
 * with β = α·β*, γ = (1-α)·γ* and α, β*, γ* in (0, 1) (the usual admissible region), fitted by
 * minimising the one-step-ahead SSE with Nelder-Mead on logit scales. Initial states come from
 * the first two seasons (linear trend through the season means, de-trended seasonal indices), so
 * a linear or purely seasonal series is reproduced exactly.
 * Interval variance: σ²(1 + Σ_{j=1}^{h-1} (α + jβ + γ·[j mod m = 0])²) (Hyndman et al. 2008).
 */
import { nelderMead } from './nelder_mead.js';
import { gaussianForecast, type Forecast, type Forecaster } from './types.js';

export interface HoltWintersParams {
  alpha: number;
  beta: number;
  gamma: number;
}

export interface HoltWintersFit {
  readonly params: HoltWintersParams;
  readonly period: number;
  /** Final level, trend and seasonal states (seasonal[j] is for times t with t mod m = j). */
  readonly level: number;
  readonly trend: number;
  readonly seasonal: Float64Array;
  readonly sse: number;
  readonly n: number;
  forecast(horizon: number, level: number): Forecast;
}

export function fitHoltWinters(y: Float64Array, period = 7, fixed?: HoltWintersParams): HoltWintersFit {
  const n = y.length;
  if (n < 2 * period) throw new Error(`fitHoltWinters: need two full seasons (${2 * period} points), got ${n}`);
  let params = fixed;
  if (!params) {
    const logistic = (x: number) => 1 / (1 + Math.exp(-x));
    const toParams = (x: Float64Array): HoltWintersParams => {
      const alpha = logistic(x[0]);
      return { alpha, beta: alpha * logistic(x[1]), gamma: (1 - alpha) * logistic(x[2]) };
    };
    const logit = (p: number) => Math.log(p / (1 - p));
    const best = nelderMead((x) => run(y, period, toParams(x)).sse, [logit(0.3), logit(0.1), logit(0.1)], {
      step: 1,
      maxIterations: 400,
    });
    params = toParams(best.x);
  }
  const state = run(y, period, params);
  const { alpha, beta, gamma } = params;
  const sigma2 = state.sse / n;
  return {
    params,
    period,
    level: state.level,
    trend: state.trend,
    seasonal: state.seasonal,
    sse: state.sse,
    n,
    forecast(horizon, levelCi) {
      const mean = new Float64Array(horizon);
      const sd = new Float64Array(horizon);
      let cumulative = 1;
      for (let h = 1; h <= horizon; h++) {
        mean[h - 1] = state.level + h * state.trend + state.seasonal[(n - 1 + h) % period];
        sd[h - 1] = Math.sqrt(sigma2 * cumulative);
        const c = alpha + h * beta + (h % period === 0 ? gamma : 0);
        cumulative += c * c;
      }
      return gaussianForecast(mean, sd, levelCi);
    },
  };
}

export function holtWinters(period = 7): Forecaster {
  return {
    name: `holt_winters_additive_${period}`,
    forecast: (y, horizon, level) => fitHoltWinters(y, period).forecast(horizon, level),
  };
}

interface RunState {
  sse: number;
  level: number;
  trend: number;
  seasonal: Float64Array;
}

/** Runs the filter over y from the heuristic initial states; returns SSE and final states. */
function run(y: Float64Array, m: number, p: HoltWintersParams): RunState {
  let mean1 = 0;
  let mean2 = 0;
  for (let j = 0; j < m; j++) {
    mean1 += y[j] / m;
    mean2 += y[j + m] / m;
  }
  const slope = (mean2 - mean1) / m;
  const trendAt = (t: number) => mean1 + slope * (t - (m - 1) / 2);
  const seasonal = new Float64Array(m);
  let seasonalSum = 0;
  for (let j = 0; j < m; j++) {
    seasonal[j] = (y[j] - trendAt(j) + y[j + m] - trendAt(j + m)) / 2;
    seasonalSum += seasonal[j];
  }
  for (let j = 0; j < m; j++) seasonal[j] -= seasonalSum / m;
  let level = trendAt(-1);
  let trend = slope;
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const j = t % m;
    const e = y[t] - (level + trend + seasonal[j]);
    sse += e * e;
    level = level + trend + p.alpha * e;
    trend = trend + p.beta * e;
    seasonal[j] += p.gamma * e;
  }
  return { sse, level, trend, seasonal };
}

/**
 * Rolling-origin (time-series cross-validation) evaluation: for each series and each origin
 * o = minTrain, minTrain + step, ... (while o + horizon <= length), fit on y[0..o), forecast
 * `horizon` steps and score them against y[o..o+horizon). Errors are pooled per horizon step over
 * all series and origins. MASE scales each origin's errors by that training window's
 * seasonal-naive MAE; windows where that scale is 0 (a flat series) are left out of MASE only.
 */
import { seasonalNaiveMae } from './seasonal_naive.js';
import type { Forecaster } from './types.js';

export interface RollingOriginOptions {
  horizon?: number;
  /** Days between origins. */
  step?: number;
  /** Length of the first training window. */
  minTrain?: number;
  /** Prediction-interval level. */
  level?: number;
  /** Season length for the MASE scale. */
  period?: number;
}

export interface HorizonMetrics {
  /** Index h-1 holds step h. */
  readonly mae: Float64Array;
  readonly mase: Float64Array;
  readonly smape: Float64Array;
  readonly coverage: Float64Array;
  readonly count: Int32Array;
}

export interface RollingOriginResult {
  readonly model: string;
  readonly level: number;
  readonly byHorizon: HorizonMetrics;
  /** Means over all horizons (each horizon weighted equally). */
  readonly overall: { mae: number; mase: number; smape: number; coverage: number };
  readonly forecasts: number;
  readonly seconds: number;
}

export function rollingOrigin(
  series: readonly Float64Array[],
  forecaster: Forecaster,
  options: RollingOriginOptions = {},
): RollingOriginResult {
  const started = performance.now();
  const horizon = options.horizon ?? 28;
  const step = options.step ?? 28;
  const minTrain = options.minTrain ?? 365;
  const level = options.level ?? 0.9;
  const period = options.period ?? 7;
  const absError = new Float64Array(horizon);
  const scaledError = new Float64Array(horizon);
  const scaledCount = new Int32Array(horizon);
  const smapeSum = new Float64Array(horizon);
  const inside = new Float64Array(horizon);
  const count = new Int32Array(horizon);
  let forecasts = 0;
  series.forEach((y, s) => {
    for (let origin = minTrain; origin + horizon <= y.length; origin += step) {
      const train = y.subarray(0, origin);
      let f;
      try {
        f = forecaster.forecast(train, horizon, level);
      } catch (error) {
        throw new Error(`rollingOrigin: ${forecaster.name} failed on series ${s} at origin ${origin}: ${(error as Error).message}`);
      }
      forecasts++;
      const scale = seasonalNaiveMae(train, period);
      for (let h = 0; h < horizon; h++) {
        const actual = y[origin + h];
        const e = Math.abs(actual - f.mean[h]);
        absError[h] += e;
        if (scale > 0) {
          scaledError[h] += e / scale;
          scaledCount[h]++;
        }
        const denom = Math.abs(actual) + Math.abs(f.mean[h]);
        smapeSum[h] += denom === 0 ? 0 : (200 * e) / denom;
        if (actual >= f.lower[h] && actual <= f.upper[h]) inside[h]++;
        count[h]++;
      }
    }
  });
  if (forecasts === 0) {
    throw new Error(`rollingOrigin: no origin fits (minTrain ${minTrain} + horizon ${horizon} exceeds every series length)`);
  }
  const byHorizon: HorizonMetrics = {
    mae: absError.map((v, h) => v / count[h]),
    mase: scaledError.map((v, h) => (scaledCount[h] ? v / scaledCount[h] : NaN)),
    smape: smapeSum.map((v, h) => v / count[h]),
    coverage: inside.map((v, h) => v / count[h]),
    count,
  };
  const avg = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / a.length;
  return {
    model: forecaster.name,
    level,
    byHorizon,
    overall: { mae: avg(byHorizon.mae), mase: avg(byHorizon.mase), smape: avg(byHorizon.smape), coverage: avg(byHorizon.coverage) },
    forecasts,
    seconds: (performance.now() - started) / 1000,
  };
}

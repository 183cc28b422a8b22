/**
 * The honest forecasting evaluation: rolling origins split in time into validation
 * origins (where the strongest baseline and each model's place are decided) and later test
 * origins (where a model is judged, once). Each (series, origin) pair gets a loss: the mean
 * absolute error over the horizon scaled by that training window's seasonal-naive MAE (MASE), so
 * series of different sizes pool. A model claims `signal` only through `judge` below: one-sided
 * Diebold-Mariano against the strongest baseline on the test pairs, Holm-corrected over all the
 * models of the use case (train.ts applies the correction).
 */
import { claimFromAdjustedP, holmAdjust, type ClaimLevel } from '../core/claims.js';
import { dieboldMariano } from './diebold_mariano.js';
import { seasonalNaiveMae } from './seasonal_naive.js';
import type { Forecast, Forecaster } from './types.js';

export interface OriginPlan {
  readonly validation: number[];
  readonly test: number[];
  /** First day of the test period: validation windows end at or before it. */
  readonly split: number;
  readonly step: number;
}

/**
 * Origins every `step` days from `minTrain`; the days after `minTrain` are halved: validation
 * origins forecast only days before the split, test origins start at it.
 */
export function planOrigins(nDays: number, minTrain: number, horizon: number, step: number): OriginPlan {
  const split = minTrain + Math.floor((nDays - minTrain) / 2);
  const validation: number[] = [];
  for (let o = minTrain; o + horizon <= split; o += step) validation.push(o);
  const test: number[] = [];
  for (let o = split; o + horizon <= nDays; o += step) test.push(o);
  if (validation.length === 0 || test.length === 0) {
    throw new Error(
      `planOrigins: ${nDays} days leave ${validation.length} validation and ${test.length} test origins (first window ${minTrain}, horizon ${horizon}, step ${step}); need at least one of each`,
    );
  }
  return { validation, test, split, step };
}

export interface PairScores {
  /** loss[s][k]: MASE of series s at origin k (NaN when the training window is flat). */
  readonly loss: number[][];
  readonly mase: number;
  readonly mae: number;
  /** Share of forecast days whose actual lies inside the interval. */
  readonly coverage: number;
  readonly forecasts: number;
}

export interface OriginForecast {
  series: number;
  origin: number;
  forecast: Forecast;
}

/** Forecasts every series at every origin and scores the pairs. */
export function scorePairs(
  series: readonly Float64Array[],
  forecaster: Forecaster,
  origins: readonly number[],
  o: { horizon: number; level: number; period: number },
): PairScores {
  let absSum = 0;
  let days = 0;
  let inside = 0;
  let lossSum = 0;
  let lossCount = 0;
  const loss = series.map((y, s) =>
    origins.map((origin) => {
      const train = y.subarray(0, origin);
      let f: Forecast;
      try {
        f = forecaster.forecast(train, o.horizon, o.level);
      } catch (error) {
        throw new Error(`forecast evaluation: ${forecaster.name} failed on series ${s} at origin ${origin}: ${(error as Error).message}`);
      }
      let e = 0;
      for (let h = 0; h < o.horizon; h++) {
        const actual = y[origin + h];
        e += Math.abs(actual - f.mean[h]);
        if (actual >= f.lower[h] && actual <= f.upper[h]) inside++;
      }
      absSum += e;
      days += o.horizon;
      const scale = seasonalNaiveMae(train, o.period);
      if (!(scale > 0)) return Number.NaN;
      const l = e / o.horizon / scale;
      lossSum += l;
      lossCount++;
      return l;
    }),
  );
  return {
    loss,
    mase: lossCount ? lossSum / lossCount : Number.NaN,
    mae: absSum / days,
    coverage: inside / days,
    forecasts: series.length * origins.length,
  };
}

export interface ScoredForecaster {
  readonly name: string;
  readonly kind: 'baseline' | 'model';
  readonly validation: PairScores;
  readonly test: PairScores;
  /** Wall seconds of the validation and test origins (fits, forecasts, intervals). */
  readonly seconds: number;
  /** CPU seconds (user + system) of the same; stable under load, unlike `seconds`. */
  readonly cpuSeconds?: number;
}

export interface ModelTest {
  readonly group: string;
  readonly model: string;
  readonly baseline: string;
  /** Mean test loss difference (baseline - model); positive = the model is better. */
  readonly meanDifference: number;
  readonly pValue: number;
  readonly adjustedP: number;
  readonly level: ClaimLevel;
  readonly pairs: number;
}

/** Lowest validation MASE among `candidates` (ties: the earlier, i.e. the simpler, wins). */
export function strongest(candidates: readonly ScoredForecaster[]): ScoredForecaster {
  return candidates.reduce((a, b) => (b.validation.mase < a.validation.mase ? b : a));
}

/**
 * One-sided DM tests of every model against the group's strongest baseline on the test pairs
 * (p-values before correction). `overlap` = origins whose windows overlap a given one.
 */
export function testAgainstBaseline(
  group: string,
  models: readonly ScoredForecaster[],
  baseline: ScoredForecaster,
  overlap: number,
): Omit<ModelTest, 'adjustedP' | 'level'>[] {
  return models.map((m) => {
    const d = m.test.loss.map((row, s) => row.map((l, k) => baseline.test.loss[s][k] - l));
    const dm = dieboldMariano(d, overlap);
    return { group, model: m.name, baseline: baseline.name, meanDifference: dm.meanDifference, pValue: dm.pValue, pairs: dm.n };
  });
}

/** Holm over every model test of the use case, then the claim level of each. */
export function judge(tests: readonly Omit<ModelTest, 'adjustedP' | 'level'>[], alpha = 0.05): ModelTest[] {
  const adjusted = holmAdjust(tests.map((t) => t.pValue));
  return tests.map((t, i) => ({ ...t, adjustedP: adjusted[i], level: claimFromAdjustedP(adjusted[i], alpha) }));
}

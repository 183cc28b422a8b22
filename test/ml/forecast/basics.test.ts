import { describe, expect, it } from 'vitest';
import { intervalCoverage, mase, meanAbsoluteError, smape } from '../helpers/forecast-accuracy.js';
import { nelderMead } from '../../../src/ml/forecast/nelder_mead.js';
import { rollingOrigin } from '../../../src/ml/forecast/rolling_origin.js';
import { seasonalNaive, seasonalNaiveMae } from '../../../src/ml/forecast/seasonal_naive.js';
import { denseDaily, weeklyTotals } from '../../../src/ml/forecast/series.js';
import { clampNonNegative, normalCdf, normalQuantile } from '../../../src/ml/forecast/types.js';

describe('normal distribution helpers', () => {
  it('match table values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644854, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 7);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  });
});

describe('Nelder-Mead', () => {
  it('finds the Rosenbrock minimum (1, 1)', () => {
    const r = nelderMead((x) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2, [-1.2, 1], { maxIterations: 2000, tolerance: 1e-14 });
    expect(r.x[0]).toBeCloseTo(1, 3);
    expect(r.x[1]).toBeCloseTo(1, 3);
  });
});

describe('accuracy measures (hand-computed)', () => {
  const train = [1, 2, 3, 4, 5, 6, 7, 9, 10, 11];
  it('MASE scale is the seasonal-naive MAE', () => {
    expect(seasonalNaiveMae(train, 7)).toBe(8); // 9-1, 10-2, 11-3
    expect(mase([12, 14], [10, 10], 8)).toBeCloseTo(3 / 8, 12);
    expect(meanAbsoluteError([12, 14], [10, 10])).toBe(3);
  });
  it('sMAPE on the 0..200 scale, 0/0 = 0', () => {
    expect(smape([12, 14], [10, 10])).toBeCloseTo((400 / 22 + 800 / 24) / 2, 10);
    expect(smape([0, 0], [0, 0])).toBe(0);
    expect(smape([0], [5])).toBe(200);
  });
  it('coverage counts bounds as inside', () => {
    expect(intervalCoverage([1, 2, 3, 4], [1, 0, 4, 0], [1, 1, 5, 9])).toBe(0.5);
  });
});

describe('seasonal naive', () => {
  it('repeats the last season and widens by whole seasons', () => {
    const y = Float64Array.from({ length: 14 }, (_, t) => t + 1); // every one-season difference is 7
    const f = seasonalNaive(7).forecast(y, 8, 0.95);
    expect(Array.from(f.mean)).toEqual([8, 9, 10, 11, 12, 13, 14, 8]);
    const z = normalQuantile(0.975);
    expect(f.upper[0] - f.mean[0]).toBeCloseTo(7 * z, 9);
    expect(f.upper[7] - f.mean[7]).toBeCloseTo(7 * Math.SQRT2 * z, 9);
    expect(clampNonNegative(f).lower[0]).toBe(0);
  });
});

describe('rolling origin', () => {
  it('seasonal naive on trend + weekly pattern: MASE at step h is ceil(h/7)', () => {
    const pattern = [5, 1, 4, 9, 2, 6, 3];
    const y = Float64Array.from({ length: 120 }, (_, t) => 0.5 * t + pattern[t % 7]);
    const r = rollingOrigin([y], seasonalNaive(7), { horizon: 14, step: 10, minTrain: 50 });
    expect(r.forecasts).toBe(6); // origins 50, 60, ..., 100
    for (let h = 1; h <= 14; h++) {
      expect(r.byHorizon.mase[h - 1]).toBeCloseTo(Math.ceil(h / 7), 10);
      expect(r.byHorizon.mae[h - 1]).toBeCloseTo(3.5 * Math.ceil(h / 7), 10);
    }
    expect(r.byHorizon.count[0]).toBe(6);
  });
  it('refuses when no origin fits', () => {
    expect(() => rollingOrigin([new Float64Array(30)], seasonalNaive(7), { minTrain: 28, horizon: 7 })).toThrow(/no origin fits/);
  });
});

describe('series reshaping', () => {
  it('weekly totals drop the partial last week; dense daily fills gaps with 0', () => {
    const daily = Float64Array.from({ length: 16 }, (_, t) => t);
    expect(Array.from(weeklyTotals(daily))).toEqual([21, 70]);
    expect(Array.from(weeklyTotals(daily, 2))).toEqual([35, 84]);
    expect(Array.from(weeklyTotals(daily, 3))).toEqual([42]);
    expect(Array.from(denseDaily([10, 12, 12], [1, 2, 3], 10, 4))).toEqual([1, 0, 5, 0]);
    expect(() => denseDaily([9], [1], 10, 4)).toThrow(/day 9/);
  });
});

import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/ml/core/rng.js';
import { naiveLast, trailingMean, zeroForecast, zeroShare } from '../../../src/ml/forecast/baselines.js';
import { dieboldMariano, studentTCdf } from '../../../src/ml/forecast/diebold_mariano.js';
import {
  judge,
  planOrigins,
  scorePairs,
  strongest,
  testAgainstBaseline,
  type ScoredForecaster,
} from '../../../src/ml/forecast/evaluate.js';
import type { Forecaster } from '../../../src/ml/forecast/types.js';
import { pairedAucPValue } from '../../../src/ml/forecast/trending_eval.js';

describe('forecast baselines', () => {
  it('naive repeats the last value, trailing means average the window, zero predicts 0', () => {
    const y = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(naiveLast().forecast(y, 3, 0.9).mean)).toEqual([8, 8, 8]);
    expect(trailingMean(4).forecast(y, 2, 0.9).mean[0]).toBe(6.5);
    expect(Array.from(zeroForecast().forecast(y, 2, 0.9).mean)).toEqual([0, 0]);
    expect(zeroShare([Float64Array.from([0, 0, 1, 0])], 4)).toBe(0.75);
  });
});

describe('Diebold-Mariano', () => {
  it('Student t CDF matches table values', () => {
    expect(studentTCdf(2.228, 10)).toBeCloseTo(0.975, 3);
    expect(studentTCdf(0, 5)).toBeCloseTo(0.5, 10);
    expect(studentTCdf(-1.812, 10)).toBeCloseTo(0.05, 3);
  });
  it('a consistent improvement is significant; noise differences are not', () => {
    const rng = createRng(3);
    const better = [Array.from({ length: 30 }, () => 0.2 + 0.1 * rng.normal())];
    expect(dieboldMariano(better, 0).pValue).toBeLessThan(0.001);
    let small = 0;
    for (let r = 0; r < 200; r++) if (dieboldMariano([Array.from({ length: 30 }, () => rng.normal())], 1).pValue < 0.05) small++;
    expect(small / 200).toBeLessThan(0.1); // about 5% under the null
  });
});

describe('validation/test origins and the verdict', () => {
  it('validation windows end before the split; test origins start at it', () => {
    const p = planOrigins(730, 365, 28, 14);
    expect(Math.max(...p.validation) + 28).toBeLessThanOrEqual(p.split);
    expect(Math.min(...p.test)).toBe(p.split);
    expect(Math.max(...p.test) + 28).toBeLessThanOrEqual(730);
    expect(() => planOrigins(380, 365, 28, 14)).toThrow(/validation and .* test origins/);
  });
  it('on a noise series no model is `signal` against the strongest baseline; on a seasonal series the seasonal model is', () => {
    const rng = createRng(11);
    const noise = [Float64Array.from({ length: 730 }, () => 50 + 5 * rng.normal())];
    const seasonal = [Float64Array.from({ length: 730 }, (_, t) => 50 + 20 * [1, -1, 0, 2, -2, 1, -1][t % 7] + rng.normal())];
    const plan = planOrigins(730, 365, 28, 14);
    const o = { horizon: 28, level: 0.9, period: 7 };
    const weekly: Forecaster = {
      name: 'weekly_profile',
      forecast: (y: Float64Array, h: number, level: number) => {
        // mean of each weekday over the last 8 weeks: a real seasonal model, not a baseline
        const n = y.length;
        const mean = Float64Array.from({ length: h }, (_, k) => {
          let s = 0;
          for (let w = 1; w <= 8; w++) s += y[n + (k % 7) - 7 * w];
          return s / 8;
        });
        return { mean, lower: mean, upper: mean, level };
      },
    };
    const score = (series: Float64Array[], f: Forecaster, kind: 'baseline' | 'model'): ScoredForecaster => ({
      name: f.name,
      kind,
      validation: scorePairs(series, f, plan.validation, o),
      test: scorePairs(series, f, plan.test, o),
      seconds: 0,
    });
    for (const [series, expected] of [
      [noise, 'no_signal'],
      [seasonal, 'signal'],
    ] as const) {
      const baselines = [naiveLast(), trailingMean(7), trailingMean(28), trailingMean(365)].map((b) => score([...series], b, 'baseline'));
      const models = [score([...series], weekly, 'model')];
      const tests = judge(testAgainstBaseline('g', models, strongest(baselines), 1));
      expect(tests[0].level).toBe(expected);
    }
  });
  it('Holm: two p-values of 0.03 are not both signal', () => {
    const t = judge([
      { group: 'g', model: 'a', baseline: 'b', meanDifference: 1, pValue: 0.03, pairs: 10 },
      { group: 'g', model: 'c', baseline: 'b', meanDifference: 1, pValue: 0.03, pairs: 10 },
    ]);
    expect(t.map((x) => x.level)).toEqual(['no_signal', 'no_signal']);
  });
});

describe('trending paired test', () => {
  it('identical scores give a large p; a better ranking a small one', () => {
    const rng = createRng(5);
    const y = Float64Array.from({ length: 80 }, (_, i) => (i < 30 ? 1 : 0));
    const base = Float64Array.from(y, () => rng.next());
    const good = Float64Array.from(y, (v) => v + 0.5 * rng.next());
    expect(pairedAucPValue(y, base, base, 200, 1)).toBe(1);
    expect(pairedAucPValue(y, good, base, 200, 1)).toBeLessThan(0.01);
  });
});

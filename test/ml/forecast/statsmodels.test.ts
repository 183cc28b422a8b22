// Marquee's forecasters against statsmodels on one fixture series (figures and how they were
// produced: test/ml/forecast/fixtures/statsmodels-reference.json, bench/peers/forecast_statsmodels_fixture.py).
// Each model's MASE must be no more than 2% above the statsmodels model it stands in for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { holtWinters } from '../../../src/ml/forecast/holt_winters.js';
import { fitArima } from '../../../src/ml/forecast/arima.js';
import { loadAugurs, mstlEts, prophetForecaster } from '../../../src/ml/forecast/augurs.js';
import { seasonalNaiveMae } from '../../../src/ml/forecast/seasonal_naive.js';
import { seasonalNaive } from '../../../src/ml/forecast/seasonal_naive.js';
import type { Forecaster } from '../../../src/ml/forecast/types.js';

const ref = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'statsmodels-reference.json'), 'utf8')) as {
  horizon: number;
  period: number;
  origins: number[];
  y: number[];
  reference: Record<string, { mase: number }>;
};
const y = Float64Array.from(ref.y);

function mase(f: Forecaster): number {
  let sum = 0;
  for (const o of ref.origins) {
    const train = y.subarray(0, o);
    const fc = f.forecast(train, ref.horizon, 0.9);
    let e = 0;
    for (let h = 0; h < ref.horizon; h++) e += Math.abs(y[o + h] - fc.mean[h]);
    sum += e / ref.horizon / seasonalNaiveMae(train, ref.period);
  }
  return sum / ref.origins.length;
}

describe('forecasters vs statsmodels on the fixture series (MASE within 2%)', () => {
  beforeAll(() => loadAugurs());
  it('seasonal naive equals statsmodels-side seasonal naive (same definition)', () => {
    expect(mase(seasonalNaive(7))).toBeCloseTo(ref.reference.seasonal_naive_7.mase, 10);
  });
  it('hand-written Holt-Winters vs statsmodels additive Holt-Winters', () => {
    expect(mase(holtWinters(7))).toBeLessThanOrEqual(ref.reference.holt_winters_additive.mase * 1.02);
  });
  it('MSTL-ETS (augurs) is measured, and is not within 2% of statsmodels Holt-Winters: why the hand-written Holt-Winters stays', () => {
    // Measured 0.834 vs 0.751 (11% worse): augurs' AutoETS has no seasonal component; MSTL removes a fixed STL season.
    const m = mase(mstlEts([7]));
    expect(m).toBeGreaterThan(ref.reference.holt_winters_additive.mase * 1.02);
    expect(m).toBeLessThan(ref.reference.seasonal_naive_7.mase);
  });
  it('ARIMA(1,0,0)(0,1,1)_7 with constant (CSS) vs statsmodels SARIMAX of the same order (exact ML)', () => {
    const arima: Forecaster = {
      name: 'arima',
      forecast: (tr, h, l) => fitArima(tr, { p: 1, d: 0, q: 0, seasonalD: 1, seasonalQ: 1, period: 7 }).forecast(h, l),
    };
    expect(mase(arima)).toBeLessThanOrEqual(ref.reference.sarima_100_011_7.mase * 1.02);
  });
  it('Prophet is no worse than statsmodels Holt-Winters by more than 2% on this weekly + yearly series', () => {
    expect(mase(prophetForecaster(19_723))).toBeLessThanOrEqual(ref.reference.holt_winters_additive.mase * 1.02);
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import { autoArima, fitArima, fromPartials } from '../../../src/ml/forecast/arima.js';
import { fitHoltWinters } from '../../../src/ml/forecast/holt_winters.js';
import { seasonalNaive } from '../../../src/ml/forecast/seasonal_naive.js';
import { fitTrendRegression } from '../../../src/ml/forecast/trend_regression.js';
import { normalQuantile } from '../../../src/ml/forecast/types.js';
import { createRng } from '../../../src/ml/core/rng.js';

const z95 = normalQuantile(0.975);

function simulateArma(n: number, ar: number[], ma: number[], seed: number, burn = 200): Float64Array {
  const rng = createRng(seed);
  const total = n + burn;
  const y = new Float64Array(total);
  const e = new Float64Array(total);
  for (let t = 0; t < total; t++) {
    e[t] = rng.normal();
    let v = e[t];
    ar.forEach((a, i) => t - 1 - i >= 0 && (v += a * y[t - 1 - i]));
    ma.forEach((m, j) => t - 1 - j >= 0 && (v += m * e[t - 1 - j]));
    y[t] = v;
  }
  return y.slice(burn);
}

describe('Holt-Winters (additive)', () => {
  it('reproduces a constant series exactly', () => {
    const fit = fitHoltWinters(new Float64Array(35).fill(5), 7);
    expect(fit.sse).toBeCloseTo(0, 18);
    for (const v of fit.forecast(10, 0.95).mean) expect(v).toBeCloseTo(5, 10);
  });
  it('continues a linear trend plus a fixed weekly pattern', () => {
    const pattern = [3, -1, 0, 2, -4, 1, -1];
    const y = Float64Array.from({ length: 42 }, (_, t) => 2 + 3 * t + pattern[t % 7]);
    const fit = fitHoltWinters(y, 7);
    expect(fit.sse).toBeLessThan(1e-15);
    const f = fit.forecast(9, 0.95);
    for (let h = 1; h <= 9; h++) expect(f.mean[h - 1]).toBeCloseTo(2 + 3 * (41 + h) + pattern[(41 + h) % 7], 8);
  });
  it('fits a large alpha on a random walk and a small one on noise around a level', () => {
    const rng = createRng(4);
    const walk = new Float64Array(300);
    for (let t = 1; t < 300; t++) walk[t] = walk[t - 1] + rng.normal();
    const noise = Float64Array.from({ length: 300 }, () => 50 + rng.normal());
    expect(fitHoltWinters(walk, 7).params.alpha).toBeGreaterThan(0.7);
    expect(fitHoltWinters(noise, 7).params.alpha).toBeLessThan(0.2);
  });
  it('interval width follows 1 + Σ (α + jβ + γ[j mod m = 0])²', () => {
    const rng = createRng(8);
    const y = Float64Array.from({ length: 70 }, (_, t) => 10 + (t % 7) + rng.normal());
    const params = { alpha: 0.5, beta: 0.1, gamma: 0.2 };
    const fit = fitHoltWinters(y, 7, params);
    const f = fit.forecast(8, 0.95);
    const sigma = Math.sqrt(fit.sse / 70);
    let v = 1;
    for (let j = 1; j < 8; j++) v += (0.5 + j * 0.1 + (j % 7 === 0 ? 0.2 : 0)) ** 2;
    expect(f.upper[7] - f.mean[7]).toBeCloseTo(z95 * sigma * Math.sqrt(v), 9);
    expect(f.upper[0] - f.mean[0]).toBeCloseTo(z95 * sigma, 9);
  });
});

describe('ARIMA (CSS)', () => {
  it('random walk ARIMA(0,1,0): forecast = last value, sd = σ√h', () => {
    const y = Float64Array.from([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 2]); // |differences| all 1
    const fit = fitArima(y, { p: 0, d: 1, q: 0, includeConstant: false });
    expect(fit.sigma2).toBeCloseTo(1, 12);
    const f = fit.forecast(4, 0.95);
    expect(Array.from(f.mean)).toEqual([2, 2, 2, 2]);
    expect(f.upper[3] - 2).toBeCloseTo(z95 * 2, 6);
  });
  it('ARIMA(0,1,0) with drift continues a straight line', () => {
    const y = Float64Array.from({ length: 20 }, (_, t) => 4 + 3 * t);
    const f = fitArima(y, { p: 0, d: 1, q: 0 }).forecast(3, 0.9);
    expect(Array.from(f.mean)).toEqual([64, 67, 70]);
  });
  it('seasonal difference only equals the seasonal-naive forecast', () => {
    const rng = createRng(2);
    const y = Float64Array.from({ length: 60 }, (_, t) => (t % 7) * 2 + rng.normal());
    const arimaMean = fitArima(y, { p: 0, d: 0, q: 0, seasonalD: 1, period: 7, includeConstant: false }).forecast(10, 0.9).mean;
    const naiveMean = seasonalNaive(7).forecast(y, 10, 0.9).mean;
    for (let h = 0; h < 10; h++) expect(arimaMean[h]).toBeCloseTo(naiveMean[h], 12);
  });
  it('recovers AR(1) φ = 0.6 and forecasts μ + φ^h (y_n - μ)', () => {
    const y = simulateArma(3000, [0.6], [], 5);
    const fit = fitArima(y, { p: 1, d: 0, q: 0 });
    expect(fit.ar[0]).toBeGreaterThan(0.55);
    expect(fit.ar[0]).toBeLessThan(0.65);
    expect(fit.sigma2).toBeGreaterThan(0.9);
    expect(fit.sigma2).toBeLessThan(1.1);
    const f = fit.forecast(3, 0.95);
    for (let h = 1; h <= 3; h++) expect(f.mean[h - 1]).toBeCloseTo(fit.mu + fit.ar[0] ** h * (y[2999] - fit.mu), 10);
    // ψ_j = φ^j: sd_2 = σ √(1 + φ²)
    expect(f.upper[1] - f.mean[1]).toBeCloseTo(z95 * Math.sqrt(fit.sigma2 * (1 + fit.ar[0] ** 2)), 9);
  });
  it('recovers MA(1) θ = 0.5 and auto order picks an MA term for it', () => {
    const y = simulateArma(3000, [], [0.5], 6);
    const fit = fitArima(y, { p: 0, d: 0, q: 1 });
    expect(fit.ma[0]).toBeGreaterThan(0.44);
    expect(fit.ma[0]).toBeLessThan(0.56);
    const auto = autoArima(y, { d: 0, seasonalD: 0 });
    expect(auto.order.q).toBeGreaterThan(0);
  });
  it('recovers a seasonal MA Θ = -0.6 on a seasonally differenced weekly series', () => {
    const rng = createRng(9);
    const n = 2000;
    const e = Float64Array.from({ length: n }, () => rng.normal());
    const y = new Float64Array(n);
    for (let t = 0; t < n; t++) y[t] = (t >= 7 ? y[t - 7] + 0.6 * -e[t - 7] : 10 + (t % 7)) + e[t];
    const fit = fitArima(y, { p: 0, d: 0, q: 0, seasonalD: 1, seasonalQ: 1, period: 7, includeConstant: false });
    expect(fit.seasonalMa).toBeGreaterThan(-0.66);
    expect(fit.seasonalMa).toBeLessThan(-0.54);
    expect(fit.ma.length).toBe(7);
    expect(fit.ma[6]).toBe(fit.seasonalMa);
  });
  it('partial-autocorrelation parametrisation gives stationary AR(2) coefficients', () => {
    const [a1, a2] = fromPartials([Math.atanh(0.5), Math.atanh(-0.3)]);
    expect(a2).toBeCloseTo(-0.3, 12);
    expect(a1).toBeCloseTo(0.5 - -0.3 * 0.5, 12);
  });
});

describe('trend + seasonality regression', () => {
  it('extrapolates a linear trend with weekly and holiday effects', () => {
    const holidayDays = [50, 120, 190, 260, 330, 405];
    const truth = (t: number) => 10 + 0.05 * t + 3 * Math.sin((2 * Math.PI * t) / 7) + (holidayDays.includes(t) ? 40 : 0);
    const y = Float64Array.from({ length: 400 }, (_, t) => truth(t));
    const fit = fitTrendRegression(y, { holidays: [{ name: 'launch', days: holidayDays }], yearlyOrder: 0 });
    const f = fit.forecast(14, 0.9);
    for (let h = 0; h < 14; h++) expect(f.mean[h]).toBeCloseTo(truth(400 + h), 0);
    expect(f.mean[5] - truth(405)).toBeLessThan(1); // day 405 is a holiday in the future
    expect(fit.coefficients[fit.columnNames.indexOf('holiday_launch')]).toBeCloseTo(40, 0);
  });
  it('follows a change of slope through the changepoints', () => {
    const truth = (t: number) => (t < 200 ? t : 200 - 0.5 * (t - 200));
    const y = Float64Array.from({ length: 365 }, (_, t) => truth(t));
    const f = fitTrendRegression(y, { changepointPenalty: 1e-4, yearlyOrder: 0 }).forecast(10, 0.9);
    // The trend after day 200 is falling, so the forecast must fall too.
    expect(f.mean[9]).toBeLessThan(f.mean[0]);
    expect(Math.abs(f.mean[0] - truth(365))).toBeLessThan(5);
  });
  it('log1p transform keeps forecasts of counts positive', () => {
    const rng = createRng(3);
    const y = Float64Array.from({ length: 120 }, (_, t) => Math.max(0, Math.round(3 * Math.exp(-t / 30) + rng.next())));
    const f = fitTrendRegression(y, { transform: 'log1p' }).forecast(28, 0.9);
    for (let h = 0; h < 28; h++) expect(f.lower[h]).toBeGreaterThan(-1);
  });
});

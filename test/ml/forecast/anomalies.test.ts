import { beforeAll, describe, expect, it } from 'vitest';
import { detectKpiAnomalies } from '../../../src/ml/forecast/anomalies.js';
import { loadAugurs } from '../../../src/ml/forecast/augurs.js';
import { createRng } from '../../../src/ml/core/rng.js';

// A seeded generator so the noise is the same on every run.
function generator(seed: number) {
  const rng = createRng(seed);
  const uniform = () => rng.next();
  const poisson = (lambda: number) => {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= uniform();
    } while (p > limit);
    return k - 1;
  };
  const binomial = (n: number, p: number) => {
    let c = 0;
    for (let i = 0; i < n; i++) if (uniform() < p) c++;
    return c;
  };
  return { poisson, binomial };
}

function rateSeries(seed: number, meanTrials: number, rateOn: (day: number) => number) {
  const g = generator(seed);
  const trials = Float64Array.from({ length: 730 }, () => g.poisson(meanTrials));
  const rate = Float64Array.from(trials, (n, t) => (n > 0 ? g.binomial(n, rateOn(t)) / n : 0));
  return { trials, rate };
}

describe('KPI anomalies', () => {
  beforeAll(async () => {
    await loadAugurs();
  });

  it('flags nothing in a click-through rate that is pure binomial noise at low volume', () => {
    for (const seed of [1, 2, 3]) {
      const { trials, rate } = rateSeries(seed, 5, () => 0.1);
      expect(detectKpiAnomalies('ctr', rate, 4, trials)).toEqual([]);
    }
  });

  it('the same noise read as a plain series (no denominators) is what used to raise false alarms', () => {
    const { rate } = rateSeries(1, 5, () => 0.1);
    expect(detectKpiAnomalies('ctr', rate).length).toBeGreaterThan(0);
  });

  it('finds a planted one-day spike in the rate when the day has enough impressions', () => {
    const { trials, rate } = rateSeries(4, 30, (t) => (t === 400 ? 0.6 : 0.1));
    const outliers = detectKpiAnomalies('ctr', rate, 4, trials).filter((a) => a.kind === 'outlier');
    expect(outliers.map((a) => a.day)).toEqual([400]);
    expect(outliers[0].score).toBeGreaterThan(4);
  });

  it('never flags a day without impressions', () => {
    const { trials, rate } = rateSeries(5, 30, () => 0.1);
    trials[200] = 0;
    rate[200] = 0;
    expect(detectKpiAnomalies('ctr', rate, 4, trials).some((a) => a.day === 200)).toBe(false);
  });

  it('counts: Poisson noise gives at most one outlier in two years; a planted spike is found', () => {
    const g = generator(9);
    const noise = Float64Array.from({ length: 730 }, () => g.poisson(20));
    expect(detectKpiAnomalies('sessions', noise).length).toBeLessThanOrEqual(1);
    noise[300] = 80;
    expect(detectKpiAnomalies('sessions', noise).some((a) => a.day === 300 && a.kind === 'outlier')).toBe(true);
  });

  it('counts: a planted level shift is confirmed as a changepoint at the day it happens', () => {
    const g = generator(1);
    const shifted = Float64Array.from({ length: 730 }, (_, t) => g.poisson(t >= 500 ? 40 : 20));
    const changepoints = detectKpiAnomalies('sessions', shifted).filter((a) => a.kind === 'changepoint');
    expect(changepoints.some((a) => Math.abs(a.day - 500) <= 2 && a.score > 4)).toBe(true);
    expect(changepoints.every((a) => Math.abs(a.day - 500) <= 14)).toBe(true);
  });
});

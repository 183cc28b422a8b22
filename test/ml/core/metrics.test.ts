import { describe, expect, it } from 'vitest';
import {
  accuracy,
  averagePrecision,
  averageRanks,
  brierScore,
  confusionMatrix,
  createWeightedAuc,
  logLoss,
  macroF1,
  rocAuc,
} from '../../../src/ml/core/metrics.js';
import { calibrationCurve } from '../../../src/ml/core/calibration.js';
import { syntheticLogistic } from '../helpers/synthetic.js';

describe('rocAuc', () => {
  it('counts won pairs (hand-computed 3 of 4)', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 12);
  });
  it('gives tied pairs half credit via average ranks', () => {
    // pos 0.5 ties neg 0.5 (0.5) and beats 0.2 (1); pos 0.9 beats both (2): 3.5 / 4.
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBeCloseTo(0.875, 12);
    expect(Array.from(averageRanks([3, 1, 3, 2]))).toEqual([3.5, 1, 3.5, 2]);
  });
  it('is NaN with one class and invariant to monotone transforms', () => {
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNaN();
    const { labels, trueProb } = syntheticLogistic(500, [1], { seed: 3 });
    expect(
      rocAuc(
        labels,
        trueProb.map((p) => Math.log(p / (1 - p))),
      ),
    ).toBeCloseTo(rocAuc(labels, trueProb), 12);
    expect(
      rocAuc(
        labels,
        trueProb.map((p) => -p),
      ),
    ).toBeCloseTo(1 - rocAuc(labels, trueProb), 12);
  });
  it('weighted AUC equals AUC of the duplicated data', () => {
    const y = [0, 1, 0, 1, 1, 0];
    const s = [0.3, 0.3, 0.1, 0.9, 0.2, 0.6];
    const w = [2, 1, 0, 3, 1, 1];
    const yd: number[] = [];
    const sd: number[] = [];
    w.forEach((c, i) => {
      for (let k = 0; k < c; k++) {
        yd.push(y[i]);
        sd.push(s[i]);
      }
    });
    const weighted = createWeightedAuc(s);
    expect(weighted(y, w)).toBeCloseTo(rocAuc(yd, sd), 12);
    expect(weighted(y, [1, 1, 1, 1, 1, 1])).toBeCloseTo(rocAuc(y, s), 12);
  });
});

describe('averagePrecision', () => {
  it('matches the step-function definition (hand-computed 5/6)', () => {
    // thresholds 0.9: R=.5 P=1; 0.8: R=.5; 0.7: R=1 P=2/3 -> .5 + .5*2/3.
    expect(averagePrecision([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1])).toBeCloseTo(0.5 + 1 / 3, 12);
  });
  it('treats tied scores as one threshold', () => {
    expect(averagePrecision([1, 0], [0.5, 0.5])).toBeCloseTo(0.5, 12);
    expect(averagePrecision([0, 0], [0.5, 0.1])).toBeNaN();
  });
});

describe('probability metrics', () => {
  it('log loss and Brier on a hand case', () => {
    expect(logLoss([1, 0], [0.8, 0.4])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 12);
    expect(brierScore([1, 0], [0.8, 0.4])).toBeCloseTo(0.1, 12);
    expect(Number.isFinite(logLoss([1], [0]))).toBe(true);
  });
  it('the true probabilities have lower log loss than a flat prior (seeded)', () => {
    const { labels, trueProb } = syntheticLogistic(4000, [1.5], { seed: 5 });
    const prior = labels.reduce((a, b) => a + b, 0) / labels.length;
    expect(logLoss(labels, trueProb)).toBeLessThan(logLoss(labels, new Float64Array(labels.length).fill(prior)));
  });
});

describe('classification counts', () => {
  const y = [0, 1, 2, 2, 1];
  const p = [0, 2, 2, 2, 1];
  it('confusion matrix is [true][predicted]', () => {
    expect(confusionMatrix(y, p)).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [0, 0, 2],
    ]);
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(/row 1/);
  });
  it('accuracy and macro-F1 (hand-computed)', () => {
    expect(accuracy(y, p)).toBeCloseTo(0.8, 12);
    // F1: class0 1, class1 2/3, class2 4/5.
    expect(macroF1(y, p)).toBeCloseTo((1 + 2 / 3 + 0.8) / 3, 12);
  });
});

describe('calibrationCurve', () => {
  it('uniform bins: means, rates, counts, ECE (hand-computed)', () => {
    const c = calibrationCurve([0, 1, 0, 1], [0.05, 0.15, 0.12, 0.95], 10);
    expect(c.bins.map((b) => b.count)).toEqual([1, 2, 1]);
    expect(c.bins[1].meanPredicted).toBeCloseTo(0.135, 12);
    expect(c.bins[1].observedRate).toBeCloseTo(0.5, 12);
    expect(c.bins[2].lower).toBeCloseTo(0.9, 12);
    expect(c.ece).toBeCloseTo(0.25 * 0.05 + 0.5 * 0.365 + 0.25 * 0.05, 12);
  });
  it('quantile bins hold equal counts and probability 1 lands in the last bin', () => {
    const c = calibrationCurve([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4], 2, 'quantile');
    expect(c.bins.map((b) => b.count)).toEqual([2, 2]);
    expect(c.bins[0].observedRate).toBe(0);
    expect(calibrationCurve([1], [1], 5).bins[0].lower).toBeCloseTo(0.8, 12);
  });
  it('true probabilities are well calibrated on seeded data', () => {
    const { labels, trueProb } = syntheticLogistic(20000, [1], { seed: 9 });
    expect(calibrationCurve(labels, trueProb, 10, 'quantile').ece).toBeLessThan(0.02);
  });
});

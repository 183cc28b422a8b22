import { describe, expect, it } from 'vitest';
import { bootstrapCi, quantileSorted } from '../../../src/ml/core/bootstrap.js';
import { permutationTest } from '../../../src/ml/core/permutation.js';
import { fractionOfCeiling, verdict } from '../../../src/ml/core/verdict.js';
import { BINARY_METRICS, logLoss, rocAuc } from '../../../src/ml/core/metrics.js';
import { createRng } from '../../../src/ml/core/rng.js';
import { syntheticLogistic } from '../helpers/synthetic.js';

const { labels, trueProb } = syntheticLogistic(2000, [1.2], { seed: 11 });

describe('bootstrapCi', () => {
  it('interpolates percentiles', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5, 12);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
  });
  it('every fast (weighted) path equals the generic copy-the-rows path replicate for replicate', () => {
    // Coarse scores so ties matter for the ranking metrics.
    const coarse = trueProb.map((p) => Math.round(p * 20) / 20);
    for (const name of ['roc_auc', 'average_precision', 'log_loss', 'brier', 'accuracy'] as const) {
      for (const stratified of [true, false]) {
        const fast = bootstrapCi(labels, coarse, name, { B: 60, seed: 3, stratified });
        const generic = bootstrapCi(labels, coarse, (y, s) => BINARY_METRICS[name].fn(y, s), { B: 60, seed: 3, stratified });
        expect(fast.lower, name).toBeCloseTo(generic.lower, 10);
        expect(fast.upper, name).toBeCloseTo(generic.upper, 10);
        expect(fast.validReplicates).toBe(60);
      }
    }
  });
  it('is seeded, brackets the estimate, and is degenerate for a perfect ranking', () => {
    const a = bootstrapCi(labels, trueProb, 'roc_auc', { B: 300, seed: 1 });
    const b = bootstrapCi(labels, trueProb, 'roc_auc', { B: 300, seed: 1 });
    expect(a).toEqual(b);
    expect(a.lower).toBeLessThan(a.estimate);
    expect(a.upper).toBeGreaterThan(a.estimate);
    // About 2 x 1.96 x SE; SE of AUC ~0.8 with 2000 rows is ~0.01.
    expect(a.upper - a.lower).toBeGreaterThan(0.02);
    expect(a.upper - a.lower).toBeLessThan(0.08);
    const perfect = bootstrapCi([0, 0, 1, 1, 0, 1], [0.1, 0.2, 0.8, 0.9, 0.3, 0.7], 'roc_auc', { B: 50 });
    expect([perfect.lower, perfect.upper]).toEqual([1, 1]);
  });
  it('covers the population AUC in most of 40 seeded repetitions', () => {
    const population = syntheticLogistic(200000, [1.2], { seed: 99 });
    const truth = rocAuc(population.labels, population.trueProb);
    let covered = 0;
    for (let r = 0; r < 40; r++) {
      const s = syntheticLogistic(600, [1.2], { seed: 1000 + r });
      const ci = bootstrapCi(s.labels, s.trueProb, 'roc_auc', { B: 200, seed: r });
      if (ci.lower <= truth && truth <= ci.upper) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(34);
  });
  it('works for log loss (unstratified)', () => {
    const ci = bootstrapCi(labels, trueProb, 'log_loss', { B: 100, seed: 2 });
    expect(ci.stratified).toBe(false);
    expect(ci.estimate).toBeCloseTo(logLoss(labels, trueProb), 12);
    expect(ci.lower).toBeLessThan(ci.estimate);
  });
});

describe('permutationTest', () => {
  it('finds strong signal with the smallest possible p', () => {
    const r = permutationTest(labels, trueProb, 'roc_auc', { B: 199, seed: 1 });
    expect(r.pValue).toBeCloseTo(1 / 200, 12);
    expect(Math.abs(r.nullMean - 0.5)).toBeLessThan(0.01);
  });
  it('finds no signal in unrelated scores', () => {
    const rng = createRng(8);
    const noise = Float64Array.from({ length: labels.length }, () => rng.next());
    const r = permutationTest(labels, noise, 'roc_auc', { B: 500, seed: 4 });
    expect(r.pValue).toBeGreaterThan(0.05);
  });
  it('fast AUC path equals the generic path; log loss uses lower-is-better', () => {
    const a = permutationTest(
      labels.slice(0, 300),
      trueProb.slice(0, 300).map((p) => p * 0.1 + Math.sin(p * 50) * 0.5),
      'roc_auc',
      { B: 100, seed: 5 },
    );
    const b = permutationTest(
      labels.slice(0, 300),
      trueProb.slice(0, 300).map((p) => p * 0.1 + Math.sin(p * 50) * 0.5),
      rocAuc,
      { B: 100, seed: 5 },
    );
    expect(a.pValue).toBe(b.pValue);
    const ll = permutationTest(labels, trueProb, 'log_loss', { B: 99, seed: 1 });
    expect(ll.greaterIsBetter).toBe(false);
    expect(ll.pValue).toBeCloseTo(0.01, 12);
  });
});

describe('verdict and ceiling', () => {
  const ci = (estimate: number, lower: number, upper: number) => ({
    estimate,
    lower,
    upper,
    level: 0.95,
    replicates: 300,
    validReplicates: 300,
    method: 'percentile-bootstrap' as const,
    stratified: true,
  });
  const perm = (pValue: number) => ({ observed: 0, pValue, permutations: 500, nullMean: 0.5, nullP95: 0.52, greaterIsBetter: true });
  it('says there is no evidence when p is large', () => {
    expect(verdict({ metricLabel: 'AUC', ci: ci(0.5, 0.47, 0.53), permutation: perm(0.41) }).text).toBe(
      'no evidence of signal: AUC 0.50 [0.47, 0.53], permutation p = 0.41',
    );
  });
  it('says signal, no_signal when the interval reaches chance, and compares with a baseline', () => {
    const strong = verdict({
      metricLabel: 'AUC',
      ci: ci(0.72, 0.7, 0.74),
      permutation: perm(0.002),
      baseline: { name: 'one-feature heuristic', estimate: 0.65 },
    });
    expect(strong.level).toBe('signal');
    expect(strong.text).toBe('signal: AUC 0.72 [0.70, 0.74], permutation p = 0.002; better than one-feature heuristic (0.65)');
    const weak = verdict({ metricLabel: 'AUC', ci: ci(0.54, 0.49, 0.58), permutation: perm(0.03) });
    expect(weak.level).toBe('no_signal');
    expect(weak.text).toMatch(/^no signal \(the interval still reaches chance\)/);
    const notBetter = verdict({
      metricLabel: 'AUC',
      ci: ci(0.72, 0.7, 0.74),
      permutation: perm(0.002),
      baseline: { name: 'heuristic', estimate: 0.71 },
    });
    expect(notBetter.text).toMatch(/not clearly better than heuristic \(0\.71\)$/);
  });
  it('fraction of ceiling: plain ratio and share of lift over chance', () => {
    const f = fractionOfCeiling(0.7, 0.8);
    expect(f.ratio).toBeCloseTo(0.875, 12);
    expect(f.aboveChance).toBeCloseTo(2 / 3, 12);
    expect(fractionOfCeiling(0.5, 0.5).aboveChance).toBeNaN();
  });
});

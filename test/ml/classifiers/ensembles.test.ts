import { describe, expect, it } from 'vitest';
import { fitGbt } from '../../../src/ml/classifiers/gbt.js';
import { fitForest } from '../../../src/ml/classifiers/forest.js';
import { fitLogistic } from '../../../src/ml/classifiers/logistic.js';
import { permutationImportance } from '../helpers/permutation-importance.js';
import { rocAuc } from '../../../src/ml/core/metrics.js';
import { syntheticLogistic } from '../helpers/synthetic.js';

// Main effects on f0..f2 plus an interaction f0*f1 that a linear model cannot represent.
const coef = [1, -0.8, 0.5];
const train = syntheticLogistic(6000, coef, { noiseFeatures: 5, interaction: 1.5, seed: 31 });
const valid = syntheticLogistic(2000, coef, { noiseFeatures: 5, interaction: 1.5, seed: 32 });
const test = syntheticLogistic(4000, coef, { noiseFeatures: 5, interaction: 1.5, seed: 33 });
const ceiling = rocAuc(test.labels, test.trueProb);

describe('gradient-boosted trees', () => {
  const gbt = fitGbt(train.x, train.labels, {
    nTrees: 300,
    learningRate: 0.05,
    validation: { x: valid.x, labels: valid.labels },
    earlyStoppingRounds: 30,
    seed: 1,
  });
  const auc = rocAuc(test.labels, gbt.predictProba(test.x));
  it('gets close to the ceiling and beats logistic regression on an interaction', () => {
    const lr = rocAuc(test.labels, fitLogistic(train.x, train.labels).predictProba(test.x));
    expect(auc).toBeGreaterThan(ceiling - 0.03);
    expect(auc).toBeGreaterThan(lr + 0.02);
  });
  it('early stopping keeps the best round, and importance favours real features', () => {
    expect(gbt.bestIteration).toBeGreaterThan(10);
    expect(gbt.trees.length).toBe(gbt.bestIteration);
    const best = Math.min(...gbt.validationLoss);
    expect(gbt.validationLoss[gbt.bestIteration - 1]).toBe(best);
    const imp = gbt.featureImportance;
    const real = imp.slice(0, 3).reduce((a, b) => a + b.importance, 0);
    expect(real).toBeGreaterThan(0.8);
  });
  it('is deterministic for a seed with row subsampling', () => {
    const a = fitGbt(train.x, train.labels, { nTrees: 20, subsample: 0.7, seed: 5 }).predictProba(test.x);
    const b = fitGbt(train.x, train.labels, { nTrees: 20, subsample: 0.7, seed: 5 }).predictProba(test.x);
    const c = fitGbt(train.x, train.labels, { nTrees: 20, subsample: 0.7, seed: 6 }).predictProba(test.x);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });
  it('fits 10k rows x 20 features x 200 trees in a few seconds', () => {
    const big = syntheticLogistic(10000, [1, -0.8, 0.5, 0.3], { noiseFeatures: 16, seed: 41 });
    // CPU time of this process, so a busy shared machine does not inflate it.
    const before = process.cpuUsage();
    const m = fitGbt(big.x, big.labels, { nTrees: 200, learningRate: 0.05 });
    const used = process.cpuUsage(before);
    const seconds = (used.user + used.system) / 1e6;
    console.log(`gbt 10k x 20 x 200 trees: ${seconds.toFixed(2)} s cpu`);
    expect(m.trees.length).toBe(200);
    expect(seconds).toBeLessThan(5); // ~1.2-1.6 s measured
  });
});

describe('random forest', () => {
  const rf = fitForest(train.x, train.labels, { nTrees: 60, seed: 2 });
  const p = rf.predictProba(test.x);
  it('ranks well and outputs probabilities', () => {
    expect(rocAuc(test.labels, p)).toBeGreaterThan(ceiling - 0.05);
    expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(rf.featureImportance.reduce((a, b) => a + b.importance, 0)).toBeCloseTo(1, 12);
  });
  it('is seeded', () => {
    const again = fitForest(train.x, train.labels, { nTrees: 60, seed: 2 }).predictProba(test.x);
    expect(Array.from(again)).toEqual(Array.from(p));
  });
  it('permutation importance puts noise features near zero and real ones above', () => {
    const imp = permutationImportance(rf, test.x, test.labels, { nRepeats: 3, seed: 1 });
    const noise = imp.slice(3).map((f) => f.importance);
    expect(Math.max(...noise)).toBeLessThan(0.01);
    expect(imp[0].importance).toBeGreaterThan(0.03);
    expect(imp[1].importance).toBeGreaterThan(0.03);
  });
});

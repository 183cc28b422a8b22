import { describe, expect, it } from 'vitest';
import { applyBinner, binIndex, fitBinner } from '../../../src/ml/classifiers/binning.js';
import { buildTree, predictTreeRow } from '../../../src/ml/classifiers/tree.js';
import { createMatrix, matrixFromRows } from '../../../src/ml/core/matrix.js';

describe('binning', () => {
  it('few distinct values: thresholds at midpoints, exact bins', () => {
    const x = createMatrix(6, ['v'], Float64Array.from([1, 1, 2, 4, 4, 4]));
    const b = fitBinner(x);
    expect(Array.from(b.thresholds[0])).toEqual([1.5, 3]);
    const binned = applyBinner(b, x);
    expect(Array.from(binned.bins)).toEqual([0, 0, 1, 2, 2, 2]);
    expect(binned.nBins[0]).toBe(3);
    expect(binIndex(b.thresholds[0], NaN)).toBe(0);
    expect(binIndex(b.thresholds[0], 100)).toBe(2);
  });
  it('many distinct values: at most maxBins bins of roughly equal size', () => {
    const x = createMatrix(
      1000,
      ['v'],
      Float64Array.from({ length: 1000 }, (_, i) => i * 1.5),
    );
    const binned = applyBinner(fitBinner(x, 10), x);
    expect(binned.nBins[0]).toBeLessThanOrEqual(10);
    const counts = new Array(binned.nBins[0]).fill(0);
    for (const v of binned.bins) counts[v]++;
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(90);
    expect(Math.max(...counts)).toBeLessThanOrEqual(110);
    expect(() => fitBinner(x, 300)).toThrow(/maxBins/);
  });
});

describe('buildTree', () => {
  const params = { maxDepth: 3, maxLeaves: 8, minSamplesLeaf: 1, minChildWeight: 0, l2: 0, minGain: 1e-12 };
  it('splits a step function where it steps; leaf values are the label frequencies', () => {
    const x = matrixFromRows(
      [
        [1, 7],
        [2, 7],
        [3, 7],
        [4, 7],
      ],
      ['step', 'flat'],
    );
    const binned = applyBinner(fitBinner(x), x);
    const y = [0, 0, 1, 1];
    const { tree, gainByFeature } = buildTree(
      binned,
      Int32Array.from([0, 1, 2, 3]),
      Float64Array.from(y, (v) => -v),
      new Float64Array(4).fill(1),
      params,
    );
    expect(tree.feature[0]).toBe(0);
    expect(tree.thresholdBin[0]).toBe(1);
    expect([0, 1, 2, 3].map((i) => predictTreeRow(tree, binned, i))).toEqual([0, 0, 1, 1]);
    // Gain = SSE reduction x 2 = (0 + 4/2) - 4/4 = 1 in the G^2/H form.
    expect(gainByFeature[0]).toBeCloseTo(1, 12);
    expect(gainByFeature[1]).toBe(0);
  });
  it('respects minSamplesLeaf and maxDepth', () => {
    const x = createMatrix(8, ['v'], Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
    const binned = applyBinner(fitBinner(x), x);
    const g = Float64Array.from([0, 1, 0, 1, 0, 1, 0, 1], (v) => -v);
    const h = new Float64Array(8).fill(1);
    const rows = Int32Array.from({ length: 8 }, (_, i) => i);
    const shallow = buildTree(binned, rows, g, h, { ...params, maxDepth: 1 }).tree;
    expect(shallow.feature.filter((f) => f >= 0).length).toBeLessThanOrEqual(1);
    const big = buildTree(binned, rows, g, h, { ...params, maxDepth: 10, maxLeaves: 100, minSamplesLeaf: 3 }).tree;
    const leafSizes = new Map<number, number>();
    for (let i = 0; i < 8; i++) {
      let node = 0;
      while (big.feature[node] >= 0) node = binned.bins[i] <= big.thresholdBin[node] ? big.left[node] : big.right[node];
      leafSizes.set(node, (leafSizes.get(node) ?? 0) + 1);
    }
    expect(Math.min(...leafSizes.values())).toBeGreaterThanOrEqual(3);
  });
});

describe('small and gappy inputs', () => {
  it('GBT and forest train on 6 rows with NaN (NaN goes to the lowest bin)', async () => {
    const { fitGbt } = await import('../../../src/ml/classifiers/gbt.js');
    const { fitForest } = await import('../../../src/ml/classifiers/forest.js');
    const x = matrixFromRows([[NaN], [1], [2], [8], [9], [10]], ['v']);
    const y = [0, 0, 0, 1, 1, 1];
    const gbt = fitGbt(x, y, { nTrees: 30, minSamplesLeaf: 1, learningRate: 0.3 });
    const p = gbt.predictProba(x);
    expect(p[0]).toBeLessThan(0.5);
    expect(p[5]).toBeGreaterThan(0.5);
    const rf = fitForest(x, y, { nTrees: 10, minSamplesLeaf: 1, seed: 3 }).predictProba(matrixFromRows([[NaN], [9.5]], ['v']));
    expect(rf[0]).toBeLessThan(0.5);
    expect(rf[1]).toBeGreaterThan(0.5);
  });
});

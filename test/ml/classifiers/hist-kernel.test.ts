// The WebAssembly histogram fill (hist-kernel.ts) must grow the JavaScript's trees to the bit:
// boosting with and without row subsampling and early stopping on a validation set, forests (bootstrap
// rows with repeats, a few sampled features per split), features with few and many bins, and a row
// count that is no multiple of anything in particular.
import { beforeAll, describe, expect, it } from 'vitest';
import { fitForest } from '../../../src/ml/classifiers/forest.js';
import { fitGbt, type GbtModel } from '../../../src/ml/classifiers/gbt.js';
import { loadHistKernel } from '../../../src/ml/classifiers/hist-kernel.js';
import { selectRows } from '../../../src/ml/core/matrix.js';
import { syntheticLogistic } from '../helpers/synthetic.js';

const bits = (a: ArrayLike<number>) => Array.from(new Uint32Array(Float64Array.from(a).buffer));
const trees = (m: Pick<GbtModel, 'trees'>) =>
  m.trees.map((t) => ({
    feature: Array.from(t.feature),
    thresholdBin: Array.from(t.thresholdBin),
    value: bits(t.value),
  }));

describe('histogram kernel', () => {
  beforeAll(() => loadHistKernel());

  it('grows the JavaScript trees to the bit', () => {
    const data = syntheticLogistic(1237, [1.5, -1, 0.5, 0.25], { noiseFeatures: 3, interaction: 0.8, seed: 4 });
    // A few coarse features (few bins) beside continuous ones.
    for (let i = 0; i < data.x.nRows; i++) data.x.data[i] = Math.round(data.x.data[i] * 2);
    const rows = Array.from({ length: 1000 }, (_, i) => i);
    const held = Array.from({ length: 237 }, (_, i) => 1000 + i);
    const x = selectRows(data.x, rows);
    const y = rows.map((i) => data.labels[i]);
    const validation = { x: selectRows(data.x, held), labels: held.map((i) => data.labels[i]) };
    for (const options of [
      { nTrees: 25, seed: 1 },
      { nTrees: 60, seed: 2, subsample: 0.7, validation, earlyStoppingRounds: 5 },
    ]) {
      const js = fitGbt(x, y, { ...options, kernel: 'js' });
      const wasm = fitGbt(x, y, options);
      expect(trees(wasm)).toEqual(trees(js));
      expect(bits(wasm.predictProba(validation.x))).toEqual(bits(js.predictProba(validation.x)));
      expect(wasm.featureImportance).toEqual(js.featureImportance);
    }
  });

  it('grows the JavaScript forests to the bit', () => {
    const data = syntheticLogistic(1311, [1.5, -1, 0.5, 0.25, 0.8], { noiseFeatures: 6, interaction: 0.8, seed: 8 });
    for (let i = 0; i < data.x.nRows; i++) data.x.data[i] = Math.round(data.x.data[i] * 2);
    for (const options of [
      { nTrees: 12, seed: 3 },
      { nTrees: 8, seed: 5, maxFeatures: 2, maxDepth: 6, minSamplesLeaf: 1 },
    ]) {
      const js = fitForest(data.x, data.labels, { ...options, kernel: 'js' });
      const wasm = fitForest(data.x, data.labels, options);
      expect(trees(wasm)).toEqual(trees(js));
      expect(bits(wasm.predictProba(data.x))).toEqual(bits(js.predictProba(data.x)));
      expect(wasm.featureImportance).toEqual(js.featureImportance);
    }
  });
});

// Boosting's WebAssembly histogram fill (hist-kernel.ts) must grow the JavaScript's trees to the bit:
// with and without row subsampling, early stopping on a validation set, features with few and many
// bins, and a row count that is no multiple of anything in particular.
import { beforeAll, describe, expect, it } from 'vitest';
import { fitGbt, type GbtModel } from '../../../src/ml/classifiers/gbt.js';
import { loadHistKernel } from '../../../src/ml/classifiers/hist-kernel.js';
import { selectRows } from '../../../src/ml/core/matrix.js';
import { syntheticLogistic } from '../helpers/synthetic.js';

const bits = (a: ArrayLike<number>) => Array.from(new Uint32Array(Float64Array.from(a).buffer));
const trees = (m: GbtModel) =>
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
});

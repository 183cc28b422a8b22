// The segmentation null reference: separated blobs beat the permuted-components null; one Gaussian
// cloud (with skewed marginals too) does not.
import { describe, expect, it } from 'vitest';
import { nullReference, permuteComponents } from '../../../src/ml/segment/null_reference.js';
import { createRng } from '../../../src/ml/core/rng.js';
import type { Points } from '../../../src/ml/cluster/points.js';

const K = [2, 3, 4, 5];

function points(n: number, dim: number, f: (i: number, c: number) => number): Points {
  const values = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) for (let c = 0; c < dim; c++) values[i * dim + c] = f(i, c);
  return { n, dim, values };
}

describe('nullReference', () => {
  it('finds structure in four separated blobs', () => {
    const rng = createRng(1);
    const centres = [
      [0, 0, 0],
      [4, 4, 0],
      [0, 4, 4],
      [4, 0, 4],
    ];
    const p = points(800, 3, (i, c) => centres[i % 4][c] + rng.normal());
    const r = nullReference(p, K, 7, { replicates: 19, sampleSize: 400 });
    expect(r.structure).toBe(true);
    expect(r.pValue).toBeCloseTo(0.05, 9);
    expect(r.statistic).toBeGreaterThan(r.null95);
    expect(r.nullValues).toHaveLength(19);
  });

  it('claims structure in a single cloud (one skewed component) at about the nominal 5% rate', () => {
    // Without structure the real statistic is exchangeable with the replicates, so p is uniform:
    // over 10 clouds, more than 2 claims would happen with probability about 1%.
    const claims = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((seed) => {
      const rng = createRng(seed);
      const p = points(800, 3, (_i, c) => (c === 0 ? Math.exp(rng.normal() * 0.6) : rng.normal()));
      return nullReference(p, K, 7, { replicates: 19, sampleSize: 400 }).structure;
    });
    expect(claims.filter(Boolean).length).toBeLessThanOrEqual(2);
  });

  it('permutes each component on its own: every column keeps its values', () => {
    const p = points(50, 2, (i, c) => i * 10 + c);
    const q = permuteComponents(p, 3);
    for (let c = 0; c < 2; c++) {
      const col = (x: Points) => Array.from({ length: x.n }, (_, i) => x.values[i * 2 + c]).sort((a, b) => a - b);
      expect(col(q)).toEqual(col(p));
    }
    expect(Array.from(q.values)).not.toEqual(Array.from(p.values));
  });
});

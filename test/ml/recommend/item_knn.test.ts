import { describe, expect, it } from 'vitest';
import { fitItemKnn } from '../../../src/ml/recommend/item_knn.js';
import { csrFromTriplets, type CsrMatrix } from '../../../src/ml/recommend/sparse.js';
import { createRng } from '../../../src/ml/core/rng.js';

// The definition the sparse fit must reproduce bit for bit: a dense item x item matrix of dot
// products summed user by user, cosine with shrinkage, the k largest positive per item.
function denseNeighbours(train: CsrMatrix, k: number, shrinkage: number): { indices: number[]; values: number[] }[] {
  const n = train.nCols;
  const dots = new Float64Array(n * n);
  const norms = new Float64Array(n);
  for (let u = 0; u < train.nRows; u++) {
    for (let a = train.indptr[u]; a < train.indptr[u + 1]; a++) {
      const i = train.indices[a];
      norms[i] += train.values[a] * train.values[a];
      for (let b = train.indptr[u]; b < train.indptr[u + 1]; b++)
        if (a !== b) dots[i * n + train.indices[b]] += train.values[a] * train.values[b];
    }
  }
  return Array.from({ length: n }, (_, i) => {
    const sim = Array.from({ length: n }, (_, j) => {
      const dot = dots[i * n + j];
      return dot > 0 ? dot / (Math.sqrt(norms[i]) * Math.sqrt(norms[j]) + shrinkage) : 0;
    });
    const picked = sim
      .map((s, j) => j)
      .filter((j) => sim[j] > 0)
      .sort((a, b) => sim[b] - sim[a] || a - b)
      .slice(0, k);
    return { indices: picked, values: picked.map((j) => Math.fround(sim[j])) };
  });
}

describe('item kNN', () => {
  it('keeps exactly the neighbours and similarities of the dense item x item computation', () => {
    const rng = createRng(5);
    const nUsers = 400;
    const nItems = 120;
    const rows: number[] = [];
    const cols: number[] = [];
    const vals: number[] = [];
    for (let u = 0; u < nUsers; u++) {
      const watched = 1 + rng.int(12);
      // Popular titles more often, so some items share many viewers and some none.
      for (let w = 0; w < watched; w++) {
        rows.push(u);
        cols.push(Math.floor(nItems * rng.next() ** 2));
        vals.push(Math.log1p(1 + rng.int(300)));
      }
    }
    const train = csrFromTriplets(nUsers, nItems, rows, cols, vals);
    const model = fitItemKnn(train, { k: 7, shrinkage: 10 });
    const want = denseNeighbours(train, 7, 10);
    let kept = 0;
    for (let i = 0; i < nItems; i++) {
      const from = model.neighbours.indptr[i];
      const to = model.neighbours.indptr[i + 1];
      expect(Array.from(model.neighbours.indices.subarray(from, to)), `item ${i}`).toEqual(want[i].indices);
      expect(Array.from(model.neighbours.values.subarray(from, to)), `item ${i}`).toEqual(want[i].values);
      kept += to - from;
    }
    // Most items have the full 7 neighbours; the rarest have fewer or none.
    expect(kept).toBeGreaterThan(nItems * 5);
  });
});

// Lloyd with Hamerly's bounds (src/ml/cluster/kmeans.ts) must give plain Lloyd's result bit for bit:
// the same labels, centroids, inertia and iteration count, from the same starting centroids, on data
// with clear clusters, no clusters, many exact ties (points on a grid, duplicated points) and
// emptied clusters. plainLloyd below is the algorithm before the bounds, kept as the reference.
import { describe, expect, it } from 'vitest';
import { lloyd, type KMeansResult } from '../../../src/ml/cluster/kmeans.js';
import { sqDist, type Points } from '../../../src/ml/cluster/points.js';
import { createRng, type Rng } from '../../../src/ml/core/rng.js';

function plainLloyd(p: Points, centroids: Float64Array, k: number, maxIter: number, tol: number): KMeansResult {
  const { n, dim, values } = p;
  const labels = new Int32Array(n);
  const dist = new Float64Array(n);
  const sums = new Float64Array(k * dim);
  const counts = new Int32Array(k);
  let iterations = 0;
  for (let it = 0; it < maxIter; it++) {
    iterations = it + 1;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const dd = sqDist(values, i, centroids, c, dim);
        if (dd < bestD) {
          bestD = dd;
          best = c;
        }
      }
      labels[i] = best;
      dist[i] = bestD;
    }
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      counts[c]++;
      for (let j = 0; j < dim; j++) sums[c * dim + j] += values[i * dim + j];
    }
    let moved = 0;
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        let far = 0;
        for (let i = 1; i < n; i++) if (dist[i] > dist[far]) far = i;
        dist[far] = 0;
        for (let j = 0; j < dim; j++) sums[c * dim + j] = values[far * dim + j];
        counts[c] = 1;
      }
      let shift = 0;
      for (let j = 0; j < dim; j++) {
        const v = sums[c * dim + j] / counts[c];
        shift += (v - centroids[c * dim + j]) ** 2;
        centroids[c * dim + j] = v;
      }
      moved = Math.max(moved, shift);
    }
    if (moved <= tol) break;
  }
  // Final assignment against the final centroids.
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const dd = sqDist(values, i, centroids, c, dim);
      if (dd < bestD) {
        bestD = dd;
        best = c;
      }
    }
    labels[i] = best;
    inertia += bestD;
  }
  return { k, labels, centroids, inertia, iterations };
}

function points(n: number, dim: number, value: (i: number, j: number) => number): Points {
  const values = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) values[i * dim + j] = value(i, j);
  return { n, dim, values };
}

/** k starting centroids, each a seeded random point (two may coincide, as a bad start would have). */
function start(p: Points, k: number, rng: Rng): Float64Array {
  const c = new Float64Array(k * p.dim);
  for (let j = 0; j < k; j++) {
    const i = rng.int(p.n);
    c.set(p.values.subarray(i * p.dim, (i + 1) * p.dim), j * p.dim);
  }
  return c;
}

function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

function expectSame(p: Points, k: number, init: Float64Array, maxIter = 300, tol = 1e-10): KMeansResult {
  const bounded = lloyd(p, init.slice(), k, maxIter, tol);
  const plain = plainLloyd(p, init.slice(), k, maxIter, tol);
  expect(bounded.iterations).toBe(plain.iterations);
  expect(bounded.inertia).toBe(plain.inertia);
  expect(Array.from(bounded.labels)).toEqual(Array.from(plain.labels));
  expect(Array.from(bounded.centroids)).toEqual(Array.from(plain.centroids));
  return bounded;
}

describe("Lloyd with Hamerly's bounds", () => {
  it('equals plain Lloyd on clustered data, k from 1 to 12, in 2 to 8 dimensions', () => {
    const rng = createRng(7);
    for (const dim of [2, 5, 8]) {
      const centres = Array.from({ length: 6 }, () => Array.from({ length: dim }, () => 8 * gaussian(rng)));
      const p = points(3000, dim, (i, j) => centres[i % 6][j] + gaussian(rng));
      for (const k of [1, 2, 3, 6, 7, 12]) expectSame(p, k, start(p, k, rng));
    }
  });

  it('equals plain Lloyd on structureless data, where points change cluster for many iterations', () => {
    const rng = createRng(11);
    const p = points(5000, 5, () => gaussian(rng));
    for (const k of [4, 9]) {
      const r = expectSame(p, k, start(p, k, rng));
      expect(r.iterations).toBeGreaterThan(10);
    }
  });

  it('equals plain Lloyd where distances tie exactly (integer grid, duplicated points)', () => {
    const rng = createRng(3);
    // Integer coordinates in a small range: many points lie exactly half-way between two centroids.
    const grid = points(2000, 2, () => rng.int(5));
    for (const k of [2, 3, 4, 5, 8]) expectSame(grid, k, start(grid, k, rng));
    const dup = points(1200, 3, (i, j) => (i % 4) * 2 + j);
    for (const k of [2, 3, 4]) expectSame(dup, k, start(dup, k, rng));
  });

  it('equals plain Lloyd when clusters empty and are re-seeded (more clusters than distinct points)', () => {
    const rng = createRng(5);
    const few = points(500, 2, (i, j) => (i % 3) * 10 + j);
    for (const k of [4, 6]) expectSame(few, k, start(few, k, rng));
    // All starting centroids on one point: every cluster but one empties at once.
    const p = points(800, 3, () => gaussian(rng));
    const one = new Float64Array(5 * 3);
    for (let c = 0; c < 5; c++) one.set(p.values.subarray(0, 3), c * 3);
    expectSame(p, 5, one);
  });

  it('equals plain Lloyd when stopped by the iteration cap or a loose tolerance', () => {
    const rng = createRng(13);
    const p = points(4000, 4, () => gaussian(rng));
    for (const maxIter of [1, 2, 5]) expectSame(p, 6, start(p, 6, createRng(maxIter)), maxIter);
    expectSame(p, 6, start(p, 6, rng), 300, 1e-3);
  });
});

import { describe, expect, it } from 'vitest';
import { assignToCentroids, kmeans } from '../../../src/ml/cluster/kmeans.js';
import { silhouetteScore, silhouetteScorer } from '../../../src/ml/cluster/silhouette.js';
import { chooseKBySilhouette } from '../../../src/ml/cluster/choose_k.js';
import { adjustedRandIndex, meanPairwiseAri, stabilityAcrossSeeds } from '../../../src/ml/cluster/ari.js';
import { pointsFromMatrix } from '../../../src/ml/cluster/points.js';
import { createMatrix, matrixFromRows } from '../../../src/ml/core/matrix.js';
import { syntheticBlobs } from '../helpers/synthetic.js';

const blobs = syntheticBlobs(
  [
    [0, 0],
    [6, 0],
    [0, 6],
  ],
  100,
  0.8,
  3,
);
const blobPoints = pointsFromMatrix(blobs.x);

describe('kmeans', () => {
  it('hand case: two pairs give centroids at the pair means and inertia 1', () => {
    const p = pointsFromMatrix(
      matrixFromRows([
        [0, 0],
        [0, 1],
        [10, 10],
        [10, 11],
      ]),
    );
    const r = kmeans(p, 2, { seed: 1 });
    expect(r.inertia).toBeCloseTo(1, 12);
    expect(r.labels[0]).toBe(r.labels[1]);
    expect(r.labels[2]).toBe(r.labels[3]);
    expect(r.labels[0]).not.toBe(r.labels[2]);
    const c = r.labels[0];
    expect([r.centroids[c * 2], r.centroids[c * 2 + 1]]).toEqual([0, 0.5]);
    expect(Array.from(assignToCentroids(p, r.centroids, 2))).toEqual(Array.from(r.labels));
  });
  it('recovers separated blobs exactly and is seeded', () => {
    const r = kmeans(blobPoints, 3, { seed: 7 });
    expect(adjustedRandIndex(r.labels, blobs.truth)).toBe(1);
    expect(kmeans(blobPoints, 3, { seed: 7 })).toEqual(r);
    expect(() => kmeans(blobPoints, 0)).toThrow(/k must be/);
  });
  it('rejects NaN input', () => {
    expect(() => pointsFromMatrix(createMatrix(1, ['a'], Float64Array.from([NaN])))).toThrow(/impute/);
  });
});

describe('silhouette', () => {
  it('hand case on a line: 0, 1 | 10, 11', () => {
    const p = pointsFromMatrix(matrixFromRows([[0], [1], [10], [11]]));
    const expected = ((10.5 - 1) / 10.5 + (9.5 - 1) / 9.5) / 2;
    expect(silhouetteScore(p, [0, 0, 1, 1]).score).toBeCloseTo(expected, 12);
    // A singleton scores 0 and noise (-1) is excluded.
    expect(silhouetteScore(p, [0, 0, 1, -1]).used).toBe(3);
    expect(silhouetteScore(p, [0, 0, 0, 0]).score).toBeNaN();
  });
  it('sampled estimate is close to the exact value', () => {
    const labels = kmeans(blobPoints, 3, { seed: 1 }).labels;
    const exact = silhouetteScore(blobPoints, labels);
    const sampled = silhouetteScore(blobPoints, labels, { maxExact: 100, sampleSize: 150, seed: 2 });
    expect(exact.sampled).toBe(false);
    expect(sampled.sampled).toBe(true);
    expect(sampled.used).toBe(150);
    expect(Math.abs(sampled.score - exact.score)).toBeLessThan(0.03);
  });
  it('a scorer of one point set gives silhouetteScore to the bit, sampled or not, noise or not', () => {
    for (const options of [{}, { maxExact: 100, sampleSize: 150, seed: 2 }]) {
      const score = silhouetteScorer(blobPoints, options);
      for (const k of [2, 3, 5]) {
        const labels = kmeans(blobPoints, k, { seed: k }).labels;
        expect(score(labels)).toEqual(silhouetteScore(blobPoints, labels, options));
      }
      const noisy = Int32Array.from(kmeans(blobPoints, 3, { seed: 1 }).labels, (l, i) => (i % 4 === 0 ? -1 : l));
      expect(score(noisy)).toEqual(silhouetteScore(blobPoints, noisy, options));
      expect(() => score([0, 1])).toThrow(/2 labels vs/);
    }
  });
  it('choosing k by silhouette finds the 3 blobs and returns the curve', () => {
    const r = chooseKBySilhouette(blobPoints, [2, 3, 4, 5], { seed: 1, nInit: 3 });
    expect(r.bestK).toBe(3);
    expect(r.curve.map((c) => c.k)).toEqual([2, 3, 4, 5]);
    expect(r.curve[1].inertia).toBeLessThan(r.curve[0].inertia);
  });
});

describe('adjusted Rand index', () => {
  it('hand case: [0,0,1,1] vs [0,0,1,2] = 4/7', () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(4 / 7, 12);
    expect(adjustedRandIndex([0, 0, 1, 1], [5, 5, 9, 9])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
  });
  it('stability across seeds: 1 on clear blobs, lower on structureless noise', () => {
    expect(stabilityAcrossSeeds((seed) => kmeans(blobPoints, 3, { seed, nInit: 1 }).labels, 4).meanAri).toBe(1);
    const noise = pointsFromMatrix(syntheticBlobs([[0, 0]], 300, 1, 5).x);
    const s = stabilityAcrossSeeds((seed) => kmeans(noise, 6, { seed, nInit: 1 }).labels, 4);
    expect(s.meanAri).toBeLessThan(0.95);
    expect(() => meanPairwiseAri([[0]])).toThrow(/two/);
  });
});

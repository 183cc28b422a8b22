import { describe, expect, it } from 'vitest';
import { chooseEpsByKnee, dbscan, kDistanceCurve, kneeIndex, samplePoints } from '../../../src/ml/cluster/dbscan.js';
import { fitGmm, predictGmm } from '../../../src/ml/cluster/gmm.js';
import { chooseGmmByBic } from '../../../src/ml/cluster/choose_k.js';
import { adjustedRandIndex } from '../../../src/ml/cluster/ari.js';
import { pointsFromMatrix } from '../../../src/ml/cluster/points.js';
import { createMatrix, matrixFromRows } from '../../../src/ml/core/matrix.js';
import { createRng } from '../../../src/ml/core/rng.js';
import { syntheticBlobs } from '../helpers/synthetic.js';

describe('dbscan', () => {
  it('hand case: two dense groups and one outlier', () => {
    const p = pointsFromMatrix(matrixFromRows([[0], [0.5], [1], [10], [10.5], [11], [30]]));
    const r = dbscan(p, 0.6, 2);
    expect(Array.from(r.labels)).toEqual([0, 0, 0, 1, 1, 1, -1]);
    expect(r.nClusters).toBe(2);
    expect(r.nNoise).toBe(1);
  });
  it('border points join the cluster; non-core isolated points stay noise', () => {
    // minPts 3: 0.5 is core (0, 0.5, 1 within 0.6); 0 and 1 are border points.
    const p = pointsFromMatrix(matrixFromRows([[0], [0.5], [1], [5]]));
    expect(Array.from(dbscan(p, 0.6, 3).labels)).toEqual([0, 0, 0, -1]);
    expect(Array.from(dbscan(p, 0.4, 3).labels)).toEqual([-1, -1, -1, -1]);
  });
  it('k-distance curve and knee (hand case)', () => {
    const p = pointsFromMatrix(matrixFromRows([[0], [1], [2], [10]]));
    expect(Array.from(kDistanceCurve(p, 1))).toEqual([1, 1, 1, 8]);
    expect(Array.from(kDistanceCurve(p, 2))).toEqual([1, 2, 2, 9]);
    expect(kneeIndex([1, 1, 1, 1, 1, 2, 10])).toBe(5);
  });
  it('eps from the knee recovers blobs on a seeded sample', () => {
    const blobs = syntheticBlobs(
      [
        [0, 0],
        [8, 0],
        [0, 8],
      ],
      400,
      0.7,
      4,
    );
    const all = pointsFromMatrix(blobs.x);
    const { points, rows } = samplePoints(all, 600, 1);
    expect(points.n).toBe(600);
    const { eps } = chooseEpsByKnee(points, 5);
    // Classic DBSCAN at the knee eps leaves a 6-point crumb at a blob edge ...
    expect(dbscan(points, eps, 5).nClusters).toBe(4);
    // ... which a minimum cluster size turns into noise.
    const r = dbscan(points, eps, 5, 20);
    expect(r.nClusters).toBe(3);
    const kept = Array.from(rows).filter((_, k) => r.labels[k] >= 0);
    expect(kept.length).toBeGreaterThan(540);
    const truth = kept.map((row) => blobs.truth[row]);
    const found = Array.from(r.labels).filter((l) => l >= 0);
    expect(adjustedRandIndex(found, truth)).toBe(1);
  });
});

describe('gaussian mixture', () => {
  it('one component: sample mean, population variance and the exact log-likelihood', () => {
    const p = pointsFromMatrix(createMatrix(2, ['v'], Float64Array.from([0, 2])));
    const g = fitGmm(p, 1, { regCovar: 0 });
    expect(g.means[0]).toBeCloseTo(1, 12);
    expect(g.covariances[0]).toBeCloseTo(1, 12);
    expect(g.logLikelihood).toBeCloseTo(2 * (-0.5 * Math.log(2 * Math.PI) - 0.5), 10);
    // BIC = -2 LL + (0 weights + 1 mean + 1 variance) ln 2.
    expect(g.bic).toBeCloseTo(-2 * g.logLikelihood + 2 * Math.log(2), 10);
  });
  it('diagonal EM recovers blob means and unequal variances; BIC picks 3', () => {
    const a = syntheticBlobs([[0, 0]], 300, 0.5, 1).x;
    const b = syntheticBlobs([[6, 6]], 300, 1.5, 2).x;
    const rows: number[][] = [];
    for (const m of [a, b]) for (let i = 0; i < m.nRows; i++) rows.push([m.data[i], m.data[m.nRows + i]]);
    const g = fitGmm(pointsFromMatrix(matrixFromRows(rows)), 2, { seed: 3 });
    const order = g.means[0] < g.means[2] ? [0, 1] : [1, 0];
    expect(g.means[order[0] * 2]).toBeCloseTo(0, 0);
    expect(g.means[order[1] * 2]).toBeCloseTo(6, 0);
    expect(Math.sqrt(g.covariances[order[0] * 2])).toBeCloseTo(0.5, 1);
    expect(Math.sqrt(g.covariances[order[1] * 2])).toBeGreaterThan(1.3);
    expect(g.converged).toBe(true);
    const three = pointsFromMatrix(
      syntheticBlobs(
        [
          [0, 0],
          [6, 0],
          [0, 6],
        ],
        150,
        0.8,
        9,
      ).x,
    );
    const choice = chooseGmmByBic(three, [1, 2, 3, 4, 5], { seed: 1 });
    expect(choice.bestK).toBe(3);
    expect(choice.curve).toHaveLength(5);
  });
  it('full covariance recovers a correlation and beats diagonal on likelihood', () => {
    const rng = createRng(12);
    const rows: number[][] = [];
    for (let i = 0; i < 3000; i++) {
      const u = rng.normal();
      const v = rng.normal();
      rows.push([u, 0.9 * u + Math.sqrt(1 - 0.81) * v]);
    }
    const p = pointsFromMatrix(matrixFromRows(rows));
    const full = fitGmm(p, 1, { covariance: 'full' });
    expect(full.covariances[1]).toBeCloseTo(0.9, 1);
    expect(full.covariances[1]).toBe(full.covariances[2]);
    const diag = fitGmm(p, 1, { covariance: 'diag' });
    expect(full.logLikelihood).toBeGreaterThan(diag.logLikelihood + 1000);
    const resp = full.responsibilities;
    expect(resp.every((r) => Math.abs(r - 1) < 1e-12)).toBe(true);
  });

  it('predicts the points it was fitted on as their labels, and new points by the nearest component in Mahalanobis terms', () => {
    const rng = createRng(21);
    const rows: number[][] = [];
    for (let i = 0; i < 600; i++) rows.push(i % 2 === 0 ? [rng.normal(), rng.normal()] : [8 + 0.5 * rng.normal(), 8 + 0.5 * rng.normal()]);
    const p = pointsFromMatrix(matrixFromRows(rows));
    for (const covariance of ['full', 'diag'] as const) {
      const g = fitGmm(p, 2, { covariance, seed: 3 });
      expect(Array.from(predictGmm(g, p))).toEqual(Array.from(g.labels));
      const fresh = predictGmm(
        g,
        pointsFromMatrix(
          matrixFromRows([
            [0.2, -0.1],
            [7.9, 8.3],
            [3.5, 3.5],
          ]),
        ),
      );
      const nearOrigin = g.labels[0];
      expect([fresh[0], fresh[1]]).toEqual([nearOrigin, 1 - nearOrigin]);
      // Half-way in Euclidean terms, but the tight component's density falls off faster: the wide one takes it.
      expect(fresh[2]).toBe(nearOrigin);
    }
    expect(() => predictGmm(fitGmm(p, 2), pointsFromMatrix(matrixFromRows([[1, 2, 3]])))).toThrow(/3 dimensions, the mixture 2/);
  });
});

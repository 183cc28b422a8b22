/**
 * Cross-check against scikit-learn 1.9.1 on identical seeded inputs. The reference numbers were
 * produced once by feeding these exact arrays to sklearn.metrics / KMeans(n_init=10) /
 * DBSCAN(eps=0.7, min_samples=5) (the calls are listed in src/ml/CONTEXT.md); they are
 * independent of this code.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/ml/core/rng.js';
import { averagePrecision, brierScore, logLoss, macroF1, rocAuc } from '../../../src/ml/core/metrics.js';
import { adjustedRandIndex } from '../../../src/ml/cluster/ari.js';
import { silhouetteScore } from '../../../src/ml/cluster/silhouette.js';
import { kmeans } from '../../../src/ml/cluster/kmeans.js';
import { dbscan } from '../../../src/ml/cluster/dbscan.js';
import { pointsFromMatrix } from '../../../src/ml/cluster/points.js';
import { syntheticBlobs } from '../helpers/synthetic.js';

const rng = createRng(5);
const n = 3000;
const y = Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
const s = y.map((v) => Math.round((0.3 * v + rng.next()) * 20) / 20); // many ties
const p = s.map((v) => Math.min(0.99, Math.max(0.01, v / 1.3)));
const a = Array.from({ length: n }, () => rng.int(4));
const b = a.map((v) => (rng.next() < 0.7 ? v : rng.int(5)));
const blobs = syntheticBlobs(
  [
    [0, 0, 0],
    [3, 1, 0],
    [0, 3, 2],
    [2, 2, 4],
  ],
  250,
  1.0,
  7,
);
const pts = pointsFromMatrix(blobs.x);

describe('agreement with scikit-learn', () => {
  it('metrics (roc_auc_score with ties, average_precision_score, log_loss, brier, f1 macro, ARI)', () => {
    expect(rocAuc(y, s)).toBeCloseTo(0.7547836126, 9);
    expect(averagePrecision(y, s)).toBeCloseTo(0.6276786549, 9);
    expect(logLoss(y, p)).toBeCloseTo(0.5568230604, 9);
    expect(brierScore(y, p)).toBeCloseTo(0.1956874043, 9);
    expect(macroF1(a, b)).toBeCloseTo(0.6372542332, 9);
    expect(adjustedRandIndex(a, b)).toBeCloseTo(0.5317235024, 9);
  });
  it('k-means inertia, silhouette and DBSCAN noise count', () => {
    const km = kmeans(pts, 4, { seed: 1 });
    expect(km.inertia).toBeCloseTo(2626.8293314747, 6);
    expect(silhouetteScore(pts, km.labels).score).toBeCloseTo(0.3811116835, 9);
    expect(dbscan(pts, 0.7, 5).nNoise).toBe(107);
  });
});

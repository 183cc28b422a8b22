import { describe, expect, it } from 'vitest';
import { syntheticBlobs } from '../helpers/synthetic.js';
import { pivotTaste, shareColumn, type SegmentDataset } from '../../../src/ml/segment/data.js';
import { Matrix, SVD } from 'ml-matrix';
import { projectOnComponents } from '../../../src/ml/segment/pca.js';
import { segmentMetricRows, segmentName } from '../../../src/ml/segment/report.js';
import { trainSegments } from '../../../src/ml/segment/train.js';
import { applyStandardiser, createMatrix, fitStandardiser } from '../../../src/ml/core/matrix.js';

describe('pivotTaste', () => {
  it('pivots long shares into sorted columns; a user without events of a kind gets the mean share', () => {
    const taste = [
      { user_id: 'u1', kind: 'genre', value: 'Drama', share: 0.75 },
      { user_id: 'u1', kind: 'genre', value: 'Sci-Fi', share: 0.25 },
      { user_id: 'u2', kind: 'genre', value: 'Drama', share: 0.25 },
      { user_id: 'u2', kind: 'genre', value: 'Sci-Fi', share: 0.75 },
      { user_id: 'u2', kind: 'watch_device', value: 'Smart TV', share: 1 },
    ];
    const p = pivotTaste(['u1', 'u2', 'u3'], taste);
    expect(p.names).toEqual(['share_genre_drama', 'share_genre_sci_fi', 'share_watch_device_smart_tv']);
    expect(Array.from(p.values[0])).toEqual([0.75, 0.25, 0.5]);
    expect(Array.from(p.values[2])).toEqual([1, 1, 1]);
    expect(shareColumn('event_device', 'Smart TV')).toBe('share_event_device_smart_tv');
  });
});

describe('projectOnComponents', () => {
  it('keeps the structured directions of standardised data and at least two', () => {
    const { x } = syntheticBlobs(
      [
        [0, 0, 0, 0, 0, 0],
        [6, 6, 0, 0, 0, 0],
        [0, 6, 6, 0, 0, 0],
      ],
      150,
      1,
      4,
    );
    const proj = projectOnComponents(applyStandardiser(fitStandardiser(x), x));
    expect(proj.nComponents).toBe(2);
    expect(proj.points.n).toBe(450);
    expect(proj.explainedVariance).toBeGreaterThan(0.45);
  });

  it('gives the eigenvalues and projections of an SVD of the centred data, up to each component sign', () => {
    const { x } = syntheticBlobs(
      [
        [0, 0, 0, 0, 0],
        [4, 4, 0, 0, 0],
        [0, 0, 4, 4, 1],
      ],
      60,
      1,
      9,
    );
    const z = applyStandardiser(fitStandardiser(x), x);
    const proj = projectOnComponents(z, 0);
    const n = z.nRows;
    const rows = Array.from({ length: n }, (_, i) => Array.from({ length: z.nCols }, (_, j) => z.data[j * n + i]));
    const centred = new Matrix(rows).subRowVector(new Matrix(rows).mean('column'));
    const svd = new SVD(centred, { computeLeftSingularVectors: false, computeRightSingularVectors: true });
    svd.diagonal.forEach((s, c) => expect(proj.eigenvalues[c]).toBeCloseTo((s * s) / (n - 1), 9));
    const reference = centred.mmul(svd.rightSingularVectors);
    for (let c = 0; c < proj.nComponents; c++) {
      const sign = Math.sign(reference.get(0, c)) * Math.sign(proj.points.values[c]);
      for (let i = 0; i < n; i++) expect(proj.points.values[i * proj.nComponents + c]).toBeCloseTo(sign * reference.get(i, c), 9);
      // The sign rule: the largest loading is positive, so the same data always gives the same coordinates.
    }
    expect(projectOnComponents(z, 0).points.values).toEqual(proj.points.values);
  });
});

describe('trainSegments', () => {
  // Five blobs in 3 latent dimensions, each seen through 3 noisy correlated columns (like taste shares
  // that move together), plus 4 pure-noise columns; with RFM inputs.
  const centres = [
    [0, 0, 0],
    [5, 0, 0],
    [0, 5, 0],
    [0, 0, 5],
    [5, 5, 5],
  ];
  const latent = syntheticBlobs(centres, 120, 1, 11);
  const truth = latent.truth;
  const n = latent.x.nRows;
  const noise = syntheticBlobs([[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]], n, 1, 12).x;
  const x = createMatrix(
    n,
    Array.from({ length: 13 }, (_, j) => `f${j}`),
  );
  for (let j = 0; j < 13; j++)
    for (let i = 0; i < n; i++) x.data[j * n + i] = (j < 9 ? latent.x.data[Math.floor(j / 3) * n + i] : 0) + noise.data[j * n + i];
  const data: SegmentDataset = {
    userIds: Array.from({ length: n }, (_, i) => `user_${i + 1}`),
    raw: x,
    model: x,
    wording: { f0: { kind: 'amount', phrase: 'watches' } },
    recencyDays: Float64Array.from({ length: n }, (_, i) => (i * 7) % 90),
    frequency: Float64Array.from({ length: n }, (_, i) => i % 13),
    monetary: Float64Array.from({ length: n }, (_, i) => 8 + (i % 5)),
  };

  it('recovers planted clusters with k-means (k by silhouette) and the mixture, stably, with profiles in words', () => {
    const run = trainSegments(data, { seed: 5, truth: Float64Array.from(truth) });
    const km = run.methods.find((m) => m.method === 'kmeans')!;
    expect(km.k).toBe(5);
    expect(km.ariTruth!).toBeGreaterThan(0.9);
    expect(run.methods.find((m) => m.method === 'gmm')!.ariTruth!).toBeGreaterThan(0.85);
    expect(run.stability.meanAri).toBeGreaterThan(0.95);
    expect(run.kCurve.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(km.profiles.reduce((a, p) => a + p.size, 0)).toBe(n);
    expect(km.profiles.some((p) => /watches (far |somewhat )?more than average/.test(p.description))).toBe(true);
    expect(run.rfm.segment).toHaveLength(n);
    const rows = segmentMetricRows(run, 'r1');
    expect(rows.find((r) => r.model === 'kmeans' && r.metric === 'ari_vs_planted_segments')!.value).toBe(km.ariTruth);
    expect(segmentName(km, -1)).toBe('unassigned');
    expect(segmentName(km, 0)).toMatch(/^1: /);
  });

  it('above its cap fits the mixture on a seeded sample and labels every user by it', () => {
    const capped = trainSegments(data, { seed: 5, truth: Float64Array.from(truth), maxGmmFitPoints: Math.floor(n / 3) });
    const gmm = capped.methods.find((m) => m.method === 'gmm')!;
    expect(gmm.params.fittedOn).toBe(`sample of ${Math.floor(n / 3)} of ${n} users`);
    expect(gmm.labels).toHaveLength(n);
    expect(gmm.ariTruth!).toBeGreaterThan(0.85);
    // Below the cap (the default here) the mixture is fitted on every user and says nothing of a sample.
    const whole = trainSegments(data, { seed: 5 });
    expect(whole.methods.find((m) => m.method === 'gmm')!.params.fittedOn).toBeUndefined();
  });

  it('above its cap fits k-means on a seeded sample and gives every user the nearest centroid', () => {
    const cap = Math.floor(n / 3);
    const capped = trainSegments(data, { seed: 5, truth: Float64Array.from(truth), maxKmeansFitPoints: cap });
    const km = capped.methods.find((m) => m.method === 'kmeans')!;
    expect(km.params.fittedOn).toBe(`sample of ${cap} of ${n} users`);
    expect(km.labels).toHaveLength(n);
    expect(new Set(km.labels).size).toBe(km.k);
    // The planted segments are still found on every user, not only on the fitted sample.
    expect(km.ariTruth!).toBeGreaterThan(0.85);
    expect(trainSegments(data, { seed: 5 }).methods.find((m) => m.method === 'kmeans')!.params.fittedOn).toBeUndefined();
  });

  it('is deterministic for a seed', () => {
    const a = trainSegments(data, { seed: 5 });
    const b = trainSegments(data, { seed: 5 });
    expect(Array.from(a.best.labels)).toEqual(Array.from(b.best.labels));
  });
});

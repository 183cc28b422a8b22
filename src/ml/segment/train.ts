// The segmentation use case without I/O: RFM, k-means (k by silhouette), a Gaussian mixture (k by BIC,
// chosen on a sample), DBSCAN (eps from the k-distance knee, on a sample), profiles in words,
// stability across seeds and, with the generator's truth, the adjusted Rand index against it.
import { adjustedRandIndex, stabilityAcrossSeeds } from '../cluster/ari.js';
import { chooseGmmByBic, chooseKBySilhouette, type KCurvePoint } from '../cluster/choose_k.js';
import { chooseEpsByKnee, dbscan, samplePoints } from '../cluster/dbscan.js';
import { fitGmm, predictGmm } from '../cluster/gmm.js';
import { assignToCentroids, kmeans } from '../cluster/kmeans.js';
import { profileSegments, type SegmentProfile } from '../cluster/profile.js';
import { rfmScores, type RfmScores } from '../cluster/rfm.js';
import { silhouetteScore } from '../cluster/silhouette.js';
import { applyStandardiser, fitStandardiser } from '../core/matrix.js';
import { childSeed } from '../core/rng.js';
import { projectOnComponents } from './pca.js';
import { nullReference, type NullReference } from './null_reference.js';
import type { SegmentDataset } from './data.js';
import { ML_SETTINGS } from '../settings.js';
import { largest } from '../core/extremes.js';

export const K_RANGE = [2, 3, 4, 5, 6, 7, 8];
export const SAMPLE_SIZE = ML_SETTINGS.segment.sampleSize;
const GMM_FIT_CAP = ML_SETTINGS.segment.maxGmmFitPoints;
const KMEANS_FIT_CAP = ML_SETTINGS.segment.maxKmeansFitPoints;

export interface MethodResult {
  method: 'kmeans' | 'gmm' | 'dbscan' | 'rfm';
  /** Label per user (-1: noise, or not in the DBSCAN sample). */
  labels: Int32Array;
  k: number;
  silhouette: number;
  /** ARI against the planted segments (null without ground truth; DBSCAN on its sample only). */
  ariTruth: number | null;
  profiles: SegmentProfile[];
  params: Record<string, number | string | boolean>;
}

export interface SegmentRun {
  nComponents: number;
  explainedVariance: number;
  rfm: RfmScores;
  kCurve: KCurvePoint[];
  bicCurve: { k: number; bic: number }[];
  kDistance: { curve: Float64Array; kneeIndex: number; eps: number };
  methods: MethodResult[];
  stability: { meanAri: number; runs: number };
  best: MethodResult;
  /** The k-means silhouette against the permuted-components null: segments are named only when it beats it. */
  nullReference: NullReference;
}

export interface SegmentOptions {
  seed: number;
  /** Planted segment per row (NaN unknown), from ground_truth.json. */
  truth?: Float64Array;
  onProgress?: (done: number, total: number, note: string) => void;
  /** Users the mixture is fitted on at most (default ML_SETTINGS.segment.maxGmmFitPoints; tests use a small one). */
  maxGmmFitPoints?: number;
  /** Users k-means is fitted on at most (default ML_SETTINGS.segment.maxKmeansFitPoints; tests use a small one). */
  maxKmeansFitPoints?: number;
}

function ari(truth: Float64Array | undefined, labels: ArrayLike<number>, rows?: ArrayLike<number>): number | null {
  if (!truth) return null;
  const t: number[] = [];
  const l: number[] = [];
  const n = rows ? rows.length : labels.length;
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k] : k;
    const lab = rows ? labels[k] : labels[i];
    if (Number.isFinite(truth[i])) {
      t.push(truth[i]);
      l.push(lab);
    }
  }
  return t.length ? adjustedRandIndex(t, l) : null;
}

export function trainSegments(data: SegmentDataset, options: SegmentOptions): SegmentRun {
  const seed = options.seed;
  const progress = options.onProgress ?? (() => {});
  const n = data.userIds.length;
  progress(0, 6, 'RFM scores');
  // A loop, not Math.max(...values): a spread of a million arguments overflows the stack.
  const neverDays = largest(Array.from(data.recencyDays).filter(Number.isFinite)) + 1;
  const rfm = rfmScores(
    data.recencyDays.map((v) => (Number.isFinite(v) ? v : neverDays)),
    data.frequency.map((v) => (Number.isFinite(v) ? v : 0)),
    data.monetary.map((v) => (Number.isFinite(v) ? v : 0)),
  );
  const z = applyStandardiser(fitStandardiser(data.model), data.model);
  const proj = projectOnComponents(z);
  const p = proj.points;

  progress(1, 6, 'k-means: choosing k by silhouette, and the null reference');
  const nullRef = nullReference(p, K_RANGE, childSeed(seed, 7));
  // Above the cap k-means (every k, every restart, the stability runs) is fitted on a seeded sample
  // and every user labelled by the nearest centroid of the chosen fit.
  const kmCap = options.maxKmeansFitPoints ?? KMEANS_FIT_CAP;
  const kmFit = n > kmCap ? samplePoints(p, kmCap, childSeed(seed, 12)) : null;
  const kmPoints = kmFit?.points ?? p;
  const km = chooseKBySilhouette(kmPoints, K_RANGE, { seed, nInit: 3, sampleSize: SAMPLE_SIZE });
  const kmLabels = kmFit ? assignToCentroids(p, km.best.centroids, km.bestK) : km.best.labels;

  progress(2, 6, 'Gaussian mixture: choosing k by BIC');
  const sample = samplePoints(p, Math.min(SAMPLE_SIZE, n), childSeed(seed, 1));
  const bic = chooseGmmByBic(sample.points, K_RANGE, { seed, covariance: 'full' });
  // Above the cap the mixture is fitted on a seeded sample and every user labelled by it.
  const gmmCap = options.maxGmmFitPoints ?? GMM_FIT_CAP;
  const gmmFit = n > gmmCap ? samplePoints(p, gmmCap, childSeed(seed, 11)) : null;
  const gmm = fitGmm(gmmFit?.points ?? p, bic.bestK, { seed, covariance: 'full' });
  const gmmLabels = gmmFit ? predictGmm(gmm, p) : gmm.labels;

  progress(3, 6, 'DBSCAN on a sample');
  const minPts = 2 * p.dim;
  const knee = chooseEpsByKnee(sample.points, minPts);
  const db = dbscan(sample.points, knee.eps, minPts, 20);
  const dbLabels = new Int32Array(n).fill(-1);
  sample.rows.forEach((row, k) => {
    dbLabels[row] = db.labels[k];
  });

  progress(4, 6, 'stability across seeds');
  const stability = stabilityAcrossSeeds((s) => kmeans(kmPoints, km.bestK, { seed: s, nInit: 1 }).labels, 5, seed);

  progress(5, 6, 'profiles');
  const sil = (labels: ArrayLike<number>) => silhouetteScore(p, labels, { sampleSize: SAMPLE_SIZE, seed }).score;
  const dbInSample = Array.from(db.labels);
  const dbClustered = dbInSample.map((l, k) => (l >= 0 ? k : -1)).filter((k) => k >= 0);
  const methods: MethodResult[] = [
    {
      method: 'kmeans',
      labels: kmLabels,
      k: km.bestK,
      silhouette: km.curve.find((c) => c.k === km.bestK)!.silhouette,
      ariTruth: ari(options.truth, kmLabels),
      profiles: profileSegments(data.raw, kmLabels, data.wording),
      params: {
        k: km.bestK,
        kRange: K_RANGE.join(' '),
        nInit: 3,
        ...(kmFit ? { fittedOn: `sample of ${kmFit.rows.length} of ${n} users` } : {}),
        components: proj.nComponents,
        seed,
      },
    },
    {
      method: 'gmm',
      labels: gmmLabels,
      k: bic.bestK,
      silhouette: sil(gmmLabels),
      ariTruth: ari(options.truth, gmmLabels),
      profiles: profileSegments(data.raw, gmmLabels, data.wording),
      params: {
        k: bic.bestK,
        covariance: 'full',
        kChosenOn: `sample of ${sample.rows.length}`,
        ...(gmmFit ? { fittedOn: `sample of ${gmmFit.rows.length} of ${n} users` } : {}),
        components: proj.nComponents,
        seed,
      },
    },
    {
      method: 'dbscan',
      labels: dbLabels,
      k: db.nClusters,
      silhouette:
        db.nClusters >= 2 && dbClustered.length > db.nClusters
          ? silhouetteScore(
              {
                n: dbClustered.length,
                dim: p.dim,
                values: Float64Array.from(
                  dbClustered.flatMap((k) => Array.from(sample.points.values.subarray(k * p.dim, (k + 1) * p.dim))),
                ),
              },
              dbClustered.map((k) => dbInSample[k]),
            ).score
          : NaN,
      ariTruth: ari(options.truth, db.labels, sample.rows),
      profiles: profileSegments(data.raw, dbLabels, data.wording),
      params: { eps: knee.eps, minPts, minClusterSize: 20, sample: sample.rows.length, noise: db.nNoise, components: proj.nComponents },
    },
    {
      method: 'rfm',
      labels: rfmCodes(rfm),
      k: new Set(rfm.segment).size,
      silhouette: NaN,
      ariTruth: ari(options.truth, rfmCodes(rfm)),
      profiles: [],
      params: { scores: 'quintiles 1-5', fm: 'round((F+M)/2)' },
    },
  ];
  progress(6, 6, 'done');
  // The segments written to gold come from k-means: k chosen by silhouette, stable across seeds.
  return {
    nComponents: proj.nComponents,
    explainedVariance: proj.explainedVariance,
    rfm,
    kCurve: km.curve,
    bicCurve: bic.curve.map((c) => ({ k: c.k, bic: c.bic })),
    kDistance: { curve: knee.curve, kneeIndex: knee.kneeIndex, eps: knee.eps },
    methods,
    stability,
    best: methods[0],
    nullReference: nullRef,
  };
}

/** RFM segment names as integer codes (sorted names), for ARI. */
export function rfmCodes(rfm: RfmScores): Int32Array {
  const names = [...new Set(rfm.segment)].sort();
  return Int32Array.from(rfm.segment, (s) => names.indexOf(s));
}

/**
 * Silhouette score: mean over points of (b - a) / max(a, b), where a is the mean distance to
 * the point's own cluster and b the smallest mean distance to another cluster; points alone in
 * their cluster score 0 (as in scikit-learn). Exact O(n^2 dim) up to `maxExact` points (default
 * 5000); above that it is computed on a seeded uniform sample of `sampleSize` points (distances
 * within the sample only), which estimates the full score. Noise labels (< 0) are excluded.
 */
import { createRng, shuffleInPlace } from '../core/rng.js';
import { type Points, sqDist, subsetPoints } from './points.js';

export interface SilhouetteResult {
  score: number;
  /** Points used (n, or the sample size). */
  used: number;
  sampled: boolean;
}

export interface SilhouetteOptions {
  maxExact?: number;
  sampleSize?: number;
  seed?: number;
}

/**
 * Every pairwise distance of a point set, computed once: choosing k scores seven labellings of the
 * same sample, and the distances were most of each score's cost. Pairs (i, m), i < m, in row order.
 */
class PairDistances {
  private readonly dist: Float64Array;
  constructor(readonly p: Points) {
    const { n, dim, values } = p;
    this.dist = new Float64Array((n * (n - 1)) / 2);
    let at = 0;
    for (let i = 0; i < n; i++) for (let m = i + 1; m < n; m++) this.dist[at++] = Math.sqrt(sqDist(values, i, values, m, dim));
  }

  silhouette(labels: ArrayLike<number>): number {
    const n = this.p.n;
    const dist = this.dist;
    let k = 0;
    for (let i = 0; i < n; i++) k = Math.max(k, labels[i] + 1);
    const sizes = new Int32Array(k);
    for (let i = 0; i < n; i++) sizes[labels[i]]++;
    if (sizes.filter((s) => s > 0).length < 2) return NaN;
    // Each pair's distance is added to both points' per-cluster sums; a point's sums receive its
    // partners in increasing index order.
    const sumTo = new Float64Array(n * k);
    let at = 0;
    for (let i = 0; i < n; i++) {
      const rowI = i * k;
      const labelI = labels[i];
      for (let m = i + 1; m < n; m++) {
        const d = dist[at++];
        sumTo[rowI + labels[m]] += d;
        sumTo[m * k + labelI] += d;
      }
    }
    let total = 0;
    for (let i = 0; i < n; i++) {
      const own = labels[i];
      if (sizes[own] <= 1) continue;
      const a = sumTo[i * k + own] / (sizes[own] - 1);
      let b = Infinity;
      for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sumTo[i * k + c] / sizes[c]);
      const denom = Math.max(a, b);
      total += denom > 0 ? (b - a) / denom : 0;
    }
    return total / n;
  }
}

/** The rows a silhouette is computed on: `kept` itself up to maxExact, else a seeded sample of it. */
function silhouetteRows(kept: number[], options: SilhouetteOptions): { rows: Int32Array; sampled: boolean } {
  const rows = Int32Array.from(kept);
  if (rows.length <= (options.maxExact ?? 5000)) return { rows, sampled: false };
  shuffleInPlace(rows, createRng(options.seed ?? 42));
  return { rows: rows.slice(0, options.sampleSize ?? 3000), sampled: true };
}

export function silhouetteScore(p: Points, labels: ArrayLike<number>, options: SilhouetteOptions = {}): SilhouetteResult {
  if (labels.length !== p.n) throw new Error(`silhouetteScore: ${labels.length} labels vs ${p.n} points`);
  const kept: number[] = [];
  for (let i = 0; i < p.n; i++) if (labels[i] >= 0) kept.push(i);
  const { rows, sampled } = silhouetteRows(kept, options);
  const subLabels = Int32Array.from(rows, (r) => labels[r]);
  return { score: new PairDistances(subsetPoints(p, rows)).silhouette(subLabels), used: rows.length, sampled };
}

/**
 * Scores labellings of the same points without noise labels (k-means at several k): the same
 * figure as `silhouetteScore(p, labels, options)`, with the sample's distances computed once.
 */
export function silhouetteScorer(p: Points, options: SilhouetteOptions = {}): (labels: ArrayLike<number>) => SilhouetteResult {
  const { rows, sampled } = silhouetteRows(
    Array.from({ length: p.n }, (_, i) => i),
    options,
  );
  let distances: PairDistances | undefined;
  return (labels) => {
    if (labels.length !== p.n) throw new Error(`silhouetteScorer: ${labels.length} labels vs ${p.n} points`);
    for (let i = 0; i < p.n; i++) if (!(labels[i] >= 0)) return silhouetteScore(p, labels, options);
    distances ??= new PairDistances(subsetPoints(p, rows));
    return { score: distances.silhouette(Int32Array.from(rows, (r) => labels[r])), used: rows.length, sampled };
  };
}

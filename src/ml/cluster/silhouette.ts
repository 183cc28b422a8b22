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

function exactSilhouette(p: Points, labels: ArrayLike<number>): number {
  const { n, dim, values } = p;
  let k = 0;
  for (let i = 0; i < n; i++) k = Math.max(k, labels[i] + 1);
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) sizes[labels[i]]++;
  if (sizes.filter((s) => s > 0).length < 2) return NaN;
  // Each pair's distance is computed once and added to both points' per-cluster sums.
  const sumTo = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let m = i + 1; m < n; m++) {
      const dist = Math.sqrt(sqDist(values, i, values, m, dim));
      sumTo[i * k + labels[m]] += dist;
      sumTo[m * k + labels[i]] += dist;
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

export function silhouetteScore(
  p: Points,
  labels: ArrayLike<number>,
  options: { maxExact?: number; sampleSize?: number; seed?: number } = {},
): SilhouetteResult {
  if (labels.length !== p.n) throw new Error(`silhouetteScore: ${labels.length} labels vs ${p.n} points`);
  const kept: number[] = [];
  for (let i = 0; i < p.n; i++) if (labels[i] >= 0) kept.push(i);
  const maxExact = options.maxExact ?? 5000;
  let rows = Int32Array.from(kept);
  let sampled = false;
  if (rows.length > maxExact) {
    shuffleInPlace(rows, createRng(options.seed ?? 42));
    rows = rows.slice(0, options.sampleSize ?? 3000);
    sampled = true;
  }
  const sub = subsetPoints(p, rows);
  const subLabels = Int32Array.from(rows, (r) => labels[r]);
  return { score: exactSilhouette(sub, subLabels), used: rows.length, sampled };
}

/**
 * K-means (Lloyd's algorithm) with greedy k-means++ seeding and nInit seeded restarts; the run with
 * the lowest inertia (sum of squared distances to the assigned centroid) wins. An empty cluster
 * is re-seeded with the point farthest from its centroid.
 */
import { childSeed, createRng, type Rng } from '../core/rng.js';
import { type Points, sqDist } from './points.js';

export interface KMeansOptions {
  nInit?: number;
  maxIter?: number;
  /** Stop when no centroid moves more than tol (squared distance); default 1e-10. */
  tol?: number;
  seed?: number;
}

export interface KMeansResult {
  k: number;
  labels: Int32Array;
  /** Row-major k x dim. */
  centroids: Float64Array;
  inertia: number;
  iterations: number;
}

/**
 * Greedy k-means++ (as in scikit-learn): each new centre is the best of 2 + ln(k) candidates
 * drawn with probability proportional to squared distance, "best" meaning the lowest total
 * squared distance afterwards. Plain k-means++ (one candidate) often puts two seeds in one
 * cluster when many noise dimensions shrink the gaps between clusters.
 */
function kmeansPlusPlus(p: Points, k: number, rng: Rng): Float64Array {
  const { n, dim, values } = p;
  const centroids = new Float64Array(k * dim);
  const first = rng.int(n);
  centroids.set(values.subarray(first * dim, (first + 1) * dim), 0);
  const d2 = new Float64Array(n);
  for (let i = 0; i < n; i++) d2[i] = sqDist(values, i, centroids, 0, dim);
  const trials = 2 + Math.floor(Math.log(k));
  const candidateD2 = new Float64Array(n);
  const bestD2 = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += d2[i];
    let bestCandidate = -1;
    let bestPotential = Infinity;
    for (let t = 0; t < trials; t++) {
      let chosen = n - 1;
      if (total > 0) {
        let r = rng.next() * total;
        for (let i = 0; i < n; i++) {
          r -= d2[i];
          if (r < 0) {
            chosen = i;
            break;
          }
        }
      } else {
        chosen = rng.int(n);
      }
      let potential = 0;
      for (let i = 0; i < n; i++) {
        const v = Math.min(d2[i], sqDist(values, i, values, chosen, dim));
        candidateD2[i] = v;
        potential += v;
      }
      if (potential < bestPotential) {
        bestPotential = potential;
        bestCandidate = chosen;
        bestD2.set(candidateD2);
      }
    }
    centroids.set(values.subarray(bestCandidate * dim, (bestCandidate + 1) * dim), c * dim);
    d2.set(bestD2);
  }
  return centroids;
}

function lloyd(p: Points, centroids: Float64Array, k: number, maxIter: number, tol: number): KMeansResult {
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

export function kmeans(p: Points, k: number, options: KMeansOptions = {}): KMeansResult {
  if (!(Number.isInteger(k) && k >= 1 && k <= p.n)) throw new Error(`kmeans: k must be an integer in [1, n=${p.n}], got ${k}`);
  const nInit = options.nInit ?? 10;
  const seed = options.seed ?? 42;
  let best: KMeansResult | null = null;
  for (let r = 0; r < nInit; r++) {
    const rng = createRng(childSeed(seed, r));
    const result = lloyd(p, kmeansPlusPlus(p, k, rng), k, options.maxIter ?? 300, options.tol ?? 1e-10);
    if (!best || result.inertia < best.inertia) best = result;
  }
  return best!;
}

/** Nearest-centroid labels for new points. */
export function assignToCentroids(p: Points, centroids: Float64Array, k: number): Int32Array {
  const labels = new Int32Array(p.n);
  for (let i = 0; i < p.n; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const dd = sqDist(p.values, i, centroids, c, p.dim);
      if (dd < bestD) {
        bestD = dd;
        best = c;
      }
    }
    labels[i] = best;
  }
  return labels;
}

/**
 * K-means (Lloyd's algorithm, with Hamerly's bounds to skip settled points; see lloyd) with greedy
 * k-means++ seeding and nInit seeded restarts; the run with
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

/**
 * Lloyd's algorithm, with Hamerly's bounds to skip the points whose centroid cannot have changed.
 * Each point keeps an upper bound on the distance to its own centroid and a lower bound on the
 * distance to every other one; a point is rescanned only when the bounds (or half the distance from
 * its centroid to the nearest other centroid) no longer prove that its centroid is the nearest.
 * The result is Lloyd's, bit for bit: a rescan computes every squared distance exactly as Lloyd
 * does (ties to the lower index), the centroid update is Lloyd's own code, and a skip needs a margin
 * of 1e-9 (relative) that covers the rounding in the bounds, so a near tie is always rescanned.
 * `test/ml/cluster/kmeans-bounds.test.ts` holds it against plain Lloyd.
 */
export function lloyd(p: Points, centroids: Float64Array, k: number, maxIter: number, tol: number): KMeansResult {
  const { n, dim, values } = p;
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const sums = new Float64Array(k * dim);
  const counts = new Int32Array(k);
  const half = new Float64Array(k);
  const drift = new Float64Array(k);
  const MARGIN = 1 - 1e-9;

  // Every squared distance, as Lloyd computes them: the nearest (ties to the lower index) and the bounds.
  const rescan = (i: number) => {
    let best = 0;
    let bestD = Infinity;
    let secondD = Infinity;
    for (let c = 0; c < k; c++) {
      const dd = sqDist(values, i, centroids, c, dim);
      if (dd < bestD) {
        secondD = bestD;
        bestD = dd;
        best = c;
      } else if (dd < secondD) secondD = dd;
    }
    labels[i] = best;
    upper[i] = Math.sqrt(bestD);
    lower[i] = Math.sqrt(secondD);
  };

  let iterations = 0;
  for (let it = 0; it < maxIter; it++) {
    iterations = it + 1;
    if (it === 0) {
      for (let i = 0; i < n; i++) rescan(i);
    } else {
      for (let c = 0; c < k; c++) {
        let nearest = Infinity;
        for (let o = 0; o < k; o++) if (o !== c) nearest = Math.min(nearest, sqDist(centroids, c, centroids, o, dim));
        half[c] = 0.5 * Math.sqrt(nearest);
      }
      for (let i = 0; i < n; i++) {
        const bound = Math.max(half[labels[i]], lower[i]) * MARGIN;
        if (upper[i] < bound) continue;
        upper[i] = Math.sqrt(sqDist(values, i, centroids, labels[i], dim));
        if (upper[i] < bound) continue;
        rescan(i);
      }
    }
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      counts[c]++;
      for (let j = 0; j < dim; j++) sums[c * dim + j] += values[i * dim + j];
    }
    // An emptied cluster takes the point farthest from its centroid: squared distances to the centroids
    // of this assignment, taken before any centroid moves (Lloyd keeps them from the assignment pass).
    let dist: Float64Array | undefined;
    if (counts.includes(0)) {
      dist = new Float64Array(n);
      for (let i = 0; i < n; i++) dist[i] = sqDist(values, i, centroids, labels[i], dim);
    }
    let moved = 0;
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0 && dist) {
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
      drift[c] = Math.sqrt(shift);
      moved = Math.max(moved, shift);
    }
    if (moved <= tol) break;
    // Centroids moved: own distances may grow by their centroid's move, others shrink by the largest move elsewhere.
    let most = 0;
    let mostAt = -1;
    let next = 0;
    for (let c = 0; c < k; c++) {
      if (drift[c] > most) {
        next = most;
        most = drift[c];
        mostAt = c;
      } else if (drift[c] > next) next = drift[c];
    }
    for (let i = 0; i < n; i++) {
      upper[i] += drift[labels[i]];
      lower[i] -= labels[i] === mostAt ? next : most;
    }
  }
  // Final assignment against the final centroids.
  const inertia = assignNearest(p, centroids, k, labels);
  return { k, labels, centroids, inertia, iterations };
}

/** Each point's nearest centroid into `labels` (ties to the lower index); returns the summed squared distances. */
function assignNearest(p: Points, centroids: Float64Array, k: number, labels: Int32Array): number {
  let inertia = 0;
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
    inertia += bestD;
  }
  return inertia;
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
  assignNearest(p, centroids, k, labels);
  return labels;
}

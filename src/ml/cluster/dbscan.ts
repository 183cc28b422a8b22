/**
 * DBSCAN with brute-force region queries: O(n^2 dim) time, O(n) memory. Intended for a seeded
 * sample of a few thousand points (use `samplePoints`); 5k points x 20 dims takes well under
 * a second or two. Labels: 0..k-1 for clusters, -1 for noise. A point is core when at least
 * minPts points (itself included) lie within eps.
 *
 * eps choice: the k-distance curve (each point's distance to its (minPts-1)-th nearest other
 * point, sorted ascending) rises sharply where density ends; `chooseEpsByKnee` takes the knee as
 * the point farthest below the chord from the curve's first to last point (after scaling both
 * axes to [0, 1]).
 */
import { createRng, shuffleInPlace } from '../core/rng.js';
import { type Points, sqDist, subsetPoints } from './points.js';

export interface DbscanResult {
  labels: Int32Array;
  nClusters: number;
  nNoise: number;
  eps: number;
  minPts: number;
}

/**
 * `minClusterSize` (default 1 = classic DBSCAN) turns clusters smaller than it into noise and
 * renumbers the rest: the knee eps is conservative on Gaussian-like data and can leave a few
 * crumbs of 5-10 points at cluster edges.
 */
export function dbscan(p: Points, eps: number, minPts: number, minClusterSize = 1): DbscanResult {
  if (!(eps > 0) || !(minPts >= 1)) throw new Error(`dbscan: need eps > 0 and minPts >= 1, got eps=${eps}, minPts=${minPts}`);
  const { n, dim, values } = p;
  const eps2 = eps * eps;
  const UNVISITED = -2;
  const labels = new Int32Array(n).fill(UNVISITED);
  const neighbours = (i: number): number[] => {
    const out: number[] = [];
    for (let m = 0; m < n; m++) if (sqDist(values, i, values, m, dim) <= eps2) out.push(m);
    return out;
  };
  let cluster = 0;
  const queue: number[] = [];
  // Claims a neighbour for the current cluster; unvisited ones are queued for expansion, earlier
  // noise (already known not to be core) just becomes a border point.
  const claim = (m: number) => {
    if (labels[m] === UNVISITED) {
      labels[m] = cluster;
      queue.push(m);
    } else if (labels[m] === -1) labels[m] = cluster;
  };
  for (let i = 0; i < n; i++) {
    if (labels[i] !== UNVISITED) continue;
    const seeds = neighbours(i);
    if (seeds.length < minPts) {
      labels[i] = -1;
      continue;
    }
    labels[i] = cluster;
    queue.length = 0;
    for (const m of seeds) claim(m);
    for (let q = 0; q < queue.length; q++) {
      const next = neighbours(queue[q]);
      if (next.length >= minPts) for (const r of next) claim(r);
    }
    cluster++;
  }
  if (minClusterSize > 1) {
    const sizes = new Int32Array(cluster);
    for (let i = 0; i < n; i++) if (labels[i] >= 0) sizes[labels[i]]++;
    const renumber = new Int32Array(cluster).fill(-1);
    let kept = 0;
    for (let c = 0; c < cluster; c++) if (sizes[c] >= minClusterSize) renumber[c] = kept++;
    for (let i = 0; i < n; i++) if (labels[i] >= 0) labels[i] = renumber[labels[i]];
    cluster = kept;
  }
  let nNoise = 0;
  for (let i = 0; i < n; i++) if (labels[i] === -1) nNoise++;
  return { labels, nClusters: cluster, nNoise, eps, minPts };
}

/** Sorted (ascending) distance of each point to its k-th nearest other point. */
export function kDistanceCurve(p: Points, k: number): Float64Array {
  const { n, dim, values } = p;
  if (!(k >= 1 && k < n)) throw new Error(`kDistanceCurve: k must be in [1, n-1], got ${k}`);
  const out = new Float64Array(n);
  const nearest = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    nearest.fill(Infinity);
    for (let m = 0; m < n; m++) {
      if (m === i) continue;
      const d = sqDist(values, i, values, m, dim);
      if (d >= nearest[k - 1]) continue;
      // Insert into the small sorted buffer of the k smallest distances.
      let pos = k - 1;
      while (pos > 0 && nearest[pos - 1] > d) {
        nearest[pos] = nearest[pos - 1];
        pos--;
      }
      nearest[pos] = d;
    }
    out[i] = Math.sqrt(nearest[k - 1]);
  }
  return out.sort();
}

/** Knee of an ascending curve: index farthest below the first-to-last chord (both axes scaled). */
export function kneeIndex(curve: ArrayLike<number>): number {
  const n = curve.length;
  if (n < 3) return n - 1;
  const y0 = curve[0];
  const span = curve[n - 1] - y0;
  if (!(span > 0)) return n - 1;
  let best = 0;
  let bestGap = -Infinity;
  for (let i = 0; i < n; i++) {
    const gap = i / (n - 1) - (curve[i] - y0) / span;
    if (gap > bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  return best;
}

export function chooseEpsByKnee(p: Points, minPts: number): { eps: number; curve: Float64Array; kneeIndex: number } {
  const curve = kDistanceCurve(p, Math.max(1, minPts - 1));
  const knee = kneeIndex(curve);
  return { eps: curve[knee], curve, kneeIndex: knee };
}

/** Seeded uniform sample of at most `size` points; returns the points and their original rows. */
export function samplePoints(p: Points, size: number, seed: number): { points: Points; rows: Int32Array } {
  if (p.n <= size) return { points: p, rows: Int32Array.from({ length: p.n }, (_, i) => i) };
  const rows = shuffleInPlace(
    Int32Array.from({ length: p.n }, (_, i) => i),
    createRng(seed),
  )
    .slice(0, size)
    .sort();
  return { points: subsetPoints(p, rows), rows };
}

/**
 * Choosing the number of clusters: k-means by silhouette (highest wins) and Gaussian mixtures
 * by BIC (lowest wins). Both return the whole curve so the report can show it.
 */
import { fitGmm, type GmmOptions, type GmmResult } from './gmm.js';
import { kmeans, type KMeansOptions, type KMeansResult } from './kmeans.js';
import type { Points } from './points.js';
import { silhouetteScorer } from './silhouette.js';

export interface KCurvePoint {
  k: number;
  silhouette: number;
  inertia: number;
}

export function chooseKBySilhouette(
  p: Points,
  ks: readonly number[],
  options: KMeansOptions & { maxExact?: number; sampleSize?: number } = {},
): { bestK: number; curve: KCurvePoint[]; best: KMeansResult } {
  if (ks.some((k) => k < 2)) throw new Error('chooseKBySilhouette: silhouette needs k >= 2');
  let best: KMeansResult | null = null;
  let bestScore = -Infinity;
  const curve: KCurvePoint[] = [];
  const silhouette = silhouetteScorer(p, { maxExact: options.maxExact, sampleSize: options.sampleSize, seed: options.seed });
  for (const k of ks) {
    const result = kmeans(p, k, options);
    const s = silhouette(result.labels).score;
    curve.push({ k, silhouette: s, inertia: result.inertia });
    if (s > bestScore) {
      bestScore = s;
      best = result;
    }
  }
  return { bestK: best!.k, curve, best: best! };
}

export function chooseGmmByBic(
  p: Points,
  ks: readonly number[],
  options: GmmOptions = {},
): { bestK: number; curve: { k: number; bic: number; logLikelihood: number }[]; best: GmmResult } {
  let best: GmmResult | null = null;
  const curve: { k: number; bic: number; logLikelihood: number }[] = [];
  for (const k of ks) {
    const result = fitGmm(p, k, options);
    curve.push({ k, bic: result.bic, logLikelihood: result.logLikelihood });
    if (!best || result.bic < best.bic) best = result;
  }
  return { bestK: best!.k, curve, best: best! };
}

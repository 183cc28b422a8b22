/**
 * Resampling statistics over per-user metrics. Confidence intervals of a mean go through the
 * shared percentile bootstrap in src/ml/core/bootstrap.ts; the paired "model A beats model B"
 * test (paired bootstrap + exact sign test) is specific to ranking evaluation and lives here.
 */
import { bootstrapCi, meanFromCounts, type ConfidenceInterval } from '../core/bootstrap.js';
import { createRng } from '../core/rng.js';
import { ML_SETTINGS } from '../settings.js';

export type { ConfidenceInterval };

export interface ResampleOptions {
  /** Bootstrap replicates; default ML_SETTINGS.bootstrapResamples. */
  resamples?: number;
  /** Two-sided confidence level; default 0.95. */
  level?: number;
  seed?: number;
}

/** Percentile bootstrap CI of the mean of per-user values (core bootstrapCi with a mean metric). */
export function meanCi(values: ArrayLike<number>, options: ResampleOptions = {}): ConfidenceInterval {
  const meanOfScores = (_labels: ArrayLike<number>, scores: ArrayLike<number>) => mean(scores);
  return bootstrapCi(values, values, meanOfScores, {
    B: options.resamples ?? ML_SETTINGS.bootstrapResamples,
    level: options.level ?? 0.95,
    seed: options.seed ?? 7,
    stratified: false,
    fromCounts: meanFromCounts(values),
  });
}

export interface PairedComparison {
  /** Mean of a - b over users, with its bootstrap CI. */
  meanDifference: ConfidenceInterval;
  /** One-sided bootstrap p-value for "a beats b" (H0: mean difference <= 0). */
  bootstrapPValue: number;
  wins: number;
  losses: number;
  ties: number;
  /** One-sided exact sign-test p-value for "a beats b" (ties dropped). */
  signTestPValue: number;
}

/** Paired comparison of two models' per-user metrics (same users, same order). */
export function pairedComparison(a: ArrayLike<number>, b: ArrayLike<number>, options: ResampleOptions = {}): PairedComparison {
  if (a.length !== b.length) throw new Error(`pairedComparison: ${a.length} vs ${b.length} users; the lists must be paired`);
  const n = a.length;
  const diff = new Float64Array(n);
  let wins = 0;
  let losses = 0;
  for (let k = 0; k < n; k++) {
    diff[k] = a[k] - b[k];
    if (diff[k] > 0) wins++;
    else if (diff[k] < 0) losses++;
  }
  const ci = meanCi(diff, options);
  // Null by recentring: shift the differences to mean 0 and count resampled means at least as
  // large as the observed one (Efron & Tibshirani 1993, §16.4).
  const observed = ci.estimate;
  const resamples = options.resamples ?? ML_SETTINGS.bootstrapResamples;
  const rng = createRng((options.seed ?? 7) + 1);
  let extreme = 0;
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += diff[rng.int(n)] - observed;
    if (s / n >= observed) extreme++;
  }
  return {
    meanDifference: ci,
    bootstrapPValue: (extreme + 1) / (resamples + 1),
    wins,
    losses,
    ties: n - wins - losses,
    signTestPValue: binomialUpperTail(wins, wins + losses),
  };
}

/** P(X >= k) for X ~ Binomial(n, 1/2), summed in log space so n in the tens of thousands is fine. */
export function binomialUpperTail(k: number, n: number): number {
  if (n === 0 || k <= 0) return 1;
  if (k > n) return 0;
  let logC = 0; // log C(n, 0)
  const terms: number[] = [];
  for (let j = 0; j <= n; j++) {
    if (j > 0) logC += Math.log(n - j + 1) - Math.log(j);
    if (j >= k) terms.push(logC - n * Math.LN2);
  }
  let top = -Infinity;
  for (const t of terms) if (t > top) top = t;
  let s = 0;
  for (const t of terms) s += Math.exp(t - top);
  return Math.min(1, Math.exp(top) * s);
}

function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  let s = 0;
  for (let k = 0; k < values.length; k++) s += values[k];
  return s / values.length;
}

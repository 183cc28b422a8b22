/**
 * Label-permutation test: is there ANY association between fixed out-of-sample scores and the
 * labels? The labels are shuffled B times (seeded) against the same scores, and
 * p = (1 + #{permuted metric at least as good as observed}) / (1 + B).
 * The model is not refitted, so this is cheap (O(n) per permutation for AUC) and tests the
 * null "these test-set scores are unrelated to the outcome"; it does not test whether the
 * training procedure would find signal in a fresh sample. A small p says the scores rank
 * outcomes better than chance; it says nothing about how much better (see the CI for that).
 */
import { BINARY_METRICS, type BinaryMetricName, aucFromRanks, averageRanks } from './metrics.js';
import { createRng, shuffleInPlace } from './rng.js';
import { ML_SETTINGS } from '../settings.js';

export interface PermutationResult {
  observed: number;
  pValue: number;
  permutations: number;
  /** Mean and 95th percentile of the null distribution, for reporting. */
  nullMean: number;
  nullP95: number;
  greaterIsBetter: boolean;
}

export interface PermutationOptions {
  /** Number of permutations; default 500. */
  B?: number;
  seed?: number;
  /** Needed only when `metric` is a function; named metrics know their direction. */
  greaterIsBetter?: boolean;
}

export function permutationTest(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  metric: BinaryMetricName | ((y: ArrayLike<number>, s: ArrayLike<number>) => number),
  options: PermutationOptions = {},
): PermutationResult {
  if (labels.length !== scores.length) throw new Error(`permutationTest: ${labels.length} labels vs ${scores.length} scores`);
  const B = options.B ?? ML_SETTINGS.permutations;
  const rng = createRng(options.seed ?? 42);
  const greaterIsBetter = typeof metric === 'string' ? BINARY_METRICS[metric].greaterIsBetter : (options.greaterIsBetter ?? true);
  let evaluate: (y: ArrayLike<number>) => number;
  if (metric === 'roc_auc') {
    const ranks = averageRanks(scores);
    evaluate = (y) => aucFromRanks(y, ranks);
  } else {
    const fn = typeof metric === 'string' ? BINARY_METRICS[metric].fn : metric;
    evaluate = (y) => fn(y, scores);
  }
  const observed = evaluate(labels);
  const permuted = Float64Array.from(labels);
  const nullValues = new Float64Array(B);
  let atLeastAsGood = 0;
  for (let b = 0; b < B; b++) {
    shuffleInPlace(permuted, rng);
    const v = evaluate(permuted);
    nullValues[b] = v;
    if (greaterIsBetter ? v >= observed : v <= observed) atLeastAsGood++;
  }
  nullValues.sort();
  const mean = nullValues.reduce((a, v) => a + v, 0) / Math.max(1, B);
  return {
    observed,
    pValue: (1 + atLeastAsGood) / (1 + B),
    permutations: B,
    nullMean: mean,
    nullP95: nullValues[Math.min(B - 1, Math.floor(0.95 * B))] ?? NaN,
    greaterIsBetter,
  };
}

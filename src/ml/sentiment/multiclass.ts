// Multiclass evaluation shared by the text use cases (sentiment, search intent): macro-F1 and
// accuracy with percentile-bootstrap CIs over the test rows (model fixed), on all rows or a subset.
import { bootstrapCi, type ConfidenceInterval } from '../core/bootstrap.js';
import { accuracy, macroF1, macroF1FromConfusion } from '../core/metrics.js';
import { createRng, shuffleInPlace } from '../core/rng.js';
import { ML_SETTINGS } from '../settings.js';

export interface MulticlassScores {
  n: number;
  /** Label-permutation p-value of macro-F1 and the permuted (chance) mean. */
  permutation: { pValue: number; nullMean: number };
  macroF1: ConfidenceInterval;
  accuracy: ConfidenceInterval;
}

export interface MulticlassOptions {
  B?: number;
  seed: number;
}

/** Class indices of string labels in `classes` order; throws on an unknown label, naming it. */
export function encodeLabels(labels: readonly string[], classes: readonly string[], where: string): Int32Array {
  const index = new Map(classes.map((c, i) => [c, i]));
  return Int32Array.from(labels, (l, k) => {
    const i = index.get(l);
    if (i === undefined) throw new Error(`${where}: row ${k + 1} has label ${JSON.stringify(l)}, expected one of ${classes.join(', ')}`);
    return i;
  });
}

export function evaluateMulticlass(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  nClasses: number,
  options: MulticlassOptions,
): MulticlassScores {
  const opts = { B: options.B ?? ML_SETTINGS.bootstrapResamples, seed: options.seed, stratified: false };
  const perm = macroF1PermutationP(truth, predicted, nClasses, { B: options.B ?? ML_SETTINGS.bootstrapResamples, seed: options.seed });
  return {
    n: truth.length,
    permutation: { pValue: perm.pValue, nullMean: perm.nullMean },
    macroF1: bootstrapCi(truth, predicted, (y, p) => macroF1(y, p, nClasses), {
      ...opts,
      fromCounts: (counts) => macroF1FromConfusion(weightedConfusion(truth, predicted, nClasses, counts)),
    }),
    accuracy: bootstrapCi(truth, predicted, (y, p) => accuracy(y, p), {
      ...opts,
      fromCounts: (counts) => accuracyFromCounts(truth, predicted, counts),
    }),
  };
}

// Bootstrap replicates from row multiplicities (no copied rows). The counts are whole numbers, so
// these equal the metrics on the copied replicate exactly. Classes were checked by the estimate.
function weightedConfusion(truth: ArrayLike<number>, predicted: ArrayLike<number>, nClasses: number, counts: Float64Array): Float64Array[] {
  const m = Array.from({ length: nClasses }, () => new Float64Array(nClasses));
  for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) m[truth[i]][predicted[i]] += counts[i];
  return m;
}

function accuracyFromCounts(truth: ArrayLike<number>, predicted: ArrayLike<number>, counts: Float64Array): number {
  let hit = 0;
  let n = 0;
  for (let i = 0; i < counts.length; i++) {
    n += counts[i];
    if (truth[i] === predicted[i]) hit += counts[i];
  }
  return n === 0 ? NaN : hit / n;
}

/** The same evaluation on the rows where `keep` is true (e.g. texts with a negation). */
export function evaluateSubset(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  keep: (k: number) => boolean,
  nClasses: number,
  options: MulticlassOptions,
): MulticlassScores | null {
  const t: number[] = [];
  const p: number[] = [];
  for (let k = 0; k < truth.length; k++)
    if (keep(k)) {
      t.push(truth[k]);
      p.push(predicted[k]);
    }
  return t.length < 2 ? null : evaluateMulticlass(t, p, nClasses, options);
}

/**
 * Label-permutation test on macro-F1: shuffles the true labels against the fixed predictions.
 * p = (1 + #{permuted >= observed}) / (1 + B). Needed because macro-F1's chance level is not the
 * majority baseline's (a majority predictor scores ~1/3 of one class's F1; random guessing more).
 */
export function macroF1PermutationP(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  nClasses: number,
  options: { B?: number; seed: number },
): { pValue: number; observed: number; nullMean: number } {
  const B = options.B ?? 200;
  const observed = macroF1(truth, predicted, nClasses);
  const shuffled = Int32Array.from(truth);
  const rng = createRng(options.seed + 17);
  let extreme = 0;
  let sum = 0;
  for (let b = 0; b < B; b++) {
    shuffleInPlace(shuffled, rng);
    const v = macroF1(shuffled, predicted, nClasses);
    sum += v;
    if (v >= observed) extreme++;
  }
  return { pValue: (1 + extreme) / (1 + B), observed, nullMean: sum / B };
}

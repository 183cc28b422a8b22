// The churn reference model with one feature: days since the user's last viewing session before the
// as-of date (gold.ml_user_features.days_since_last_watch). It is the first thing an analyst would
// try, so every learned model's card says how it compares with it, on the same test users, with a
// paired bootstrap of the AUC difference. It carries the level `baseline`: never a claim of signal.
import { createMatrix, type FeatureMatrix } from '../core/matrix.js';
import { fitLogistic } from '../classifiers/logistic.js';
import type { ConfidenceInterval } from '../core/bootstrap.js';
import { createWeightedAuc, rocAuc } from '../core/metrics.js';
import { createRng } from '../core/rng.js';

export const RECENCY_FEATURE = 'days_since_last_watch';
export const RECENCY_MODEL = 'recency';

export interface RecencyModel {
  /** Days given to users with no session at all before the as-of date: one more than the largest in training. */
  neverWatchedDays: number;
  /** Churn probability from a logistic regression on log(1 + days). */
  predictProba(rawX: FeatureMatrix): Float64Array;
}

function recencyColumn(rawX: FeatureMatrix, neverWatchedDays: number): FeatureMatrix {
  const j = rawX.names.indexOf(RECENCY_FEATURE);
  if (j < 0) throw new Error(`churn recency model: column ${RECENCY_FEATURE} missing from the features`);
  const n = rawX.nRows;
  const out = createMatrix(n, ['log1p_days_since_last_watch']);
  for (let i = 0; i < n; i++) {
    const d = rawX.data[j * n + i];
    out.data[i] = Math.log1p(Number.isNaN(d) ? neverWatchedDays : Math.max(0, d));
  }
  return out;
}

/** Fits the one-feature model on raw (not imputed) training rows: a missing recency means "never watched", not "typical". */
export function fitRecencyModel(rawTrain: FeatureMatrix, labels: ArrayLike<number>): RecencyModel {
  const j = rawTrain.names.indexOf(RECENCY_FEATURE);
  if (j < 0) throw new Error(`churn recency model: column ${RECENCY_FEATURE} missing from the features`);
  let max = 0;
  for (let i = 0; i < rawTrain.nRows; i++) {
    const d = rawTrain.data[j * rawTrain.nRows + i];
    if (Number.isFinite(d) && d > max) max = d;
  }
  const neverWatchedDays = max + 1;
  const m = fitLogistic(recencyColumn(rawTrain, neverWatchedDays), labels, { l2: 1 });
  return { neverWatchedDays, predictProba: (x) => m.predictProba(recencyColumn(x, neverWatchedDays)) };
}

export interface PairedAucComparison {
  /** AUC(model) - AUC(reference) on the same test rows, with a percentile bootstrap CI. */
  difference: ConfidenceInterval;
  /** One-sided p of "the model ranks better than the reference": share of replicates with a difference <= 0 (+1 smoothing). */
  pValue: number;
}

/**
 * Paired, class-stratified bootstrap of the AUC difference between two score vectors on the same
 * labelled rows: each replicate resamples rows once and scores both, so the shared noise cancels.
 */
export function pairedAucDifference(
  labels: ArrayLike<number>,
  model: ArrayLike<number>,
  reference: ArrayLike<number>,
  options: { B: number; seed: number; level?: number },
): PairedAucComparison {
  const n = labels.length;
  if (model.length !== n || reference.length !== n)
    throw new Error(`pairedAucDifference: ${n} labels, ${model.length} and ${reference.length} scores`);
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < n; i++) (labels[i] === 1 ? pos : neg).push(i);
  const estimate = rocAuc(labels, model) - rocAuc(labels, reference);
  // Each replicate is a vector of row multiplicities scored by the weighted AUC of the two fixed
  // score vectors (sorted once): O(n) per replicate instead of a sort. The same draws as resampling
  // rows; both compute the Mann-Whitney count exactly (integers and halves), so the AUCs are identical.
  const aucOfModel = createWeightedAuc(model);
  const aucOfReference = createWeightedAuc(reference);
  const rng = createRng(options.seed);
  const counts = new Float64Array(n);
  const values: number[] = [];
  let atOrBelowZero = 0;
  for (let r = 0; r < options.B; r++) {
    counts.fill(0);
    for (const group of [pos, neg]) {
      for (let c = 0; c < group.length; c++) counts[group[Math.floor(rng.next() * group.length)]]++;
    }
    const d = aucOfModel(labels, counts) - aucOfReference(labels, counts);
    if (Number.isNaN(d)) continue;
    values.push(d);
    if (d <= 0) atOrBelowZero++;
  }
  values.sort((p, q) => p - q);
  const level = options.level ?? 0.95;
  const q = (p: number) => (values.length ? values[Math.min(values.length - 1, Math.max(0, Math.floor(p * values.length)))] : NaN);
  return {
    difference: {
      estimate,
      lower: q((1 - level) / 2),
      upper: q(1 - (1 - level) / 2),
      level,
      replicates: options.B,
      validReplicates: values.length,
      method: 'percentile-bootstrap',
      stratified: true,
    },
    pValue: (1 + atOrBelowZero) / (1 + values.length),
  };
}

/**
 * Binary and multi-class metrics on typed arrays. Labels are 0/1 (binary) or 0..K-1 (multi-class);
 * scores are any real numbers for ranking metrics and probabilities in [0, 1] for log loss/Brier.
 * Metrics return NaN when undefined (e.g. AUC with one class only) rather than throwing, so a
 * bootstrap replicate with one class can be skipped by the caller.
 */

function checkLengths(a: ArrayLike<number>, b: ArrayLike<number>, where: string): void {
  if (a.length !== b.length) throw new Error(`${where}: labels have ${a.length} values, scores ${b.length}`);
}

/** Indices sorted by score ascending (stable on index for equal scores). */
export function argsortAscending(scores: ArrayLike<number>): Int32Array {
  const order = new Int32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => scores[a] - scores[b] || a - b);
  return order;
}

/** 1-based ranks with ties given their average rank. */
export function averageRanks(scores: ArrayLike<number>): Float64Array {
  const order = argsortAscending(scores);
  const ranks = new Float64Array(scores.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = avg;
    i = j + 1;
  }
  return ranks;
}

/** AUC from precomputed average ranks: (sum of positive ranks - nPos(nPos+1)/2) / (nPos nNeg). */
export function aucFromRanks(labels: ArrayLike<number>, ranks: ArrayLike<number>): number {
  let nPos = 0;
  let rankSum = 0;
  for (let i = 0; i < labels.length; i++)
    if (labels[i] === 1) {
      nPos++;
      rankSum += ranks[i];
    }
  const nNeg = labels.length - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** ROC-AUC (Mann-Whitney); tied scores count half, via average ranks. */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkLengths(labels, scores, 'rocAuc');
  return aucFromRanks(labels, averageRanks(scores));
}

/**
 * A reusable AUC evaluator for one fixed score vector: sorts once, then computes the AUC of
 * any row-weight vector (bootstrap multiplicities) in O(n). Weighted AUC =
 * P(score_pos > score_neg) + 0.5 P(tie) over weighted pairs.
 */
export function createWeightedAuc(scores: ArrayLike<number>): (labels: ArrayLike<number>, weights: ArrayLike<number>) => number {
  const order = argsortAscending(scores);
  const groupEnds: number[] = [];
  for (let k = 0; k < order.length; k++) {
    if (k + 1 === order.length || scores[order[k + 1]] !== scores[order[k]]) groupEnds.push(k + 1);
  }
  return (labels, weights) => {
    let negBelow = 0;
    let pairs = 0;
    let start = 0;
    let totalPos = 0;
    for (const end of groupEnds) {
      let pos = 0;
      let neg = 0;
      for (let k = start; k < end; k++) {
        const r = order[k];
        if (labels[r] === 1) pos += weights[r];
        else neg += weights[r];
      }
      pairs += pos * (negBelow + 0.5 * neg);
      negBelow += neg;
      totalPos += pos;
      start = end;
    }
    const denom = totalPos * negBelow;
    return denom > 0 ? pairs / denom : NaN;
  };
}

/**
 * Average precision (area under the precision-recall curve as a step function, as in
 * scikit-learn): sum over distinct thresholds of (recall_k - recall_{k-1}) * precision_k.
 * Rows with equal scores enter at the same threshold.
 */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkLengths(labels, scores, 'averagePrecision');
  const order = argsortAscending(scores).reverse();
  let totalPos = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) totalPos++;
  if (totalPos === 0) return NaN;
  let tp = 0;
  let seen = 0;
  let prevRecall = 0;
  let ap = 0;
  for (let k = 0; k < order.length; k++) {
    if (labels[order[k]] === 1) tp++;
    seen++;
    const lastOfGroup = k + 1 === order.length || scores[order[k + 1]] !== scores[order[k]];
    if (!lastOfGroup) continue;
    const recall = tp / totalPos;
    ap += (recall - prevRecall) * (tp / seen);
    prevRecall = recall;
  }
  return ap;
}

/** Weighted average precision for one fixed score vector (sorted once), O(n) per call. */
export function createWeightedAveragePrecision(
  scores: ArrayLike<number>,
): (labels: ArrayLike<number>, weights: ArrayLike<number>) => number {
  const order = argsortAscending(scores).reverse();
  const groupEnds: number[] = [];
  for (let k = 0; k < order.length; k++) {
    if (k + 1 === order.length || scores[order[k + 1]] !== scores[order[k]]) groupEnds.push(k + 1);
  }
  return (labels, weights) => {
    let totalPos = 0;
    for (let i = 0; i < labels.length; i++) if (labels[i] === 1) totalPos += weights[i];
    if (totalPos === 0) return NaN;
    let tp = 0;
    let seen = 0;
    let prevRecall = 0;
    let ap = 0;
    let start = 0;
    for (const end of groupEnds) {
      let groupWeight = 0;
      for (let k = start; k < end; k++) {
        const r = order[k];
        groupWeight += weights[r];
        if (labels[r] === 1) tp += weights[r];
      }
      start = end;
      if (groupWeight === 0) continue;
      seen += groupWeight;
      const recall = tp / totalPos;
      ap += (recall - prevRecall) * (tp / seen);
      prevRecall = recall;
    }
    return ap;
  };
}

const EPS = 1e-15;

/** Mean negative log-likelihood; probabilities clipped to [1e-15, 1 - 1e-15]. */
export function logLoss(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  checkLengths(labels, probs, 'logLoss');
  let s = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - EPS, Math.max(EPS, probs[i]));
    s -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return s / labels.length;
}

/** Mean squared error of the probability against the 0/1 outcome. */
export function brierScore(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  checkLengths(labels, probs, 'brierScore');
  let s = 0;
  for (let i = 0; i < labels.length; i++) s += (probs[i] - labels[i]) ** 2;
  return s / labels.length;
}

/** Hard 0/1 predictions from probabilities (>= threshold is 1). */
export function threshold(probs: ArrayLike<number>, cut = 0.5): Int32Array {
  const out = new Int32Array(probs.length);
  for (let i = 0; i < probs.length; i++) out[i] = probs[i] >= cut ? 1 : 0;
  return out;
}

export function accuracy(labels: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkLengths(labels, predicted, 'accuracy');
  let hit = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predicted[i]) hit++;
  return labels.length === 0 ? NaN : hit / labels.length;
}

/** Confusion matrix: `matrix[trueClass][predictedClass]` counts; classes 0..nClasses-1. */
export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>, nClasses?: number): number[][] {
  checkLengths(labels, predicted, 'confusionMatrix');
  let k = nClasses ?? 0;
  if (nClasses === undefined) for (let i = 0; i < labels.length; i++) k = Math.max(k, labels[i] + 1, predicted[i] + 1);
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i];
    const p = predicted[i];
    if (!Number.isInteger(t) || !Number.isInteger(p) || t < 0 || p < 0 || t >= k || p >= k) {
      throw new Error(`confusionMatrix: row ${i} has class (${t}, ${p}) outside 0..${k - 1}`);
    }
    m[t][p]++;
  }
  return m;
}

/** Unweighted mean of per-class F1 over classes that occur in labels or predictions. */
export function macroF1(labels: ArrayLike<number>, predicted: ArrayLike<number>, nClasses?: number): number {
  return macroF1FromConfusion(confusionMatrix(labels, predicted, nClasses));
}

/** Macro-F1 from a confusion matrix (`m[trueClass][predictedClass]`, counts or row multiplicities). */
export function macroF1FromConfusion(m: ArrayLike<ArrayLike<number>>): number {
  let sum = 0;
  let count = 0;
  for (let c = 0; c < m.length; c++) {
    const tp = m[c][c];
    let fp = 0;
    let fn = 0;
    for (let o = 0; o < m.length; o++)
      if (o !== c) {
        fp += m[o][c];
        fn += m[c][o];
      }
    if (tp + fp + fn === 0) continue;
    sum += (2 * tp) / (2 * tp + fp + fn);
    count++;
  }
  return count === 0 ? NaN : sum / count;
}

/** Named binary metrics usable by the bootstrap and permutation helpers. */
export type BinaryMetricName = 'roc_auc' | 'average_precision' | 'log_loss' | 'brier' | 'accuracy';

export const BINARY_METRICS: Record<
  BinaryMetricName,
  { fn: (y: ArrayLike<number>, s: ArrayLike<number>) => number; greaterIsBetter: boolean; label: string }
> = {
  roc_auc: { fn: rocAuc, greaterIsBetter: true, label: 'AUC' },
  average_precision: { fn: averagePrecision, greaterIsBetter: true, label: 'PR-AUC' },
  log_loss: { fn: logLoss, greaterIsBetter: false, label: 'log loss' },
  brier: { fn: brierScore, greaterIsBetter: false, label: 'Brier' },
  accuracy: { fn: (y, p) => accuracy(y, threshold(p)), greaterIsBetter: true, label: 'accuracy' },
};

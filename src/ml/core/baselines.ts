/**
 * Baselines every model is reported against.
 *  - prior: predicts the training positive rate for everyone (AUC exactly 0.5).
 *  - one-feature heuristic: the single feature with the highest train AUC strength, used
 *    directly as the score (sign flipped when lower means more positive). Missing values get
 *    the training median. Its scores rank rows; they are not probabilities, so report AUC/AP
 *    for it, not log loss.
 */
import { column, type FeatureMatrix } from './matrix.js';
import { singleFeatureAucs } from './leakage.js';
import { median } from './matrix.js';

export interface PriorBaseline {
  kind: 'prior';
  positiveRate: number;
  predict(nRows: number): Float64Array;
}

export function fitPrior(labels: ArrayLike<number>): PriorBaseline {
  let pos = 0;
  for (let i = 0; i < labels.length; i++) pos += labels[i] === 1 ? 1 : 0;
  const positiveRate = labels.length ? pos / labels.length : NaN;
  return { kind: 'prior', positiveRate, predict: (n) => new Float64Array(n).fill(positiveRate) };
}

export interface OneFeatureBaseline {
  kind: 'one_feature';
  feature: string;
  trainAuc: number;
  /** +1 when higher values mean more positive, -1 otherwise. */
  direction: 1 | -1;
  fill: number;
  score(x: FeatureMatrix): Float64Array;
}

export function fitOneFeature(x: FeatureMatrix, labels: ArrayLike<number>, exclude: readonly string[] = []): OneFeatureBaseline {
  const candidates = singleFeatureAucs(x, labels).filter((f) => !exclude.includes(f.feature) && !Number.isNaN(f.strength));
  if (candidates.length === 0) throw new Error('fitOneFeature: no feature has a defined AUC (one-class labels or all missing?)');
  const best = candidates.reduce((a, b) => (b.strength > a.strength ? b : a));
  const j = x.names.indexOf(best.feature);
  const fill = median(column(x, j));
  const direction: 1 | -1 = best.auc >= 0.5 ? 1 : -1;
  return {
    kind: 'one_feature',
    feature: best.feature,
    trainAuc: best.strength,
    direction,
    fill,
    score: (m) => {
      const k = m.names.indexOf(best.feature);
      if (k < 0) throw new Error(`one-feature baseline: column "${best.feature}" missing from input`);
      const col = column(m, k);
      const out = new Float64Array(col.length);
      for (let i = 0; i < col.length; i++) out[i] = direction * (Number.isNaN(col[i]) ? fill : col[i]);
      return out;
    },
  };
}

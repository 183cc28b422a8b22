/**
 * Leakage guard: a single feature that alone separates the label almost perfectly is more
 * likely a leak (a column computed from the label period) than a discovery. Each feature's own
 * AUC is computed on its non-missing rows; strength = max(auc, 1 - auc); strength above the
 * threshold (default 0.95) is flagged.
 */
import { column, type FeatureMatrix } from './matrix.js';
import { rocAuc } from './metrics.js';
import { ML_SETTINGS } from '../settings.js';

export interface FeatureAuc {
  feature: string;
  auc: number;
  /** max(auc, 1 - auc): direction-free separation. */
  strength: number;
  nonMissing: number;
  flagged: boolean;
}

export function singleFeatureAucs(x: FeatureMatrix, labels: ArrayLike<number>): Omit<FeatureAuc, 'flagged'>[] {
  if (labels.length !== x.nRows) throw new Error(`singleFeatureAucs: ${labels.length} labels vs ${x.nRows} rows`);
  return x.names.map((feature, j) => {
    const col = column(x, j);
    const ys: number[] = [];
    const vs: number[] = [];
    for (let i = 0; i < col.length; i++)
      if (!Number.isNaN(col[i])) {
        ys.push(labels[i]);
        vs.push(col[i]);
      }
    const auc = rocAuc(ys, vs);
    return { feature, auc, strength: Number.isNaN(auc) ? NaN : Math.max(auc, 1 - auc), nonMissing: vs.length };
  });
}

export function leakageGuard(
  x: FeatureMatrix,
  labels: ArrayLike<number>,
  threshold: number = ML_SETTINGS.leakageThreshold,
): { features: FeatureAuc[]; flagged: string[] } {
  const features = singleFeatureAucs(x, labels).map((f) => ({ ...f, flagged: f.strength > threshold }));
  return { features, flagged: features.filter((f) => f.flagged).map((f) => f.feature) };
}

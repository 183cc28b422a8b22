/**
 * Permutation importance: the drop in a metric when one feature's column is shuffled (seeded),
 * averaged over nRepeats. Works with any model exposing predictProba on a FeatureMatrix.
 * Use held-out rows, so the importance reflects generalisation, not memorisation.
 */
import { column, createMatrix, type FeatureMatrix } from '../../../src/ml/core/matrix.js';
import { BINARY_METRICS, type BinaryMetricName } from '../../../src/ml/core/metrics.js';
import { createRng, shuffleInPlace } from '../../../src/ml/core/rng.js';

export interface PermutationImportance {
  feature: string;
  /** Mean decrease in the metric (sign-adjusted so larger = more important). */
  importance: number;
  std: number;
}

export function permutationImportance(
  model: { predictProba(x: FeatureMatrix): Float64Array },
  x: FeatureMatrix,
  labels: ArrayLike<number>,
  options: { metric?: BinaryMetricName; nRepeats?: number; seed?: number } = {},
): PermutationImportance[] {
  const metric = BINARY_METRICS[options.metric ?? 'roc_auc'];
  const sign = metric.greaterIsBetter ? 1 : -1;
  const nRepeats = options.nRepeats ?? 5;
  const rng = createRng(options.seed ?? 42);
  const base = metric.fn(labels, model.predictProba(x));
  const work = createMatrix(x.nRows, x.names, Float64Array.from(x.data));
  return x.names.map((feature, j) => {
    const drops: number[] = [];
    const original = Float64Array.from(column(x, j));
    const target = column(work, j);
    for (let r = 0; r < nRepeats; r++) {
      target.set(original);
      shuffleInPlace(target, rng);
      drops.push(sign * (base - metric.fn(labels, model.predictProba(work))));
    }
    target.set(original);
    const mean = drops.reduce((a, b) => a + b, 0) / nRepeats;
    const std = Math.sqrt(drops.reduce((a, b) => a + (b - mean) ** 2, 0) / nRepeats);
    return { feature, importance: mean, std };
  });
}

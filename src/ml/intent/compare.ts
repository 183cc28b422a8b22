// Paired comparison of two classifiers on the same test rows: the bootstrap resamples rows once per
// replicate and scores both models on that same resample, so the interval is for the difference
// itself (two separate intervals overlapping or not is a weaker, and sometimes wrong, test).
import type { ConfidenceInterval } from '../core/bootstrap.js';
import { quantileSorted } from '../core/bootstrap.js';
import { accuracy, macroF1 } from '../core/metrics.js';
import { createRng } from '../core/rng.js';
import { ML_SETTINGS } from '../settings.js';

export type PairedMetric = 'accuracy' | 'macro_f1';

/** metric(a) - metric(b) with a 95 % paired percentile-bootstrap interval. */
export function pairedDifference(
  truth: ArrayLike<number>,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  metric: PairedMetric,
  nClasses: number,
  options: { B?: number; seed: number },
): ConfidenceInterval {
  const n = truth.length;
  if (a.length !== n || b.length !== n) throw new Error(`pairedDifference: ${n} true labels but ${a.length} and ${b.length} predictions`);
  if (n === 0) throw new Error('pairedDifference: no rows to compare');
  const score = (y: ArrayLike<number>, p: ArrayLike<number>) => (metric === 'accuracy' ? accuracy(y, p) : macroF1(y, p, nClasses));
  const B = options.B ?? ML_SETTINGS.bootstrapResamples;
  const rng = createRng(options.seed + 29);
  const y = new Int32Array(n);
  const pa = new Int32Array(n);
  const pb = new Int32Array(n);
  const values: number[] = [];
  for (let r = 0; r < B; r++) {
    for (let k = 0; k < n; k++) {
      const i = rng.int(n);
      y[k] = truth[i];
      pa[k] = a[i];
      pb[k] = b[i];
    }
    values.push(score(y, pa) - score(y, pb));
  }
  values.sort((x, z) => x - z);
  return {
    estimate: score(truth, a) - score(truth, b),
    lower: quantileSorted(values, 0.025),
    upper: quantileSorted(values, 0.975),
    level: 0.95,
    replicates: B,
    validReplicates: B,
    method: 'percentile-bootstrap',
    stratified: false,
  };
}

// Paired comparison of two classifiers on the same test rows: the bootstrap resamples rows once per
// replicate and scores both models on that same resample, so the interval is for the difference
// itself (two separate intervals overlapping or not is a weaker, and sometimes wrong, test).
import type { ConfidenceInterval } from '../core/bootstrap.js';
import { quantileSorted } from '../core/bootstrap.js';
import { accuracy, macroF1, macroF1FromConfusion } from '../core/metrics.js';
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
  // First, so a label outside 0..nClasses-1 fails here with the metric's own message.
  const estimate = score(truth, a) - score(truth, b);
  // Both metrics depend on a replicate only through its confusion counts, so each replicate tallies
  // the drawn rows straight into two confusion matrices instead of copying them (same values).
  const confA = Array.from({ length: nClasses }, () => new Float64Array(nClasses));
  const confB = Array.from({ length: nClasses }, () => new Float64Array(nClasses));
  const values: number[] = [];
  for (let r = 0; r < B; r++) {
    for (const row of confA) row.fill(0);
    for (const row of confB) row.fill(0);
    let hitA = 0;
    let hitB = 0;
    for (let k = 0; k < n; k++) {
      const i = rng.int(n);
      const t = truth[i];
      if (metric === 'accuracy') {
        if (a[i] === t) hitA++;
        if (b[i] === t) hitB++;
      } else {
        confA[t][a[i]]++;
        confB[t][b[i]]++;
      }
    }
    values.push(metric === 'accuracy' ? hitA / n - hitB / n : macroF1FromConfusion(confA) - macroF1FromConfusion(confB));
  }
  values.sort((x, z) => x - z);
  return {
    estimate,
    lower: quantileSorted(values, 0.025),
    upper: quantileSorted(values, 0.975),
    level: 0.95,
    replicates: B,
    validReplicates: B,
    method: 'percentile-bootstrap',
    stratified: false,
  };
}

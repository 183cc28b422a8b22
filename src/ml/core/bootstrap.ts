/**
 * Percentile bootstrap confidence intervals for a metric of fixed (out-of-sample) predictions.
 * Rows are resampled with replacement B times (seeded); the interval is the alpha/2 and
 * 1-alpha/2 percentiles of the replicate metrics. `stratified` resamples positives and
 * negatives separately so every replicate keeps the original class counts (recommended for AUC,
 * which is undefined on a one-class replicate). The model is NOT refitted: the interval covers
 * sampling noise of the test set, not training variance.
 */
import { BINARY_METRICS, type BinaryMetricName, createWeightedAuc, createWeightedAveragePrecision, threshold } from './metrics.js';
import { createRng } from './rng.js';
import { ML_SETTINGS } from '../settings.js';

export interface ConfidenceInterval {
  estimate: number;
  lower: number;
  upper: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
  /** Replicates requested and replicates with a defined metric. */
  replicates: number;
  validReplicates: number;
  method: 'percentile-bootstrap';
  stratified: boolean;
}

export interface BootstrapOptions {
  /** Number of replicates; default 300. */
  B?: number;
  seed?: number;
  /** Default 0.95. */
  level?: number;
  /** Default true for roc_auc / average_precision, false otherwise. */
  stratified?: boolean;
  /**
   * For a custom metric: the same metric computed from row multiplicities (counts[i] = how often
   * row i is in the replicate; `rows` = their sum, the replicate's size), so a replicate costs no
   * copy of the rows. It must return exactly what the metric returns on the rows repeated in index
   * order (see `meanFromCounts`).
   */
  fromCounts?: (counts: Float64Array, rows: number) => number;
}

/**
 * Replicate evaluator for the mean of `values`: sums each row counts[i] times in index order, the
 * same additions in the same order as the mean of the copied replicate, so the result is identical.
 * Rows whose value is 0 are skipped: adding zero to the running sum leaves it unchanged (the sum
 * starts at +0, which no addition turns into -0), and per-user ranking metrics are mostly 0, so a
 * replicate visits only the non-zero rows.
 */
export function meanFromCounts(values: ArrayLike<number>): (counts: Float64Array, rows: number) => number {
  const nonZero: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) nonZero.push(i);
  const at = Int32Array.from(nonZero);
  const v = Float64Array.from(at, (i) => values[i]);
  return (counts, rows) => {
    let s = 0;
    for (let j = 0; j < at.length; j++) {
      const c = counts[at[j]];
      const x = v[j];
      for (let k = 0; k < c; k++) s += x;
    }
    return rows === 0 ? NaN : s / rows;
  };
}

/** Percentile of sorted values with linear interpolation (q in [0, 1]). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Fills `counts` with multinomial resampling multiplicities (optionally within each class). */
function resampleCounts(groups: Int32Array[], counts: Float64Array, rng: ReturnType<typeof createRng>): void {
  counts.fill(0);
  for (const g of groups) for (let k = 0; k < g.length; k++) counts[g[rng.int(g.length)]]++;
}

/**
 * Every replicate's multiplicities by position within each group, drawn once. The draws depend
 * only on the seed, B and the group sizes, not on which rows a group holds, and a step computes many
 * intervals over the same rows with the same seed (every metric of every model, every paired
 * difference): those share one plan. `fill` gives exactly the counts `resampleCounts` would draw.
 */
interface ReplicatePlan {
  readonly key: string;
  /** B rows of n position counts; group g's positions start at the sum of the earlier group sizes. */
  readonly positions: Uint16Array | Uint32Array;
}

/** Plans kept (most recent last) and the largest plan kept, in cells (B x n): 2 x 24 M x 2 bytes at most. */
const PLANS_KEPT = 2;
const MAX_PLAN_CELLS = 24_000_000;
const plans: ReplicatePlan[] = [];

function replicatePlan(seed: number, B: number, sizes: readonly number[]): ReplicatePlan | null {
  const n = sizes.reduce((a, b) => a + b, 0);
  if (B * n > MAX_PLAN_CELLS) return null;
  const key = `${seed}|${B}|${sizes.join(',')}`;
  const found = plans.findIndex((p) => p.key === key);
  if (found >= 0) {
    const [plan] = plans.splice(found, 1);
    plans.push(plan);
    return plan;
  }
  // A count never exceeds its group's size, so 16 bits hold it whenever n does.
  const positions = n <= 0xffff ? new Uint16Array(B * n) : new Uint32Array(B * n);
  const rng = createRng(seed);
  for (let b = 0; b < B; b++) {
    let offset = b * n;
    for (const size of sizes) {
      for (let k = 0; k < size; k++) positions[offset + rng.int(size)]++;
      offset += size;
    }
  }
  const plan = { key, positions };
  plans.push(plan);
  if (plans.length > PLANS_KEPT) plans.shift();
  return plan;
}

/** Replicate b's multiplicities from the plan, written to each group's rows. */
function fillFromPlan(plan: ReplicatePlan, b: number, groups: Int32Array[], counts: Float64Array, identity: boolean): void {
  let offset = b * counts.length;
  // One group holding every row in order: the plan's row is the counts as they stand.
  if (identity) {
    counts.set(plan.positions.subarray(offset, offset + counts.length));
    return;
  }
  for (const g of groups) {
    for (let j = 0; j < g.length; j++) counts[g[j]] = plan.positions[offset + j];
    offset += g.length;
  }
}

/** Replicate evaluator from row multiplicities for the named metrics (null for custom ones). */
function weightedEvaluator(
  metric: BinaryMetricName | ((y: ArrayLike<number>, s: ArrayLike<number>) => number),
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): ((counts: Float64Array, rows: number) => number) | null {
  if (metric === 'roc_auc') {
    const auc = createWeightedAuc(scores);
    return (counts) => auc(labels, counts);
  }
  if (metric === 'average_precision') {
    const ap = createWeightedAveragePrecision(scores);
    return (counts) => ap(labels, counts);
  }
  if (metric === 'log_loss' || metric === 'brier' || metric === 'accuracy') {
    const rowLoss = new Float64Array(labels.length);
    const hard = threshold(scores);
    for (let i = 0; i < labels.length; i++) {
      if (metric === 'log_loss') {
        const p = Math.min(1 - 1e-15, Math.max(1e-15, scores[i]));
        rowLoss[i] = labels[i] === 1 ? -Math.log(p) : -Math.log(1 - p);
      } else if (metric === 'brier') rowLoss[i] = (scores[i] - labels[i]) ** 2;
      else rowLoss[i] = hard[i] === labels[i] ? 1 : 0;
    }
    return (counts) => {
      let s = 0;
      let w = 0;
      for (let i = 0; i < counts.length; i++) {
        s += counts[i] * rowLoss[i];
        w += counts[i];
      }
      return s / w;
    };
  }
  return null;
}

export function bootstrapCi(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  metric: BinaryMetricName | ((y: ArrayLike<number>, s: ArrayLike<number>) => number),
  options: BootstrapOptions = {},
): ConfidenceInterval {
  if (labels.length !== scores.length) throw new Error(`bootstrapCi: ${labels.length} labels vs ${scores.length} scores`);
  const B = options.B ?? ML_SETTINGS.bootstrapResamples;
  const level = options.level ?? 0.95;
  const seed = options.seed ?? 42;
  const named = typeof metric === 'string';
  const stratified = options.stratified ?? (metric === 'roc_auc' || metric === 'average_precision');
  const fn = named ? BINARY_METRICS[metric].fn : metric;
  const n = labels.length;
  const estimate = fn(labels, scores);

  let groups: Int32Array[];
  if (stratified) {
    const pos: number[] = [];
    const neg: number[] = [];
    for (let i = 0; i < n; i++) (labels[i] === 1 ? pos : neg).push(i);
    groups = [Int32Array.from(pos), Int32Array.from(neg)].filter((g) => g.length > 0);
  } else {
    groups = [Int32Array.from({ length: n }, (_, i) => i)];
  }
  const identity = !stratified;

  const values: number[] = [];
  const counts = new Float64Array(n);
  // Fast paths evaluate each replicate from its multiplicities without copying rows: ranking
  // metrics sort once; mean-of-row-loss metrics precompute each row's loss.
  const weighted = weightedEvaluator(metric, labels, scores) ?? (named ? null : (options.fromCounts ?? null));
  const ySample = new Float64Array(weighted ? 0 : n);
  const sSample = new Float64Array(weighted ? 0 : n);
  const plan = replicatePlan(
    seed,
    B,
    groups.map((g) => g.length),
  );
  const rng = plan ? null : createRng(seed);
  for (let b = 0; b < B; b++) {
    if (plan) fillFromPlan(plan, b, groups, counts, identity);
    else resampleCounts(groups, counts, rng!);
    let v: number;
    if (weighted) {
      // Every replicate has n rows: each group is resampled to its own size.
      v = weighted(counts, n);
    } else {
      let k = 0;
      for (let i = 0; i < n; i++)
        for (let c = 0; c < counts[i]; c++) {
          ySample[k] = labels[i];
          sSample[k] = scores[i];
          k++;
        }
      v = fn(ySample, sSample);
    }
    if (!Number.isNaN(v)) values.push(v);
  }
  values.sort((a, b) => a - b);
  const alpha = 1 - level;
  return {
    estimate,
    lower: quantileSorted(values, alpha / 2),
    upper: quantileSorted(values, 1 - alpha / 2),
    level,
    replicates: B,
    validReplicates: values.length,
    method: 'percentile-bootstrap',
    stratified,
  };
}

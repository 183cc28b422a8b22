// Sampling helpers on top of Rng: exact-quota draws (so blank rates and category shares hit the
// contract to within a row, streaming, in O(1) memory), alias tables (O(1) weighted draws over
// many items) and cumulative-weight binary search (small or per-bucket weight lists).
import type { Rng } from './rng.js';

/**
 * Draws categories so that over `total` draws each category appears exactly `round(weight*total)`
 * times (largest-remainder rounding), in a random order: each draw picks category i with
 * probability remaining_i / remaining_total (sequential sampling without replacement).
 */
export class QuotaSampler {
  private readonly remaining: number[];
  private left: number;

  constructor(total: number, weights: readonly number[]) {
    const sum = weights.reduce((a, b) => a + b, 0);
    const exact = weights.map((w) => (w / sum) * total);
    const counts = exact.map(Math.floor);
    let missing = total - counts.reduce((a, b) => a + b, 0);
    const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (let k = 0; missing > 0; k = (k + 1) % byRemainder.length, missing--) counts[byRemainder[k][1]]++;
    this.remaining = counts;
    this.left = total;
  }

  next(rng: Rng): number {
    if (this.left <= 0) throw new Error('QuotaSampler exhausted: more draws than its total');
    let r = rng.int(this.left);
    this.left--;
    for (let i = 0; i < this.remaining.length; i++) {
      if (r < this.remaining[i]) {
        this.remaining[i]--;
        return i;
      }
      r -= this.remaining[i];
    }
    throw new Error('QuotaSampler: inconsistent counts');
  }
}

/** Exactly round(rate*total) `true` draws over `total` draws, in random order. */
export class QuotaFlag {
  private readonly sampler: QuotaSampler;
  constructor(total: number, rate: number) {
    this.sampler = new QuotaSampler(total, [rate, 1 - rate]);
  }
  next(rng: Rng): boolean {
    return this.sampler.next(rng) === 0;
  }
}

/** Walker/Vose alias table: O(n) build, O(1) draw. */
export class AliasTable {
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    if (n === 0) throw new Error('AliasTable needs at least one weight');
    let sum = 0;
    for (let i = 0; i < n; i++) sum += weights[i];
    if (!(sum > 0)) throw new Error('AliasTable needs a positive total weight');
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = new Float64Array(n);
    const small = new Int32Array(n);
    const large = new Int32Array(n);
    let ns = 0;
    let nl = 0;
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i] * n) / sum;
      if (scaled[i] < 1) small[ns++] = i;
      else large[nl++] = i;
    }
    while (ns > 0 && nl > 0) {
      const s = small[--ns];
      const l = large[--nl];
      this.prob[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) small[ns++] = l;
      else large[nl++] = l;
    }
    while (nl > 0) this.prob[large[--nl]] = 1;
    while (ns > 0) this.prob[small[--ns]] = 1; // rounding leftovers
  }

  sample(rng: Rng): number {
    const i = rng.int(this.prob.length);
    return rng.float() < this.prob[i] ? i : this.alias[i];
  }
}

/** Index i with probability weights[i]/sum, given the running sums `cumulative[from..to)`. */
export function pickCumulative(rng: Rng, cumulative: ArrayLike<number>, from = 0, to = cumulative.length): number {
  const total = cumulative[to - 1];
  const target = rng.float() * total;
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo - from;
}

/** Running sums of a weight list. */
export function cumulativeOf(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let acc = 0;
  weights.forEach((w, i) => {
    acc += w;
    out[i] = acc;
  });
  return out;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function clamp(x: number, min: number, max: number): number {
  return x < min ? min : x > max ? max : x;
}

/**
 * Exact top-n without scoring every title. Scoring a million users against 100,000 titles is 10^11
 * scores per model, so a model may offer `topN` next to `scoreUser`: the same titles and the same
 * scores that scoreUser + topNFromScores give (ties to the lower index, watched titles and NaN
 * left out), found by visiting only the titles that can still make the list. Nothing here is an
 * approximation; test/ml/recommend/top-n.test.ts checks every shortcut against the full scoring.
 */
import { dotsInto } from './linalg.js';
import type { CsrMatrix } from './sparse.js';

export interface TopNList {
  readonly items: Int32Array;
  readonly scores: Float64Array;
}

/**
 * The n best (score, title) pairs offered so far, in the order topNFromScores ranks: higher score
 * first, equal scores by lower title index. Titles may be offered in any order.
 */
export class BestN {
  readonly items: Int32Array;
  readonly scores: Float64Array;
  filled = 0;

  constructor(readonly n: number) {
    this.items = new Int32Array(n);
    this.scores = new Float64Array(n);
  }

  reset(): void {
    this.filled = 0;
  }

  get full(): boolean {
    return this.filled === this.n;
  }

  /** The n-th best score (only meaningful when full). */
  get lowest(): number {
    return this.scores[this.n - 1];
  }

  offer(item: number, score: number): void {
    if (Number.isNaN(score) || this.n === 0) return;
    const { items, scores } = this;
    if (this.filled === this.n && !ranksBefore(score, item, scores[this.n - 1], items[this.n - 1])) return;
    let pos = this.filled < this.n ? this.filled++ : this.n - 1;
    while (pos > 0 && ranksBefore(score, item, scores[pos - 1], items[pos - 1])) {
      items[pos] = items[pos - 1];
      scores[pos] = scores[pos - 1];
      pos--;
    }
    items[pos] = item;
    scores[pos] = score;
  }

  /** A copy of the list, best first. */
  result(): TopNList {
    return { items: this.items.slice(0, this.filled), scores: this.scores.slice(0, this.filled) };
  }
}

function ranksBefore(score: number, item: number, otherScore: number, otherItem: number): boolean {
  return score > otherScore || (score === otherScore && item < otherItem);
}

/**
 * A reusable mask of one user's watched titles: `set(user)` marks them, `clear()` unmarks them, so
 * a catalogue-sized array is allocated once, not per user.
 */
export class WatchedMask {
  private mask = new Uint8Array(0);
  private row: CsrMatrix | undefined;
  private user = -1;

  constructor(private readonly nItems: number) {}

  /** Marks `user`'s titles in `exclude` (none when it is absent or has no such row); `nItems` may grow the mask. */
  set(exclude: CsrMatrix | undefined, user: number, nItems = this.nItems): Uint8Array {
    if (this.mask.length < nItems) this.mask = new Uint8Array(nItems);
    if (exclude !== undefined && user >= 0 && user < exclude.nRows) {
      for (let k = exclude.indptr[user]; k < exclude.indptr[user + 1]; k++) this.mask[exclude.indices[k]] = 1;
      this.row = exclude;
      this.user = user;
    }
    return this.mask;
  }

  clear(): void {
    const row = this.row;
    if (row === undefined) return;
    for (let k = row.indptr[this.user]; k < row.indptr[this.user + 1]; k++) this.mask[row.indices[k]] = 0;
    this.row = undefined;
    this.user = -1;
  }
}

/** Title indices ordered by `key` descending, equal keys by lower index (NaN keys last). */
export function orderByDescending(key: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: key.length }, (_, i) => i);
  const k = (i: number) => (Number.isNaN(key[i]) ? -Infinity : key[i]);
  return order.sort((a, b) => {
    const ka = k(a);
    const kb = k(b);
    return ka === kb ? a - b : ka > kb ? -1 : 1;
  });
}

/**
 * topN for a score that is the same for every user (popularity): the titles are sorted once, and
 * each user's list is the first n of that order they have not watched.
 */
export function sharedOrderTopN(scores: Float64Array): (user: number, n: number, exclude?: CsrMatrix) => TopNList {
  const order = orderByDescending(scores);
  const mask = new WatchedMask(scores.length);
  return (user, n, exclude) => {
    const banned = mask.set(exclude, user);
    try {
      const items: number[] = [];
      for (let p = 0; p < order.length && items.length < n; p++) {
        const i = order[p];
        if (!banned[i] && !Number.isNaN(scores[i])) items.push(i);
      }
      return { items: Int32Array.from(items), scores: Float64Array.from(items, (i) => scores[i]) };
    } finally {
      mask.clear();
    }
  };
}

/**
 * topN for a factor model (score = user · item + item bias): the titles in order of their bound for a
 * typical user, and the scan stops once the n-th best score is above |user| x the largest item norm
 * still ahead + the largest bias still ahead, which bounds (Cauchy-Schwarz) every title not yet scored. The bound carries a relative
 * margin of 1e-9, far above the rounding of a 32-term dot product, so rounding cannot prune a title
 * that belongs on the list. The factors are copied in that order, so the scan reads memory in
 * sequence: where the bound prunes little (in 32 dimensions most titles point away from a user) it
 * costs about what scoring every title does. Each score is summed in scoreUser's order (each of the
 * four titles per pass has its own sum), so the numbers are the same.
 */
export function innerProductTopN(
  name: string,
  f: number,
  userFactors: Float64Array,
  itemFactors: Float64Array,
  nUsers: number,
  nItems: number,
  itemBias?: Float64Array,
): ((user: number, n: number, exclude?: CsrMatrix) => TopNList) & { scanned: number } {
  const norms = new Float64Array(nItems);
  for (let i = 0; i < nItems; i++) {
    let s = 0;
    for (let d = 0; d < f; d++) s += itemFactors[i * f + d] * itemFactors[i * f + d];
    norms[i] = Math.sqrt(s);
  }
  // Scan order: the bound for a typical user (mean user norm x item norm + bias), so titles that can
  // score high for most users come first. Any order is exact: the bound below uses the largest norm
  // and the largest bias still ahead, whichever titles they belong to.
  let meanUserNorm = 0;
  for (let u = 0; u < nUsers; u++) {
    let s = 0;
    for (let d = 0; d < f; d++) s += userFactors[u * f + d] * userFactors[u * f + d];
    meanUserNorm += Math.sqrt(s) / nUsers;
  }
  const order = orderByDescending(Float64Array.from(norms, (v, i) => meanUserNorm * v + (itemBias ? itemBias[i] : 0)));
  // The largest norm among the titles from position p on.
  const normAhead = new Float64Array(nItems + 1);
  for (let p = nItems - 1; p >= 0; p--) {
    const v = norms[order[p]];
    normAhead[p] = Number.isNaN(v) || Number.isNaN(normAhead[p + 1]) ? Number.NaN : Math.max(v, normAhead[p + 1]);
  }
  const sorted = new Float64Array(nItems * f);
  for (let p = 0; p < nItems; p++) sorted.set(itemFactors.subarray(order[p] * f, order[p] * f + f), p * f);
  const sortedBias = Float64Array.from(order, (i) => (itemBias ? itemBias[i] : 0));
  // The largest bias among the titles from position p on (a NaN bias keeps the bound NaN: no pruning).
  const biasAhead = new Float64Array(nItems + 1).fill(-Infinity);
  for (let p = nItems - 1; p >= 0; p--) {
    const b = sortedBias[p];
    biasAhead[p] = Number.isNaN(b) || Number.isNaN(biasAhead[p + 1]) ? Number.NaN : Math.max(b, biasAhead[p + 1]);
  }
  const margin = 1 + 1e-9;
  const mask = new WatchedMask(nItems);
  const four = new Float64Array(4);
  // `scanned`: titles scored by the last call (how much the bound pruned; tests read it).
  const topN = (user: number, n: number, exclude?: CsrMatrix): TopNList => {
    if (user < 0 || user >= nUsers) throw new Error(`${name}: user ${user} is outside 0..${nUsers - 1}`);
    const uo = user * f;
    let un = 0;
    for (let d = 0; d < f; d++) un += userFactors[uo + d] * userFactors[uo + d];
    un = Math.sqrt(un);
    const best = new BestN(n);
    const banned = mask.set(exclude, user);
    const offer = (p: number, s: number) => {
      const i = order[p];
      if (!banned[i]) best.offer(i, s + (itemBias ? sortedBias[p] : 0));
    };
    try {
      let p = 0;
      // Four titles per pass; the bound at the first of them holds for all four (it only falls).
      for (; p + 4 <= nItems; p += 4) {
        if (best.full && best.lowest > un * normAhead[p] * margin + 1e-300 + biasAhead[p]) break;
        dotsInto(userFactors, uo, sorted, p, 4, f, four, 0);
        for (let k = 0; k < 4; k++) offer(p + k, four[k]);
      }
      for (; p < nItems && !(best.full && best.lowest > un * normAhead[p] * margin + 1e-300 + biasAhead[p]); p++) {
        dotsInto(userFactors, uo, sorted, p, 1, f, four, 0);
        offer(p, four[0]);
      }
      result.scanned = p;
      return best.result();
    } finally {
      mask.clear();
    }
  };
  const result = Object.assign(topN, { scanned: 0 });
  return result;
}

/**
 * Exact top-n without scoring every title. Scoring a million users against 100,000 titles is 10^11
 * scores per model, so a model may offer `topN` next to `scoreUser`: the same titles and the same
 * scores that scoreUser + topNFromScores give (ties to the lower index, watched titles and NaN
 * left out), found by visiting only the titles that can still make the list. Nothing here is an
 * approximation; test/ml/recommend/top-n.test.ts checks every shortcut against the full scoring.
 */
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

  set(exclude: CsrMatrix | undefined, user: number): Uint8Array {
    if (this.mask.length < this.nItems) this.mask = new Uint8Array(this.nItems);
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
 * topN for a factor model (score = user · item + item bias): the titles in order of their factor
 * norm, and the scan stops once the n-th best score is above |user| · |item| + the largest bias still
 * ahead, which bounds (Cauchy-Schwarz) every title not yet scored. The bound carries a relative
 * margin of 1e-9, far above the rounding of a 32-term dot product, so rounding cannot prune a title
 * that belongs on the list. Each score is summed in scoreUser's order, so the numbers are the same.
 */
export function innerProductTopN(
  name: string,
  f: number,
  userFactors: Float64Array,
  itemFactors: Float64Array,
  nUsers: number,
  nItems: number,
  itemBias?: Float64Array,
): (user: number, n: number, exclude?: CsrMatrix) => TopNList {
  const norms = new Float64Array(nItems);
  for (let i = 0; i < nItems; i++) {
    let s = 0;
    for (let d = 0; d < f; d++) s += itemFactors[i * f + d] * itemFactors[i * f + d];
    norms[i] = Math.sqrt(s);
  }
  const order = orderByDescending(norms);
  const sortedNorm = Float64Array.from(order, (i) => norms[i]);
  // The largest bias among the titles from position p on (a NaN bias keeps the bound NaN: no pruning).
  const biasAhead = new Float64Array(nItems + 1).fill(-Infinity);
  for (let p = nItems - 1; p >= 0; p--) {
    const b = itemBias ? itemBias[order[p]] : 0;
    biasAhead[p] = Number.isNaN(b) || Number.isNaN(biasAhead[p + 1]) ? Number.NaN : Math.max(b, biasAhead[p + 1]);
  }
  const margin = 1 + 1e-9;
  const mask = new WatchedMask(nItems);
  return (user, n, exclude) => {
    if (user < 0 || user >= nUsers) throw new Error(`${name}: user ${user} is outside 0..${nUsers - 1}`);
    const uo = user * f;
    let un = 0;
    for (let d = 0; d < f; d++) un += userFactors[uo + d] * userFactors[uo + d];
    un = Math.sqrt(un);
    const best = new BestN(n);
    const banned = mask.set(exclude, user);
    try {
      for (let p = 0; p < nItems; p++) {
        if (best.full && best.lowest > un * sortedNorm[p] * margin + 1e-300 + biasAhead[p]) break;
        const i = order[p];
        if (banned[i]) continue;
        const io = i * f;
        let s = 0;
        for (let d = 0; d < f; d++) s += userFactors[uo + d] * itemFactors[io + d];
        best.offer(i, s + (itemBias ? itemBias[i] : 0));
      }
      return best.result();
    } finally {
      mask.clear();
    }
  };
}

/**
 * The one interface every recommender implements, and top-N selection that leaves out titles
 * the user has already watched.
 */
import type { CsrMatrix } from './sparse.js';
import { WatchedMask, type TopNList } from './top_n.js';

export interface Recommender {
  readonly name: string;
  readonly nItems: number;
  /** Writes a score for every item (higher = recommend sooner) into out (length nItems). */
  scoreUser(user: number, out: Float64Array): void;
  /**
   * Optional exact shortcut: the same titles and scores as scoreUser followed by topNFromScores,
   * without scoring every title (top_n.ts). Models whose scores are sparse or bounded offer it.
   */
  topN?(user: number, n: number, exclude?: CsrMatrix): TopNList;
}

/** One user's top n: the model's exact shortcut when it has one, else every title scored into `buffer`. */
export function topNForUser(model: Recommender, user: number, n: number, exclude: CsrMatrix | undefined, buffer: Float64Array): TopNList {
  if (model.topN) return model.topN(user, n, exclude);
  model.scoreUser(user, buffer);
  const items = topNFromScores(buffer, n, exclude, user).slice();
  return { items, scores: Float64Array.from(items, (i) => buffer[i]) };
}

/** Wraps any score function as a Recommender (used for oracles built from true affinities). */
export function recommenderFromScoreFn(name: string, nItems: number, score: (user: number, item: number) => number): Recommender {
  return {
    name,
    nItems,
    scoreUser(user, out) {
      for (let i = 0; i < nItems; i++) out[i] = score(user, i);
    },
  };
}

/**
 * Indices of the n highest scores, best first, skipping items in `exclude` row `user` (the
 * titles already watched). Ties break towards the lower item index so results are stable.
 */
export function topNFromScores(scores: Float64Array, n: number, exclude?: CsrMatrix, user = -1): Int32Array {
  // One shared mask, set for this user's watched titles and cleared again before returning (a fresh
  // mask per call allocated and zeroed a catalogue-sized array per user and model).
  const banned = watched.set(exclude, user, scores.length);
  try {
    return topNUnbanned(scores, n, banned);
  } finally {
    watched.clear();
  }
}

const watched = new WatchedMask(0);

function topNUnbanned(scores: Float64Array, n: number, banned: Uint8Array): Int32Array {
  // Insertion into a short sorted buffer: n is ~10-100 and catalogues ~1k, so this beats a heap.
  const best = new Int32Array(n).fill(-1);
  let filled = 0;
  // The n-th best score so far, once the list is full: most titles fall below it and are passed over
  // with one comparison (held in a local rather than read through best[] for every title).
  let threshold = -Infinity;
  const count = scores.length;
  for (let i = 0; i < count; i++) {
    const s = scores[i];
    if (filled === n && !(s > threshold)) continue;
    if (banned[i] || Number.isNaN(s)) continue;
    let pos = filled < n ? filled : n - 1;
    while (pos > 0 && s > scores[best[pos - 1]]) {
      best[pos] = best[pos - 1];
      pos--;
    }
    best[pos] = i;
    if (filled < n) filled++;
    if (filled === n) threshold = scores[best[n - 1]];
  }
  return best.subarray(0, filled);
}

/**
 * Top-n unwatched items for each listed user (for writing recommendations to gold). Users with
 * no row in `watched` get `coldStart`'s list when given (factor models score them all 0, which
 * would otherwise mean "the first n titles by id").
 */
export function topNForUsers(
  model: Recommender,
  users: ArrayLike<number>,
  n: number,
  watched: CsrMatrix,
  coldStart?: Recommender,
): { user: number; items: Int32Array; scores: Float64Array; model: string }[] {
  const buffer = new Float64Array(model.nItems);
  const out: { user: number; items: Int32Array; scores: Float64Array; model: string }[] = [];
  for (let k = 0; k < users.length; k++) {
    const u = users[k];
    const cold = u >= watched.nRows || watched.indptr[u + 1] === watched.indptr[u];
    const used = cold && coldStart ? coldStart : model;
    const { items, scores } = topNForUser(used, u, n, watched, buffer);
    out.push({ user: u, items, scores, model: used.name });
  }
  return out;
}

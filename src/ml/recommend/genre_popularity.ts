/**
 * Taste x recent popularity: a user's genre profile (smoothed towards the catalogue-wide genre
 * mix) times each title's share of recent demand within its genres. It is the shape of a "pick a
 * genre, then a title people are watching now" choice, learned from behaviour only: genre
 * profile from the user's training titles, demand from distinct new viewers in the last days
 * before the cutoff. Plain item-kNN / ALS fit on two years treat a title from last year like one
 * from last week; on a catalogue with release decay that loses to recent popularity.
 */
import type { Recommender } from './recommender.js';
import type { CsrMatrix } from './sparse.js';

export interface GenrePopularityOptions {
  /** Weight of a secondary-genre listing (a primary listing weighs 1). */
  secondaryWeight?: number;
  /** Pseudo-count of the global genre mix added to each user's profile. */
  prior?: number;
  /** Added to every title's recent demand so titles without recent viewers keep a small score. */
  demandFloor?: number;
}

/**
 * @param train user x item training matrix (any positive value = watched)
 * @param genres per item: [primary genre index, secondary genre index or -1]
 * @param nGenres number of genres
 * @param recentDemand per item: recent demand (e.g. distinct new viewers in the last 28 days)
 */
export function fitGenrePopularity(
  train: CsrMatrix,
  genres: readonly (readonly [number, number])[],
  nGenres: number,
  recentDemand: Float64Array,
  options: GenrePopularityOptions = {},
): Recommender {
  const secondary = options.secondaryWeight ?? 0.5;
  const prior = options.prior ?? 2;
  const floor = options.demandFloor ?? 0.1;
  const nItems = train.nCols;
  if (genres.length !== nItems || recentDemand.length !== nItems)
    throw new Error(`fitGenrePopularity: ${nItems} items but ${genres.length} genre rows and ${recentDemand.length} demands`);
  const listing = (i: number, g: number) => (genres[i][0] === g ? 1 : genres[i][1] === g ? secondary : 0);
  // share[g][i]: title i's share of recent demand among titles listed under g.
  const share = Array.from({ length: nGenres }, () => new Float64Array(nItems));
  for (let g = 0; g < nGenres; g++) {
    let sum = 0;
    for (let i = 0; i < nItems; i++) {
      share[g][i] = listing(i, g) * (recentDemand[i] + floor);
      sum += share[g][i];
    }
    if (sum > 0) for (let i = 0; i < nItems; i++) share[g][i] /= sum;
  }
  // Global genre mix over all training watches (the prior for thin profiles).
  const global = new Float64Array(nGenres);
  for (let k = 0; k < train.indices.length; k++) {
    const i = train.indices[k];
    global[genres[i][0]] += 1;
    if (genres[i][1] >= 0) global[genres[i][1]] += secondary;
  }
  const globalSum = global.reduce((a, b) => a + b, 0) || 1;
  for (let g = 0; g < nGenres; g++) global[g] /= globalSum;
  // Titles listed under each genre, ascending: a title appears under at most two genres, so a score
  // visits about 1.5 titles per title instead of nGenres. The terms skipped were p * 0 = +0, and each
  // title's terms are still added in genre order, so the scores are the same numbers.
  const members: Int32Array[] = Array.from({ length: nGenres }, (_, g) => {
    const list: number[] = [];
    for (let i = 0; i < nItems; i++) if (share[g][i] !== 0) list.push(i);
    return Int32Array.from(list);
  });
  const profile = new Float64Array(nGenres);
  return {
    name: 'genre_x_recent_popularity',
    nItems,
    scoreUser(u, out) {
      for (let g = 0; g < nGenres; g++) profile[g] = prior * global[g];
      let total = prior;
      if (u < train.nRows) {
        for (let k = train.indptr[u]; k < train.indptr[u + 1]; k++) {
          const i = train.indices[k];
          const w = genres[i][1] >= 0 ? 1 + secondary : 1;
          profile[genres[i][0]] += 1 / w;
          if (genres[i][1] >= 0) profile[genres[i][1]] += secondary / w;
          total += 1;
        }
      }
      out.fill(0);
      for (let g = 0; g < nGenres; g++) {
        const p = profile[g] / total;
        if (p === 0) continue;
        const s = share[g];
        const m = members[g];
        for (let k = 0; k < m.length; k++) out[m[k]] += p * s[m[k]];
      }
    },
  };
}

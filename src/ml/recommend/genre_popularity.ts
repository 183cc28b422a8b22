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
import { BestN, orderByDescending, WatchedMask } from './top_n.js';

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
  /** The user's genre profile into `profile`; returns its total weight (the divisor of every share). */
  function fillProfile(u: number): number {
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
    return total;
  }
  const topN = thresholdTopN(nItems, share, members, fillProfile, profile);
  return {
    name: 'genre_x_recent_popularity',
    nItems,
    scoreUser(u, out) {
      const total = fillProfile(u);
      out.fill(0);
      for (let g = 0; g < nGenres; g++) {
        const p = profile[g] / total;
        if (p === 0) continue;
        const s = share[g];
        const m = members[g];
        for (let k = 0; k < m.length; k++) out[m[k]] += p * s[m[k]];
      }
    },
    topN,
  };
}

/**
 * Exact top-n by the threshold algorithm: each genre's titles sorted by their share, visited one
 * depth at a time across the genres the user weighs; a title seen for the first time gets its full
 * score (the same sum, in the same genre order, as scoreUser). A title not yet seen sits below the
 * current depth in every list it is in, and it is in at most two (primary and secondary genre), so
 * it scores at most the two largest of (next share x weight); once the n-th best is above that
 * bound, no unseen title can enter the list.
 */
function thresholdTopN(
  nItems: number,
  share: Float64Array[],
  members: Int32Array[],
  fillProfile: (u: number) => number,
  profile: Float64Array,
): NonNullable<Recommender['topN']> {
  const nGenres = share.length;
  const sorted = members.map((m, g) => {
    const key = Float64Array.from(m, (i) => share[g][i]);
    return Int32Array.from(orderByDescending(key), (k) => m[k]);
  });
  // Each title's genres, ascending (at most two): the order scoreUser adds its terms in.
  const genreStart = new Int32Array(nItems + 1);
  for (const m of members) for (const i of m) genreStart[i + 1]++;
  for (let i = 0; i < nItems; i++) genreStart[i + 1] += genreStart[i];
  const genreOf = new Int32Array(genreStart[nItems]);
  const fill = genreStart.slice(0, nItems);
  members.forEach((m, g) => {
    for (const i of m) genreOf[fill[i]++] = g;
  });
  let maxListings = 0;
  for (let i = 0; i < nItems; i++) maxListings = Math.max(maxListings, genreStart[i + 1] - genreStart[i]);
  const top = new Float64Array(maxListings);
  const weight = new Float64Array(nGenres);
  const active: number[] = [];
  const seen = new Int32Array(nItems);
  let stamp = 0;
  const mask = new WatchedMask(nItems);
  const scoreOf = (i: number): number => {
    let s = 0;
    for (let e = genreStart[i]; e < genreStart[i + 1]; e++) {
      const g = genreOf[e];
      if (weight[g] !== 0) s += weight[g] * share[g][i];
    }
    return s;
  };
  return (user, n, exclude) => {
    const total = fillProfile(user);
    active.length = 0;
    for (let g = 0; g < nGenres; g++) {
      weight[g] = profile[g] / total;
      if (weight[g] !== 0) active.push(g);
    }
    if (stamp === 0x7fffffff) {
      seen.fill(0);
      stamp = 0;
    }
    stamp++;
    const best = new BestN(n);
    const banned = mask.set(exclude, user);
    try {
      let exhausted = false;
      for (let d = 0; !exhausted; d++) {
        exhausted = true;
        for (const g of active) {
          const list = sorted[g];
          if (d >= list.length) continue;
          exhausted = false;
          const i = list[d];
          if (seen[i] === stamp) continue;
          seen[i] = stamp;
          if (!banned[i]) best.offer(i, scoreOf(i));
        }
        if (exhausted || !best.full) continue;
        // An unseen title is listed under at most `maxListings` genres, each term at most its genre's
        // next share times the weight: the bound is the sum of the largest `maxListings` of those.
        top.fill(0);
        for (const g of active) {
          if (d + 1 >= sorted[g].length) continue;
          let v = weight[g] * share[g][sorted[g][d + 1]];
          for (let t = 0; t < maxListings; t++)
            if (v > top[t]) {
              const held = top[t];
              top[t] = v;
              v = held;
            }
        }
        let bound = 0;
        for (let t = 0; t < maxListings; t++) bound += top[t];
        // Strictly above, with a margin for the different order of the additions: an unseen title
        // scoring exactly the bound could still win a tie on index.
        if (best.lowest > bound * (1 + 1e-12)) return best.result();
      }
      // Every listed title was seen; the rest score 0 and matter only while the list has room or ends at 0.
      if (!best.full || !(best.lowest > 0)) for (let i = 0; i < nItems; i++) if (seen[i] !== stamp && !banned[i]) best.offer(i, scoreOf(i));
      return best.result();
    } finally {
      mask.clear();
    }
  };
}

/**
 * A seeded synthetic watch log with planted genre tastes, for tests, timing and peer
 * comparisons (the project's generator is the real source; this only needs known structure).
 * Users draw titles with probability ∝ popularity_i * exp(taste * affinity(user, genre_i)).
 */
import { buildInteractions, type Interactions, type InteractionRow } from '../../src/ml/recommend/holdout.js';
import { createRng } from '../../src/ml/core/rng.js';
import { IdMap } from '../../src/ml/recommend/sparse.js';

export interface SyntheticOptions {
  users: number;
  items: number;
  genres?: number;
  meanInteractions?: number;
  days?: number;
  /** How strongly taste (vs popularity) drives choices. */
  taste?: number;
  seed?: number;
}

export interface SyntheticWatchLog {
  interactions: Interactions;
  /** Genre numbers of each item (one or two). */
  itemGenres: number[][];
  /** nUsers x nGenres affinities in [0, 1]. */
  affinity: Float64Array;
  genres: number;
  /** Mean genre affinity of the item: taste only, ignoring popularity. */
  genreScore: (user: number, item: number) => number;
  /** Log of the true (unnormalised) choice probability: log popularity + taste * genreScore. */
  trueScore: (user: number, item: number) => number;
}

export function syntheticWatchLog(options: SyntheticOptions): SyntheticWatchLog {
  const genres = options.genres ?? 8;
  const meanInteractions = options.meanInteractions ?? 10;
  const days = options.days ?? 730;
  const taste = options.taste ?? 3;
  const rng = createRng(options.seed ?? 1);
  const itemGenres: number[][] = [];
  const popularity = new Float64Array(options.items);
  for (let i = 0; i < options.items; i++) {
    const g = rng.int(genres);
    itemGenres.push(rng.next() < 0.4 ? [g, (g + 1 + rng.int(genres - 1)) % genres] : [g]);
    popularity[i] = 1 / Math.pow(1 + rng.int(options.items), 0.7); // Zipf-like
  }
  const affinity = new Float64Array(options.users * genres);
  for (let u = 0; u < options.users; u++) {
    const favourite = rng.int(genres);
    const second = rng.int(genres);
    for (let g = 0; g < genres; g++) affinity[u * genres + g] = 0.1 * rng.next();
    affinity[u * genres + favourite] = 1;
    affinity[u * genres + second] = Math.max(affinity[u * genres + second], 0.6);
  }
  const genreScore = (u: number, i: number): number => {
    let s = 0;
    for (const g of itemGenres[i]) s += affinity[u * genres + g];
    return s / itemGenres[i].length;
  };
  const trueScore = (u: number, i: number): number => Math.log(popularity[i]) + taste * genreScore(u, i);
  const users = IdMap.from(Array.from({ length: options.users }, (_, u) => `user_${String(u + 1).padStart(5, '0')}`));
  const items = IdMap.from(Array.from({ length: options.items }, (_, i) => `movie_${String(i + 1).padStart(4, '0')}`));
  const rows: InteractionRow[] = [];
  const cumulative = new Float64Array(options.items);
  for (let u = 0; u < options.users; u++) {
    let total = 0;
    for (let i = 0; i < options.items; i++) {
      total += Math.exp(trueScore(u, i));
      cumulative[i] = total;
    }
    const count = 1 + rng.int(2 * meanInteractions - 1);
    for (let n = 0; n < count; n++) {
      const target = rng.next() * total;
      let lo = 0;
      let hi = options.items - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] < target) lo = mid + 1;
        else hi = mid;
      }
      rows.push({ userId: users.ids[u], itemId: items.ids[lo], day: rng.int(days), weight: 10 + rng.int(110) });
    }
  }
  return { interactions: buildInteractions(rows, users, items), itemGenres, affinity, genres, genreScore, trueScore };
}

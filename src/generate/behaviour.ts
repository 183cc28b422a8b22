// Small behavioural formulas shared by the event tables (realistic signal). CONTEXT.md states them.
import { COUNTRIES, COUNTRY_WEIGHTS, GENRES } from '../contracts/index.js';
import type { Rng } from './rng.js';
import { cumulativeOf, pickCumulative } from './sampling.js';
import { SEGMENTS, userGenreAffinity } from './segments.js';
import type { UserModel } from './user-model.js';

/** log(20 x affinity): 0 for a genre the user likes as much as average, about -1..+2 in practice. */
export function affinityLog(users: UserModel, u: number, genre: number): number {
  return Math.log(GENRES.length * userGenreAffinity(users.segment[u], users.fav1[u], users.fav2[u], genre));
}

/**
 * Star rating 1..5 from a latent score: 0.9 x affinityLog + 0.45 x (title quality - 6.6)
 * + bonus + N(0, 0.9), cut at -1.0 / -0.2 / 0.6 / 1.4.
 */
export const RATING_CUTS = [-1.0, -0.2, 0.6, 1.4] as const;
export function ratingFromLatent(rng: Rng, affLog: number, quality: number, bonus: number): number {
  const z = 0.9 * affLog + 0.45 * (quality - 6.6) + bonus + rng.normal(0, 0.9);
  let r = 1;
  for (const cut of RATING_CUTS) if (z > cut) r++;
  return r;
}

/** Per-segment device pickers over a vocabulary (weights from segments.ts). */
export function devicePickers(weights: (s: (typeof SEGMENTS)[number]) => readonly number[]): Float64Array[] {
  return SEGMENTS.map((s) => cumulativeOf(weights(s)));
}

export function pickDevice<T>(rng: Rng, users: UserModel, u: number, pickers: Float64Array[], vocabulary: readonly T[]): T {
  return users.realistic ? vocabulary[pickCumulative(rng, pickers[users.segment[u]])] : rng.pick(vocabulary);
}

/**
 * Where an event happened. Realistic: at home, except a traveller share proportional to the other
 * country's weight (so flows balance and the 70/30 marginal holds). None: 70/30 at random.
 */
export const TRAVEL_RATE = 0.15;
export function eventCountry(rng: Rng, users: UserModel, u: number): string {
  if (!users.realistic) return COUNTRIES[rng.float() < COUNTRY_WEIGHTS[0] ? 0 : 1];
  const home = users.country[u];
  return COUNTRIES[rng.bool(TRAVEL_RATE * COUNTRY_WEIGHTS[1 - home]) ? 1 - home : home];
}

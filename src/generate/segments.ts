// Latent user segments of the realistic signal. Each drives genre taste, devices, how often and how
// long a user watches, how often they finish, and a shift in churn risk. The numbers are the
// planted truth; ground_truth.json repeats them and CONTEXT.md gives the formulas that use them.
import { GENRES } from '../contracts/index.js';

export type Genre = (typeof GENRES)[number];

export interface Segment {
  name: string;
  description: string;
  share: number;
  /** Genre taste multipliers over a base of 1 (normalised into a distribution). */
  genreBoost: Partial<Record<Genre, number>>;
  /** Relative weights over USER_DEVICES (primary_device) ... */
  userDevices: readonly number[];
  /** ... and over WATCH_DEVICES / EVENT_DEVICES for sessions and other events. */
  watchDevices: readonly number[];
  eventDevices: readonly number[];
  /** Median of the per-user activity multiplier (sessions per unit time). */
  activity: number;
  /** Mean completion propensity (share of sessions watched to the end, before affinity). */
  completion: number;
  /** Chance that one more episode follows, for series (drives session length). */
  bingeContinue: number;
  /** Additive shift of the churn log-odds. */
  churnShift: number;
  ageMean: number;
  householdMean: number;
}

// USER_DEVICES: Desktop, Tablet, Laptop, Smart TV, Gaming Console, Mobile
// WATCH_DEVICES: Desktop, Tablet, Smart TV, Mobile, Laptop
// EVENT_DEVICES: Mobile, Smart TV, Tablet, Laptop
export const SEGMENTS: readonly Segment[] = [
  {
    name: 'binge_watcher',
    description: 'Long evening sessions of drama, crime and thriller series on the TV; finishes what they start.',
    share: 0.22,
    genreBoost: { Drama: 5, Crime: 5, Thriller: 4, Mystery: 4, 'Sci-Fi': 2 },
    userDevices: [1, 1, 2, 6, 1, 1],
    watchDevices: [1, 1, 6, 1, 2],
    eventDevices: [1, 5, 1, 2],
    activity: 1.8,
    completion: 0.62,
    bingeContinue: 0.65,
    churnShift: -0.4,
    ageMean: 34,
    householdMean: 2.2,
  },
  {
    name: 'family_viewer',
    description: 'Animation, family and adventure titles for a household; weekend peaks and a December high.',
    share: 0.2,
    genreBoost: { Family: 7, Animation: 7, Adventure: 4, Comedy: 3, Fantasy: 2 },
    userDevices: [1, 4, 1, 6, 1, 1],
    watchDevices: [1, 4, 6, 1, 1],
    eventDevices: [1, 5, 4, 1],
    activity: 1.1,
    completion: 0.5,
    bingeContinue: 0.35,
    churnShift: -0.1,
    ageMean: 41,
    householdMean: 4.1,
  },
  {
    name: 'casual_mobile',
    description: 'Short phone sessions of comedy and romance; often abandons titles; highest churn risk.',
    share: 0.27,
    genreBoost: { Comedy: 5, Romance: 5, Drama: 2, Music: 2 },
    userDevices: [1, 2, 1, 1, 1, 7],
    watchDevices: [1, 2, 1, 7, 1],
    eventDevices: [7, 1, 2, 1],
    activity: 0.6,
    completion: 0.34,
    bingeContinue: 0.15,
    churnShift: 0.6,
    ageMean: 27,
    householdMean: 1.8,
  },
  {
    name: 'genre_fan',
    description: 'Horror, sci-fi, action and fantasy fans on consoles and desktops; strong October horror peak.',
    share: 0.18,
    genreBoost: { Horror: 7, 'Sci-Fi': 6, Action: 5, Fantasy: 4, Thriller: 2 },
    userDevices: [3, 1, 2, 2, 5, 1],
    watchDevices: [4, 1, 3, 1, 3],
    eventDevices: [1, 3, 1, 4],
    activity: 1.3,
    completion: 0.5,
    bingeContinue: 0.4,
    churnShift: 0,
    ageMean: 30,
    householdMean: 2,
  },
  {
    name: 'documentary_buff',
    description: 'Documentaries, history, biography and sport on laptops; few but complete sessions.',
    share: 0.13,
    genreBoost: { Documentary: 8, History: 6, Biography: 6, Sport: 3, War: 3, Music: 2 },
    userDevices: [4, 1, 5, 2, 1, 1],
    watchDevices: [4, 1, 2, 1, 5],
    eventDevices: [1, 2, 1, 5],
    activity: 0.8,
    completion: 0.68,
    bingeContinue: 0.3,
    churnShift: -0.2,
    ageMean: 46,
    householdMean: 2.1,
  },
];

/** Normalised genre taste of each segment (rows follow SEGMENTS, columns GENRES). */
export const SEGMENT_GENRE_TASTE: readonly Float64Array[] = SEGMENTS.map((s) => {
  const w = GENRES.map((g) => s.genreBoost[g] ?? 1);
  const sum = w.reduce((a, b) => a + b, 0);
  return Float64Array.from(w, (x) => x / sum);
});

/** Share of a user's genre choices that come from the segment taste; the rest from 2 favourites. */
export const SEGMENT_TASTE_WEIGHT = 0.7;
export const FAVOURITE_WEIGHT = (1 - SEGMENT_TASTE_WEIGHT) / 2;

/** A user's true genre affinity: the probability that a session picks genre g (before seasonality). */
export function userGenreAffinity(segment: number, fav1: number, fav2: number, genre: number): number {
  return (
    SEGMENT_TASTE_WEIGHT * SEGMENT_GENRE_TASTE[segment][genre] +
    (genre === fav1 ? FAVOURITE_WEIGHT : 0) +
    (genre === fav2 ? FAVOURITE_WEIGHT : 0)
  );
}

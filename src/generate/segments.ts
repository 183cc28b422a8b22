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

// The planted numbers, one row per segment so the segments compare at a glance (one table, not five
// records of the same shape). The order of the rows is the segment index everywhere.
// prettier-ignore
const SEGMENT_NUMBERS: ReadonlyArray<readonly [name: string, share: number, activity: number, completion: number, bingeContinue: number, churnShift: number, ageMean: number, householdMean: number]> = [
  // name               share  activity  completion  bingeContinue  churnShift  ageMean  householdMean
  ['binge_watcher',     0.22,  1.8,      0.62,       0.65,          -0.4,       34,      2.2],
  ['family_viewer',     0.2,   1.1,      0.5,        0.35,          -0.1,       41,      4.1],
  ['casual_mobile',     0.27,  0.6,      0.34,       0.15,          0.6,        27,      1.8],
  ['genre_fan',         0.18,  1.3,      0.5,        0.4,           0,          30,      2],
  ['documentary_buff',  0.13,  0.8,      0.68,       0.3,           -0.2,       46,      2.1],
];

// Relative device weights per segment, in the order of each device list:
//   user  = USER_DEVICES  (Desktop, Tablet, Laptop, Smart TV, Gaming Console, Mobile), the primary_device
//   watch = WATCH_DEVICES (Desktop, Tablet, Smart TV, Mobile, Laptop), sessions
//   event = EVENT_DEVICES (Mobile, Smart TV, Tablet, Laptop), other events
// prettier-ignore
const SEGMENT_DEVICES: Record<string, readonly [user: readonly number[], watch: readonly number[], event: readonly number[]]> = {
  //                  user                               watch                             event
  binge_watcher:    [[1, 1, 2, 6, 1, 1],                 [1, 1, 6, 1, 2],                  [1, 5, 1, 2]],
  family_viewer:    [[1, 4, 1, 6, 1, 1],                 [1, 4, 6, 1, 1],                  [1, 5, 4, 1]],
  casual_mobile:    [[1, 2, 1, 1, 1, 7],                 [1, 2, 1, 7, 1],                  [7, 1, 2, 1]],
  genre_fan:        [[3, 1, 2, 2, 5, 1],                 [4, 1, 3, 1, 3],                  [1, 3, 1, 4]],
  documentary_buff: [[4, 1, 5, 2, 1, 1],                 [4, 1, 2, 1, 5],                  [1, 2, 1, 5]],
};

const SEGMENT_TASTE: Record<string, { description: string; genreBoost: Segment['genreBoost'] }> = {
  binge_watcher: {
    description: 'Long evening sessions of drama, crime and thriller series on the TV; finishes what they start.',
    genreBoost: { Drama: 5, Crime: 5, Thriller: 4, Mystery: 4, 'Sci-Fi': 2 },
  },
  family_viewer: {
    description: 'Animation, family and adventure titles for a household; weekend peaks and a December high.',
    genreBoost: { Family: 7, Animation: 7, Adventure: 4, Comedy: 3, Fantasy: 2 },
  },
  casual_mobile: {
    description: 'Short phone sessions of comedy and romance; often abandons titles; highest churn risk.',
    genreBoost: { Comedy: 5, Romance: 5, Drama: 2, Music: 2 },
  },
  genre_fan: {
    description: 'Horror, sci-fi, action and fantasy fans on consoles and desktops; strong October horror peak.',
    genreBoost: { Horror: 7, 'Sci-Fi': 6, Action: 5, Fantasy: 4, Thriller: 2 },
  },
  documentary_buff: {
    description: 'Documentaries, history, biography and sport on laptops; few but complete sessions.',
    genreBoost: { Documentary: 8, History: 6, Biography: 6, Sport: 3, War: 3, Music: 2 },
  },
};

export const SEGMENTS: readonly Segment[] = SEGMENT_NUMBERS.map(
  ([name, share, activity, completion, bingeContinue, churnShift, ageMean, householdMean]) => {
    const [userDevices, watchDevices, eventDevices] = SEGMENT_DEVICES[name];
    const { description, genreBoost } = SEGMENT_TASTE[name];
    return {
      name,
      description,
      share,
      genreBoost,
      userDevices,
      watchDevices,
      eventDevices,
      activity,
      completion,
      bingeContinue,
      churnShift,
      ageMean,
      householdMean,
    };
  },
);

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

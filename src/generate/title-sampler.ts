// Which title an event is about (realistic signal). A user first picks a genre (segment taste x genre
// season, or one of their two favourites), then a title of that genre in proportion to its
// popularity at that time. Popularity per title is tabulated per 14-day bucket, per genre list, as
// running sums for a binary search: memory ~ buckets x 1.4 x titles floats.
import { GENRES } from '../contracts/index.js';
import { EVENT_DAYS, EVENT_FIRST_DAY, genreSeason, holidaySeason, monthOf } from './calendar.js';
import { NO_GENRE, type TitleModel } from './title-model.js';
import type { Rng } from './rng.js';
import { pickCumulative } from './sampling.js';
import { SEGMENTS, SEGMENT_GENRE_TASTE, SEGMENT_TASTE_WEIGHT } from './segments.js';
import type { UserModel } from './user-model.js';

export const BUCKET_DAYS = 14;
/** A title not yet on the platform still gets this share of its base popularity (published quirk). */
export const PRE_RELEASE_FACTOR = 0.03;
/** A title listed under its secondary genre counts this much of its popularity there. */
export const SECONDARY_GENRE_WEIGHT = 0.5;
const MID_DAY_INDEX = EVENT_DAYS / 2;

/** Popularity of title i on a day index (days since 2024-01-01). */
export function titlePopularity(t: TitleModel, i: number, dayIndex: number): number {
  const age = dayIndex + EVENT_FIRST_DAY - t.addedDay[i];
  const release = age < 0 ? PRE_RELEASE_FACTOR : t.floor[i] + (1 - t.floor[i]) * Math.exp(-age / t.decayDays[i]);
  const trend = Math.max(0.2, 1 + (t.trendPerYear[i] * (dayIndex - MID_DAY_INDEX)) / 365);
  const holiday = t.holiday[i] ? holidaySeason(monthOf(dayIndex)) : 1;
  return t.basePopularity[i] * release * trend * holiday;
}

export class TitleSampler {
  private readonly listStart: Int32Array;
  private readonly members: Int32Array;
  private readonly cumulative: Float32Array;
  private readonly buckets: number;
  /** Per segment x month: running sums over genres of taste x season. */
  private readonly genreCumulative: Float64Array;

  constructor(titles: TitleModel) {
    const lists: number[][] = Array.from({ length: GENRES.length + 1 }, () => []);
    for (let i = 0; i < titles.n; i++) {
      lists[titles.genre1[i]].push(i);
      if (titles.genre2[i] !== NO_GENRE) lists[titles.genre2[i]].push(i);
      lists[GENRES.length].push(i);
    }
    this.listStart = new Int32Array(lists.length + 1);
    lists.forEach((l, k) => (this.listStart[k + 1] = this.listStart[k] + l.length));
    this.members = Int32Array.from(lists.flat());
    const total = this.members.length;
    this.buckets = Math.ceil(EVENT_DAYS / BUCKET_DAYS);
    this.cumulative = new Float32Array(this.buckets * total);
    for (let b = 0; b < this.buckets; b++) {
      const day = Math.min(EVENT_DAYS - 1, b * BUCKET_DAYS + BUCKET_DAYS / 2);
      for (let k = 0; k < lists.length; k++) {
        let acc = 0;
        for (let j = this.listStart[k]; j < this.listStart[k + 1]; j++) {
          const i = this.members[j];
          const secondary = k < GENRES.length && titles.genre1[i] !== k;
          acc += titlePopularity(titles, i, day) * (secondary ? SECONDARY_GENRE_WEIGHT : 1);
          this.cumulative[b * total + j] = acc;
        }
      }
    }
    this.genreCumulative = new Float64Array(SEGMENTS.length * 12 * GENRES.length);
    for (let s = 0; s < SEGMENTS.length; s++) {
      for (let m = 0; m < 12; m++) {
        let acc = 0;
        for (let g = 0; g < GENRES.length; g++) {
          acc += SEGMENT_GENRE_TASTE[s][g] * genreSeason(g, m);
          this.genreCumulative[(s * 12 + m) * GENRES.length + g] = acc;
        }
      }
    }
  }

  /** A title of `genre` (or of any genre: GENRES.length) by popularity on the day. */
  pickInGenre(rng: Rng, genre: number, dayIndex: number): number {
    let list = genre;
    if (this.listStart[list + 1] === this.listStart[list]) list = GENRES.length; // tiny catalogues
    const base = Math.floor(dayIndex / BUCKET_DAYS) * this.members.length;
    const from = this.listStart[list];
    const k = pickCumulative(rng, this.cumulative, base + from, base + this.listStart[list + 1]);
    return this.members[from + k];
  }

  /** A title by popularity alone (trending / new-release style recommendations). */
  pickPopular(rng: Rng, dayIndex: number): number {
    return this.pickInGenre(rng, GENRES.length, dayIndex);
  }

  /** The genre a user picks on a day: segment taste x season with weight 0.7, else a favourite. */
  pickGenre(rng: Rng, users: UserModel, u: number, dayIndex: number): number {
    const r = rng.float();
    if (r >= SEGMENT_TASTE_WEIGHT) return r < SEGMENT_TASTE_WEIGHT + (1 - SEGMENT_TASTE_WEIGHT) / 2 ? users.fav1[u] : users.fav2[u];
    const from = (users.segment[u] * 12 + monthOf(dayIndex)) * GENRES.length;
    return pickCumulative(rng, this.genreCumulative, from, from + GENRES.length);
  }

  /** A title the user would choose to watch on that day. */
  pickForUser(rng: Rng, users: UserModel, u: number, dayIndex: number): number {
    return this.pickInGenre(rng, this.pickGenre(rng, users, u, dayIndex), dayIndex);
  }
}

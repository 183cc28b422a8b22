// The generator's true title-choice probability, rebuilt from ground_truth.json, as the "best
// achievable" ranking for the recommendation ceiling. A user picks a genre (0.7 x segment taste x
// genre season, else one of two favourites at 0.15 each), then a title listed under that genre in
// proportion to its popularity in the 14-day bucket (base x release curve x trend x holiday;
// secondary-genre listings count half). Averaged over the buckets of the test window, that is the
// probability that the user's next watch is title i: popularity and taste together, which is what
// makes it a real ceiling (a taste-only score ranks below popularity, see CONTEXT.md).
import { readGroundTruthSections } from '../ground_truth.js';

export interface TrueChoiceInput {
  /** Path of ground_truth.json. */
  file: string;
  /** Title ids in the model's item order, and their added_to_platform dates (YYYY-MM-DD or null). */
  itemIds: readonly string[];
  addedToPlatform: readonly (string | null)[];
  /** Test window [from, to] as YYYY-MM-DD (inclusive). */
  from: string;
  to: string;
}

export interface TrueChoice {
  /** Probability-proportional score of user id for item index (NaN-free; 0 for unknown users). */
  scoreFor(userId: string, item: number): number;
  signal: string;
}

export function dayNumber(date: string): number {
  return Math.floor(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000);
}

function trailingNumber(id: string): number {
  const m = /(\d+)$/.exec(id);
  return m ? Number(m[1]) - 1 : -1;
}

/** Builds the true choice scores; returns null when the file has no structure (signal none). */
export function buildTrueChoice(input: TrueChoiceInput): TrueChoice | null {
  const doc = readGroundTruthSections(input.file, ['signal', 'event_first_day', 'parameters', 'titles', 'users']);
  const where = input.file;
  const p = doc.parameters;
  const genres: string[] = p?.genres;
  const titles = doc.titles?.columns;
  const users = doc.users?.columns;
  if (!Array.isArray(genres) || !titles || !users)
    throw new Error(`${where}: expected parameters.genres, titles.columns and users.columns`);
  if (doc.signal !== 'realistic') return null;
  const nG = genres.length;
  const segTaste: number[][] = p.segments.map((s: { genre_taste: number[] }) => s.genre_taste);
  const tasteWeight: number = p.segment_taste_weight ?? 0.7;
  const favWeight: number = p.favourite_weight ?? (1 - tasteWeight) / 2;
  const seasons: Record<string, Record<string, number>> = p.calendar.genre_seasons_by_month ?? {};
  const holidayByMonth: Record<string, number> = p.calendar.holiday_title_season_by_month ?? {};
  const holidayOff: number = p.calendar.holiday_off_season ?? 1;
  const bucketDays: number = p.title_popularity.bucket_days;
  const preRelease: number = p.title_popularity.pre_release_factor;
  const secondaryWeight: number = p.title_popularity.secondary_genre_weight;
  const firstDay = dayNumber(doc.event_first_day);
  const midDay = 365.5;

  const nI = input.itemIds.length;
  const truthIndex = input.itemIds.map(trailingNumber);
  const added = input.addedToPlatform.map((d) => (d ? dayNumber(d) : Number.NaN));
  const from = dayNumber(input.from) - firstDay;
  const to = dayNumber(input.to) - firstDay;
  // Buckets overlapping the window, each weighted by its number of days inside it.
  const buckets: { day: number; month: number; weight: number }[] = [];
  for (let b = Math.floor(from / bucketDays); b * bucketDays <= to; b++) {
    const lo = Math.max(from, b * bucketDays);
    const hi = Math.min(to, b * bucketDays + bucketDays - 1);
    const mid = b * bucketDays + bucketDays / 2;
    const month = new Date((firstDay + mid) * 86_400_000).getUTCMonth() + 1;
    buckets.push({ day: mid, month, weight: hi - lo + 1 });
  }
  const totalWeight = buckets.reduce((s, b) => s + b.weight, 0);

  // q[g][i]: window-averaged probability of title i given genre g.
  const q = Array.from({ length: nG }, () => new Float64Array(nI));
  // segPart[s][i]: window-averaged taste part of the choice probability for segment s.
  const segPart = segTaste.map(() => new Float64Array(nI));
  const pop = new Float64Array(nI);
  for (const b of buckets) {
    const w = b.weight / totalWeight;
    for (let i = 0; i < nI; i++) {
      const t = truthIndex[i];
      if (t < 0 || t >= titles.base_popularity.length) {
        pop[i] = 0;
        continue;
      }
      const age = firstDay + b.day - added[i];
      const release = !(age >= 0) ? preRelease : titles.floor[t] + (1 - titles.floor[t]) * Math.exp(-age / titles.decay_days[t]);
      const trend = Math.max(0.2, 1 + (titles.trend_per_year[t] * (b.day - midDay)) / 365);
      const holiday = titles.holiday[t] ? (holidayByMonth[String(b.month)] ?? holidayOff) : 1;
      pop[i] = titles.base_popularity[t] * release * trend * holiday;
    }
    const inGenre = Array.from({ length: nG }, () => new Float64Array(nI));
    for (let g = 0; g < nG; g++) {
      let sum = 0;
      for (let i = 0; i < nI; i++) {
        const t = truthIndex[i];
        if (t < 0) continue;
        const listing = titles.genre_primary[t] === g ? 1 : titles.genre_secondary[t] === g ? secondaryWeight : 0;
        inGenre[g][i] = listing * pop[i];
        sum += inGenre[g][i];
      }
      if (sum > 0)
        for (let i = 0; i < nI; i++) {
          inGenre[g][i] /= sum;
          q[g][i] += w * inGenre[g][i];
        }
    }
    segTaste.forEach((taste, s) => {
      let norm = 0;
      const gw = taste.map((v, g) => {
        const x = v * (seasons[genres[g]]?.[String(b.month)] ?? 1);
        norm += x;
        return x;
      });
      for (let g = 0; g < nG; g++) {
        const pg = (tasteWeight * gw[g]) / norm;
        if (pg === 0) continue;
        for (let i = 0; i < nI; i++) segPart[s][i] += w * pg * inGenre[g][i];
      }
    });
  }
  const segment: number[] = users.segment;
  const fav1: number[] = users.fav_genre_1;
  const fav2: number[] = users.fav_genre_2;
  // Callers score every title for one user in a row: parse the user's id once, not once per title.
  let lastId = '';
  let lastUser = -1;
  return {
    signal: doc.signal,
    scoreFor(userId, item) {
      if (userId !== lastId) {
        lastId = userId;
        lastUser = trailingNumber(userId);
      }
      const u = lastUser;
      if (u < 0 || u >= segment.length) return 0;
      return segPart[segment[u]][item] + favWeight * (q[fav1[u]][item] + q[fav2[u]][item]);
    },
  };
}

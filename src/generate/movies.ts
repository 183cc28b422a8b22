// movies.csv: the catalogue. Kept in typed arrays (TitleModel) because every event references it.
// Structural blanks follow the contract: budget/box office only for Movie, seasons/episodes only
// for series, each still truly missing at the contract's rate within the applicable type.
import { Faker, en } from '@faker-js/faker';
import { columnOf, contractFor, GENRES, type ColumnContract } from '../contracts/index.js';
import { openTable, keyTexts, type GenContext } from './context.js';
import { boolText, csvField, dayNumber, decimalText, floatText } from './format.js';
import { Rng } from './rng.js';
import { QuotaFlag, QuotaSampler, clamp } from './sampling.js';
import { isHolidayTitle, makeTitlePool } from './titles.js';
import { NO_GENRE, type TitleModel } from './title-model.js';

const contract = contractFor('movies');
const CONTENT_RATINGS = columnOf('movies', 'rating').allowedValues!;

const col = (name: string) => columnOf('movies', name);
const CONTENT_TYPES = col('content_type').allowedValues!;
const LANGUAGES = col('language').allowedValues!;
const ORIGINS = col('country_of_origin').allowedValues!;
const HOLIDAY_GENRES = ['Family', 'Comedy', 'Romance', 'Animation'].map((g) => GENRES.indexOf(g as (typeof GENRES)[number]));

/** Duration anomalies (published: one 0-minute title, short "movies" < 30, titles > 5 hours). */
export const DURATION_ANOMALIES = { shortMovieRate: 0.03, shortMin: 8, shortMax: 29, longRate: 0.012, longMin: 301, longMax: 600 };

export async function writeMovies(ctx: GenContext): Promise<TitleModel> {
  const rng = new Rng(ctx.seed, 'movies');
  const faker = new Faker({ locale: [en] });
  faker.seed(new Rng(ctx.seed, 'movies:faker').nextU32());
  const { writer, unique: n } = openTable(ctx, contract);
  const ids = keyTexts(ctx, contract, n);
  const pool = makeTitlePool(faker, rng, n);
  const t: TitleModel = {
    n,
    names: new Array<string>(n),
    contentType: new Uint8Array(n),
    genre1: new Uint8Array(n),
    genre2: new Uint8Array(n),
    duration: new Int32Array(n),
    addedDay: new Int32Array(n),
    quality: new Float32Array(n),
    holiday: new Uint8Array(n),
    basePopularity: new Float32Array(n),
    decayDays: new Float32Array(n),
    floor: new Float32Array(n),
    trendPerYear: new Float32Array(n),
  };
  const types = new QuotaSampler(n, col('content_type').weights!);
  const secondary = new QuotaFlag(n, col('genre_secondary').expectedBlankRate);
  for (let i = 0; i < n; i++) {
    t.contentType[i] = types.next(rng);
    t.names[i] = rng.pick(pool);
    t.holiday[i] = ctx.realistic && isHolidayTitle(t.names[i]) ? 1 : 0;
    t.genre1[i] = t.holiday[i] ? rng.pick(HOLIDAY_GENRES) : rng.int(GENRES.length);
    if (secondary.next(rng)) t.genre2[i] = NO_GENRE;
    else t.genre2[i] = (t.genre1[i] + 1 + rng.int(GENRES.length - 1)) % GENRES.length;
  }
  // Truly-missing quotas within the applicable content types.
  const applicable = (c: ColumnContract) => {
    const sb = c.structuralBlank!;
    let count = 0;
    for (let i = 0; i < n; i++) if (sb.values.includes(CONTENT_TYPES[t.contentType[i]])) count++;
    return { values: sb.values, missing: new QuotaFlag(Math.max(count, 1), sb.missingRateWhenApplicable) };
  };
  const budgetRule = applicable(col('production_budget'));
  const revenueRule = applicable(col('box_office_revenue'));
  const seasonsRule = applicable(col('number_of_seasons'));
  const episodesRule = applicable(col('number_of_episodes'));
  const blankImdb = new QuotaFlag(n, col('imdb_rating').expectedBlankRate);
  const languages = new QuotaSampler(n, col('language').weights!);
  const zeroMinuteTitle = rng.int(n);
  const added = [dayNumber(String(col('added_to_platform').range!.min)), dayNumber(String(col('added_to_platform').range!.max))];

  for (let i = 0; i < n; i++) {
    const type = CONTENT_TYPES[t.contentType[i]];
    const isSeries = seasonsRule.values.includes(type);
    t.duration[i] = i === zeroMinuteTitle ? 0 : drawDuration(rng, type);
    t.addedDay[i] = rng.between(added[0], added[1]);
    t.quality[i] = clamp(rng.normal(6.6, 1.1), 1.5, 9.6);
    if (ctx.realistic) {
      t.basePopularity[i] = rng.logNormal(1, 0.9) * Math.exp(0.35 * (t.quality[i] - 6.6));
      t.decayDays[i] = rng.uniform(20, 150);
      t.floor[i] = rng.uniform(0.1, 0.35);
      t.trendPerYear[i] = clamp(rng.normal(0, 0.35), -0.8, 0.8);
    }
    const releaseYear = 2024 - Math.min(71, Math.floor(-Math.log(1 - rng.float()) * 11));
    const imdb = blankImdb.next(rng) ? '' : decimalText(t.quality[i], 1);
    let budget = '';
    let revenue = '';
    if (budgetRule.values.includes(type)) {
      const b = Math.max(100_000, Math.round(rng.logNormal(25e6, 1.0) / 1e5) * 1e5);
      if (!budgetRule.missing.next(rng)) budget = floatText(b);
      if (!revenueRule.missing.next(rng)) revenue = floatText(Math.round(b * rng.logNormal(1.6, 1.0)));
    }
    let seasons = '';
    let episodes = '';
    if (isSeries) {
      const s = type === 'Limited Series' ? 1 : 1 + Math.min(9, rng.geometric(0.45));
      const e = type === 'Limited Series' ? rng.between(4, 10) : s * rng.between(6, 13);
      if (!seasonsRule.missing.next(rng)) seasons = floatText(s);
      if (!episodesRule.missing.next(rng)) episodes = floatText(e);
    }
    const line = [
      ids[i],
      csvField(t.names[i]),
      type,
      GENRES[t.genre1[i]],
      t.genre2[i] === NO_GENRE ? '' : GENRES[t.genre2[i]],
      String(releaseYear),
      floatText(t.duration[i]),
      rng.pick(CONTENT_RATINGS),
      LANGUAGES[languages.next(rng)],
      rng.pick(ORIGINS),
      imdb,
      budget,
      revenue,
      seasons,
      episodes,
      boolText(rng.bool(0.35)),
      ctx.days.text(t.addedDay[i]),
      boolText(rng.bool(0.25)),
    ].join(',');
    if (writer.row(line)) await writer.flush();
  }
  await writer.finish();
  ctx.progress(contract.name, writer.rowsWritten);
  return t;
}

/** Runtime in minutes (per episode for series). */
function drawDuration(rng: Rng, type: string): number {
  switch (type) {
    case 'Movie': {
      const u = rng.float();
      if (u < DURATION_ANOMALIES.shortMovieRate) return rng.between(DURATION_ANOMALIES.shortMin, DURATION_ANOMALIES.shortMax);
      if (u < DURATION_ANOMALIES.shortMovieRate + DURATION_ANOMALIES.longRate)
        return rng.between(DURATION_ANOMALIES.longMin, DURATION_ANOMALIES.longMax);
      return Math.round(clamp(rng.normal(108, 22), 75, 200));
    }
    case 'TV Series':
      return rng.between(20, 60);
    case 'Limited Series':
      return rng.between(40, 70);
    case 'Documentary':
      return Math.round(clamp(rng.normal(85, 20), 40, 150));
    default:
      return rng.between(50, 90);
  }
}

// Reads the recommender inputs from gold/silver into the library's typed structures: one
// interaction per (user, title) dated by its first watch (so the time holdout puts a title in
// train if it was first watched before the cutoff, in test otherwise), and the catalogue with the
// content features. Weights are binary: the gold table's minutes and sessions sum over all time,
// so using them for a pre-cutoff title would leak post-cutoff viewing into training.
import { tableExists } from '../../engine/catalog.js';
import type { Engine } from '../../engine/engine.js';
import { dialectFor } from '../../engine/dialect.js';
import { InteractionColumns, type Interactions } from './holdout.js';
import { IdMap } from './sparse.js';
import { dayNumber } from './true_choice.js';

export const INTERACTIONS_TABLE = 'gold.ml_user_item_interactions';
export const MOVIES_TABLE = 'silver.movies';
export const CTR_TABLE = 'gold.kpi_recommendation_ctr';

export interface Catalogue {
  ids: string[];
  addedToPlatform: (string | null)[];
  /** Content tokens per title, e.g. genre:Drama, type:Movie, lang:English, decade:2010. */
  tokens: string[][];
  /** Per title: [primary genre index, secondary genre index or -1] into genreNames. */
  genres: [number, number][];
  genreNames: string[];
}

export interface RecommendData {
  interactions: Interactions;
  catalogue: Catalogue;
  /** Every known user id (interactions first, then accounts without any watch). */
  allUsers: string[];
  firstDay: string | null;
  lastDay: string | null;
}

/** First and last day (YYYY-MM-DD) of the interactions, or null without any. */
function dayRange(dayNumbers: Int32Array): { firstDay: string | null; lastDay: string | null } {
  if (dayNumbers.length === 0) return { firstDay: null, lastDay: null };
  let lo = dayNumbers[0];
  let hi = dayNumbers[0];
  for (const d of dayNumbers) {
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  const date = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
  return { firstDay: date(lo), lastDay: date(hi) };
}

function text(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

function decade(year: unknown): string | null {
  const y = Number(year);
  return year === null || year === undefined || !Number.isFinite(y) ? null : `decade:${Math.floor(y / 10) * 10}`;
}

export async function loadRecommendData(
  engine: Engine,
  options: { interactions?: string; movies?: string; users?: string | null } = {},
): Promise<RecommendData> {
  const movies = await engine.query(
    `SELECT movie_id, genre_primary, genre_secondary, content_type, language, release_year, CAST(added_to_platform AS VARCHAR) AS added FROM ${options.movies ?? MOVIES_TABLE} ORDER BY movie_id`,
  );
  const items = new IdMap();
  const catalogue: Catalogue = { ids: [], addedToPlatform: [], tokens: [], genres: [], genreNames: [] };
  const genreIds = new IdMap();
  for (const m of movies) {
    const id = String(m.movie_id);
    if (items.get(id) >= 0) continue;
    items.add(id);
    catalogue.ids.push(id);
    catalogue.addedToPlatform.push(text(m.added)?.slice(0, 10) ?? null);
    const tokens = [
      m.genre_primary ? `genre:${m.genre_primary}` : null,
      m.genre_secondary ? `genre:${m.genre_secondary}` : null,
      m.content_type ? `type:${m.content_type}` : null,
      m.language ? `lang:${m.language}` : null,
      decade(m.release_year),
    ].filter((t): t is string => t !== null);
    catalogue.tokens.push(tokens);
    // A title without a primary genre goes to an "(none)" genre so it still has a listing.
    const primary = genreIds.add(m.genre_primary ? String(m.genre_primary) : '(none)');
    catalogue.genres.push([primary, m.genre_secondary ? genreIds.add(String(m.genre_secondary)) : -1]);
  }
  catalogue.genreNames = [...genreIds.ids];
  const interactionsTable = options.interactions ?? INTERACTIONS_TABLE;
  const moviesTable = options.movies ?? MOVIES_TABLE;
  // A title missing from the catalogue cannot be recommended: the join leaves its rows out before
  // users are numbered. The engine numbers users (user_id order) and titles (movie_id order, as the
  // catalogue above) and counts days since 1970-01-01, so the ten million rows of scale 100 arrive
  // as three numbers each instead of two id strings and a date to parse.
  const days = dialectFor(engine.name).days_between;
  const watched = `FROM ${interactionsTable} x JOIN (SELECT movie_id, dense_rank() OVER (ORDER BY movie_id) - 1 AS item FROM (SELECT DISTINCT movie_id FROM ${moviesTable}) d) c ON c.movie_id = x.movie_id
     WHERE x.first_watch_date IS NOT NULL`;
  const users = new IdMap();
  for await (const batch of engine.stream(`SELECT DISTINCT x.user_id ${watched} ORDER BY x.user_id`))
    for (const r of batch) users.add(String(r.user_id));
  const columns = new InteractionColumns();
  for await (const batch of engine.stream(
    `SELECT dense_rank() OVER (ORDER BY x.user_id) - 1 AS u, c.item AS i, ${days("DATE '1970-01-01'", 'x.first_watch_date')} AS d ${watched}
     ORDER BY x.user_id, x.movie_id`,
  ))
    for (const r of batch) columns.push(Number(r.u), Number(r.i), Number(r.d));
  const interactions = columns.build(users, items);
  const { firstDay, lastDay } = dayRange(interactions.day);
  const allUsers = [...interactions.users.ids];
  if (options.users !== null) {
    const accounts = await engine.query(`SELECT DISTINCT user_id FROM ${options.users ?? 'silver.users'} ORDER BY user_id`);
    const known = new Set(allUsers);
    for (const a of accounts) if (!known.has(String(a.user_id))) allUsers.push(String(a.user_id));
  }
  return { interactions, catalogue, allUsers, firstDay, lastDay };
}

/** Logged click-through by algorithm version (gold KPI), or none when the KPI table is absent. */
/** The click-through the recommendation logs record for one serving algorithm, with its interval. */
export interface LoggedCtr {
  algorithm: string;
  impressions: number;
  clicks: number;
  ctr: number;
  low: number;
  high: number;
}

export async function loadLoggedCtr(engine: Engine): Promise<LoggedCtr[]> {
  if (!(await tableExists(engine, CTR_TABLE))) return [];
  const rows = await engine.query(
    `SELECT value, impressions, clicks, ctr, ctr_ci_low, ctr_ci_high FROM ${CTR_TABLE} WHERE dimension = 'algorithm_version' ORDER BY value`,
  );
  return rows.map((r) => ({
    algorithm: String(r.value),
    impressions: Number(r.impressions),
    clicks: Number(r.clicks),
    ctr: Number(r.ctr),
    low: Number(r.ctr_ci_low),
    high: Number(r.ctr_ci_high),
  }));
}

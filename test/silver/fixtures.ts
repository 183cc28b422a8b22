// Tiny bronze fixtures for silver model tests: typed like bronze (contract columns with
// bronzeSqlType plus the ingestion metadata columns), with sensible defaults per table so a test
// names only the fields it is about.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BRONZE_METADATA_COLUMNS, bronzeSqlType, contractFor, type SourceTableName } from '../../src/contracts/index.js';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import type { Engine } from '../../src/engine/engine.js';
import { dialectFor } from '../../src/engine/dialect.js';
import { compileModel } from '../../src/pipeline/compile.js';
import { ensureWarehouse } from '../../src/warehouse/schema.js';
import { silverMacros, silverVars } from '../../src/silver/macros.js';

export type FixtureRow = Record<string, unknown>;

/** The pseudonym key of the silver fixtures (given as MARQUEE_PSEUDONYM_KEY would be: no key file). */
export const TEST_KEY = 'test-key-of-the-silver-fixtures';
/** Vars with a given key; the warehouse is never read, as the key does not come from a file. */
export const testVars = (pseudonymKey = TEST_KEY) => silverVars({ pseudonymKey, warehouse: '/nonexistent-warehouse' });

const DEFAULTS: Record<SourceTableName, FixtureRow> = {
  users: {
    email: 'a@example.com',
    first_name: 'Ann',
    last_name: 'Lee',
    age: 30,
    gender: 'Female',
    country: 'USA',
    state_province: 'Ohio',
    city: 'Springfield',
    subscription_plan: 'Basic',
    subscription_start_date: '2023-01-01',
    is_active: true,
    monthly_spend: 10,
    primary_device: 'Mobile',
    household_size: 2,
    created_at: '2023-01-01 10:00:00',
  },
  movies: {
    title: 'A Film',
    content_type: 'Movie',
    genre_primary: 'Drama',
    genre_secondary: null,
    release_year: 2000,
    duration_minutes: 100,
    rating: 'PG',
    language: 'English',
    country_of_origin: 'USA',
    imdb_rating: 7,
    production_budget: 1000000,
    box_office_revenue: 2000000,
    number_of_seasons: null,
    number_of_episodes: null,
    is_netflix_original: false,
    added_to_platform: '2021-01-01',
    content_warning: false,
  },
  watch_history: {
    user_id: 'user_00001',
    movie_id: 'movie_0001',
    watch_date: '2024-06-01',
    device_type: 'Mobile',
    watch_duration_minutes: 50,
    progress_percentage: 50,
    action: 'stopped',
    quality: 'HD',
    location_country: 'USA',
    is_download: false,
    user_rating: null,
  },
  recommendation_logs: {
    user_id: 'user_00001',
    movie_id: 'movie_0001',
    recommendation_date: '2024-06-01',
    recommendation_type: 'trending',
    recommendation_score: 0.5,
    was_clicked: false,
    position_in_list: 1,
    device_type: 'Mobile',
    time_of_day: 'evening',
    algorithm_version: 'v1.2',
  },
  search_logs: {
    user_id: 'user_00001',
    search_query: 'sci-fi',
    search_date: '2024-06-01',
    results_returned: 10,
    clicked_result_position: null,
    device_type: 'Mobile',
    search_duration_seconds: 20,
    had_typo: false,
    used_filters: false,
    location_country: 'USA',
  },
  reviews: {
    user_id: 'user_00001',
    movie_id: 'movie_0001',
    rating: 4,
    review_date: '2024-06-02',
    device_type: 'Mobile',
    is_verified_watch: true,
    helpful_votes: 1,
    total_votes: 2,
    review_text: 'Good.',
    sentiment: 'positive',
    sentiment_score: 0.8,
  },
};

/** A fresh in-memory DuckDB with the warehouse schemas and meta tables. */
export async function freshEngine(): Promise<Engine> {
  const engine = await DuckDbEngine.open({ path: ':memory:' });
  await ensureWarehouse(engine);
  return engine;
}

/**
 * Create bronze.<table> holding the rows (defaults filled in, lines numbered from 2 in order,
 * batch 'b1' unless given; _row_hash from the field values so equal rows hash equal).
 */
export async function createBronze(engine: Engine, table: SourceTableName, rows: FixtureRow[]): Promise<void> {
  const contract = contractFor(table);
  const columns = [
    ...contract.columns.map((c) => `${c.name} ${bronzeSqlType(c)}`),
    ...BRONZE_METADATA_COLUMNS.map((m) => `${m.name} ${m.sqlType}`),
  ];
  await engine.exec(`CREATE OR REPLACE TABLE bronze.${table} (${columns.join(', ')})`);
  for (const [i, row] of rows.entries()) {
    const full: FixtureRow = { ...DEFAULTS[table], ...row };
    const values = contract.columns.map((c) => full[c.name] ?? null);
    const hash = createHash('sha256').update(JSON.stringify(values)).digest('hex');
    const meta = [full._batch_id ?? 'b1', `${table}.csv`, full._line_number ?? i + 2, '2025-01-01 00:00:00', hash];
    const all = [...values, ...meta];
    const placeholders = all.map((_, k) => `$${k + 1}`).join(', ');
    await engine.exec({ text: `INSERT INTO bronze.${table} VALUES (${placeholders})`, params: all });
  }
}

/** Silver models in dependency order (dimensions, then events, then integration). */
export const SILVER_MODEL_ORDER = [
  'movies',
  'users',
  'watch_history',
  'recommendation_logs',
  'search_logs',
  'reviews',
  'int_sessions_joined_to_titles',
  'int_recommendations_attributed_to_watches',
  'int_searches_attributed_to_watches',
  'int_reviews_matched_to_watches',
  'int_user_activity_rolled_up_by_day',
  'users_history',
  'movies_history',
  'watch_history_history',
  'recommendation_logs_history',
  'search_logs_history',
  'reviews_history',
] as const;

export function modelText(name: string): string {
  return readFileSync(join(import.meta.dirname, '../../models/silver', `${name}.sql`), 'utf8');
}

export function compileSilver(name: string, engine: 'duckdb' | 'spark' = 'duckdb'): string {
  return compileModel(modelText(name), dialectFor(engine), `silver.${name}`, testVars(), silverMacros).sql;
}

/** Build the named silver models (default: all) as plain tables, the way the runner would. */
export async function buildSilver(engine: Engine, names: readonly string[] = SILVER_MODEL_ORDER): Promise<void> {
  // Parents read their children's bronze tables (inferred members): an absent one is empty.
  for (const table of ['users', 'movies', 'watch_history', 'recommendation_logs', 'search_logs', 'reviews'] as SourceTableName[]) {
    if ((await engine.listColumns(`bronze.${table}`)).length === 0) await createBronze(engine, table, []);
  }
  for (const name of names) await engine.exec(`CREATE OR REPLACE TABLE silver.${name} AS ${compileSilver(name)}`);
}

/** Empty bronze tables for every source not created by the test. */
export async function createEmptyBronze(engine: Engine, except: SourceTableName[] = []): Promise<void> {
  for (const c of ['users', 'movies', 'watch_history', 'recommendation_logs', 'search_logs', 'reviews'] as SourceTableName[]) {
    if (!except.includes(c)) await createBronze(engine, c, []);
  }
}

// Test helper: build one gold model from hand-made silver fixture tables, exactly as the runner
// compiles it (same macros and vars), on a fresh in-memory DuckDB.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { compileModel } from '../../src/pipeline/compile.js';
import { MODEL_MACROS, modelVars } from '../../src/cli/registry.js';
import { loadConfig } from '../../src/config.js';

export async function freshEngine(): Promise<DuckDbEngine> {
  const engine = await DuckDbEngine.open({ path: ':memory:' });
  await engine.exec('CREATE SCHEMA silver; CREATE SCHEMA gold;');
  return engine;
}

export async function buildGoldModel(engine: DuckDbEngine, name: string, asOfDate = '2024-03-01'): Promise<void> {
  const path = fileURLToPath(new URL(`../../models/gold/${name}.sql`, import.meta.url));
  const vars = modelVars(loadConfig({ asOfDate }));
  const compiled = compileModel(readFileSync(path, 'utf8'), engine.dialect, path, vars, MODEL_MACROS);
  await engine.exec(`CREATE OR REPLACE TABLE gold.${name} AS ${compiled.sql}`);
}

/** Sessions as silver.int_sessions_joined_to_titles has them (only the columns gold reads). */
export const SESSION_COLUMNS = `session_id VARCHAR, user_id VARCHAR, movie_id VARCHAR, watch_date DATE, device_type VARCHAR, quality VARCHAR,
  location_country VARCHAR, watch_duration_minutes DOUBLE, progress_percentage DOUBLE, action VARCHAR, user_rating BIGINT, is_download BOOLEAN,
  is_binge BOOLEAN, is_invalid_duration BOOLEAN, genre_primary VARCHAR, age_band VARCHAR, gender VARCHAR,
  watch_duration_minutes_was_imputed BOOLEAN, is_progress_inconsistent BOOLEAN`;

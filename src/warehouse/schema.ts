// DDL of the warehouse's schemas and meta tables: the run log and the evidence. One source of truth,
// below every layer: the pipeline, quality, bronze and silver write through these tables and the
// dashboard reads them.
/** What creating the tables needs of an engine: listing the tables, running one statement (any Engine has both). */
interface StatementRunner {
  exec(statement: string): Promise<void>;
  listTables(schema?: string): Promise<Array<{ table_schema: string; table_name: string }>>;
}

export const SCHEMAS = ['bronze', 'silver', 'gold', 'ml', 'quarantine', 'meta'] as const;

export const META_TABLES: Record<string, string> = {
  runs: `run_id VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, status VARCHAR, selection VARCHAR, engine VARCHAR, as_of_date DATE, config_json VARCHAR, message VARCHAR`,
  step_runs: `run_id VARCHAR, step VARCHAR, layer VARCHAR, status VARCHAR, rows_in BIGINT, rows_out BIGINT, started_at TIMESTAMP, duration_ms DOUBLE, message VARCHAR, metadata_json VARCHAR`,
  ingestions: `run_id VARCHAR, batch_id VARCHAR, dataset VARCHAR, source_file VARCHAR, sha256 VARCHAR, bytes BIGINT, rows_read BIGINT, rows_loaded BIGINT, rows_quarantined BIGINT, status VARCHAR, ingested_at TIMESTAMP, duration_ms DOUBLE, message VARCHAR`,
  check_results: `run_id VARCHAR, layer VARCHAR, dataset VARCHAR, check_name VARCHAR, kind VARCHAR, column_name VARCHAR, action VARCHAR, reason_code VARCHAR, passed_records BIGINT, failed_records BIGINT, passed BOOLEAN, sample VARCHAR, checked_at TIMESTAMP`,
  column_profiles: `run_id VARCHAR, layer VARCHAR, dataset VARCHAR, column_name VARCHAR, column_type VARCHAR, row_count BIGINT, blank_count BIGINT, blank_pct DOUBLE, expected_blank_pct DOUBLE, structural_blank_count BIGINT, distinct_count BIGINT, min_value VARCHAR, max_value VARCHAR, mean DOUBLE, stddev DOUBLE, p01 DOUBLE, p25 DOUBLE, p50 DOUBLE, p75 DOUBLE, p99 DOUBLE, top_values_json VARCHAR, histogram_json VARCHAR`,
  dedup_log: `run_id VARCHAR, dataset VARCHAR, rule VARCHAR, key_value VARCHAR, dropped_batch_id VARCHAR, dropped_line_number BIGINT, dropped_row_hash VARCHAR, surviving_batch_id VARCHAR, surviving_line_number BIGINT`,
  // One row per update: an earlier version of a key superseded by a later one (src/silver/versions.ts).
  change_log: `run_id VARCHAR, dataset VARCHAR, key_value VARCHAR, old_batch_id VARCHAR, old_line_number BIGINT, new_batch_id VARCHAR, new_line_number BIGINT, changed_columns VARCHAR, old_values VARCHAR, new_values VARCHAR`,
  imputation_log: `run_id VARCHAR, dataset VARCHAR, column_name VARCHAR, strategy VARCHAR, rows_filled BIGINT, holdout_size BIGINT, mae DOUBLE, rmse DOUBLE, accuracy DOUBLE, mean_before DOUBLE, mean_after DOUBLE, std_before DOUBLE, std_after DOUBLE, note VARCHAR`,
  lineage: `run_id VARCHAR, upstream VARCHAR, downstream VARCHAR, kind VARCHAR`,
  /** Fingerprint (an HMAC of a fixed label, never the key) of the pseudonym key each silver.users build used. */
  pseudonym_keys: `fingerprint VARCHAR, run_id VARCHAR, recorded_at TIMESTAMP`,
};

/**
 * quarantine.<source table>: one shape for rows set aside by bronze (could not be typed; raw_line set)
 * and by silver rules with action 'drop' (typed row as JSON in row_json).
 */
export const QUARANTINE_COLUMNS = `run_id VARCHAR, layer VARCHAR, batch_id VARCHAR, source_file VARCHAR, line_number BIGINT, raw_line VARCHAR, row_json VARCHAR, reason_code VARCHAR, reason VARCHAR, quarantined_at TIMESTAMP`;

/**
 * Create every schema and meta table that does not exist yet (idempotent). The schemas are created
 * with IF NOT EXISTS every time (six cheap statements); the meta tables are listed first and only the
 * missing ones created: every check batch and bronze table calls this, and on a warehouse that has
 * them one listing replaces ten statements (on Spark, ten round trips).
 */
export async function ensureWarehouse(engine: StatementRunner): Promise<void> {
  for (const schema of SCHEMAS) await engine.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const present = new Set((await engine.listTables('meta')).map((t) => t.table_name.toLowerCase()));
  for (const [table, columns] of Object.entries(META_TABLES)) {
    if (!present.has(table)) await engine.exec(`CREATE TABLE IF NOT EXISTS meta.${table} (${columns})`);
  }
}

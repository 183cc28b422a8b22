// Row conservation between bronze and silver: every bronze row of a source table is in its 1:1
// silver table (silver.<table>, inferred parent rows excluded), in meta.dedup_log as a dropped
// duplicate of this run, in meta.change_log as a version superseded by an update in this run, or in
// quarantine.<table> as set aside by silver in this run. Nothing may vanish or appear.
import type { Engine } from '../engine/engine.js';
import { raw, sql } from '../engine/sql.js';
import { QUARANTINE_COLUMNS } from '../warehouse/schema.js';

export interface ConservationResult {
  table: string;
  bronzeRows: number;
  silverRows: number;
  dedupRows: number;
  /** Versions superseded by a later one (meta.change_log rows of this run). */
  updatedRows: number;
  quarantinedRows: number;
  ok: boolean;
  /** One line with the numbers, for the run log and the error. */
  message: string;
}

async function count(engine: Engine, query: string | ReturnType<typeof sql>): Promise<number> {
  const [row] = await engine.query<{ n: number }>(query);
  return Number(row.n);
}

/**
 * Check conservation for each source table name given (e.g. 'users'). meta.dedup_log rows count when
 * their dataset is the source table name (preferred) or 'silver.<table>'.
 */
export async function checkConservation(engine: Engine, runId: string, tables: readonly string[]): Promise<ConservationResult[]> {
  const results: ConservationResult[] = [];
  for (const table of tables) {
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`conservation: table name must be lower case, got '${table}'`);
    // An absent quarantine table means silver set nothing aside; create it empty so the count is 0.
    await engine.exec(`CREATE TABLE IF NOT EXISTS quarantine.${table} (${QUARANTINE_COLUMNS})`);
    const bronzeRows = await count(engine, `SELECT count(*) AS n FROM bronze.${table}`);
    const silverRows = await count(
      engine,
      `SELECT count(*) AS n FROM silver.${table}${(await hasColumn(engine, `silver.${table}`, 'is_inferred')) ? ' WHERE NOT is_inferred' : ''}`,
    );
    const dedupRows = await count(
      engine,
      sql`SELECT count(*) AS n FROM meta.dedup_log WHERE run_id = ${runId} AND dataset IN (${table}, ${`silver.${table}`})`,
    );
    const updatedRows = await count(engine, sql`SELECT count(*) AS n FROM meta.change_log WHERE run_id = ${runId} AND dataset = ${table}`);
    const quarantinedRows = await count(
      engine,
      sql`SELECT count(*) AS n FROM ${raw(`quarantine.${table}`)} WHERE run_id = ${runId} AND layer = 'silver'`,
    );
    const accounted = silverRows + dedupRows + updatedRows + quarantinedRows;
    const ok = accounted === bronzeRows;
    const message = `${table}: bronze ${bronzeRows} ${ok ? '=' : '!='} silver ${silverRows} + deduplicated ${dedupRows} + superseded by updates ${updatedRows} + quarantined ${quarantinedRows}${ok ? '' : ` (${accounted - bronzeRows > 0 ? '+' : ''}${accounted - bronzeRows} rows)`}`;
    results.push({ table, bronzeRows, silverRows, dedupRows, updatedRows, quarantinedRows, ok, message });
  }
  return results;
}

const accountedRows = (r: ConservationResult) => r.silverRows + r.dedupRows + r.updatedRows + r.quarantinedRows;

/** Whether a table has a column (silver parents carry is_inferred; their inferred rows come from no bronze row). */
async function hasColumn(engine: Engine, table: string, column: string): Promise<boolean> {
  return (await engine.listColumns(table)).some((c) => c.column_name === column);
}

/** Record conservation results as meta.check_results rows (kind 'conservation', action 'fail'). */
export async function recordConservation(engine: Engine, runId: string, results: readonly ConservationResult[]): Promise<void> {
  for (const r of results) {
    await engine.exec(sql`INSERT INTO meta.check_results
      (run_id, layer, dataset, check_name, kind, column_name, action, reason_code, passed_records, failed_records, passed, sample, checked_at)
      VALUES (${runId}, 'silver', ${`silver.${r.table}`}, 'row_conservation', 'conservation', NULL, 'fail', 'ROWS_NOT_CONSERVED',
        ${Math.min(r.bronzeRows, accountedRows(r))}, ${Math.abs(r.bronzeRows - accountedRows(r))},
        ${r.ok}, ${JSON.stringify([r.message])}, current_timestamp)`);
  }
}

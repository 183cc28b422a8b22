// A local DuckDB copy of the tables the dashboard reads (gold, ml, meta), taken from a warehouse on
// another engine (Spark). The dashboard's queries are DuckDB SQL over a read-only file; with a
// snapshot they run unchanged whatever engine built the warehouse, and a page never waits on a
// cluster. `marquee report --engine spark` / `marquee serve --engine spark` take one first.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDbEngine } from '../engine/duckdb/engine.js';
import { openEngine, supportsDashboardInPlace, type EngineConfig } from '../engine/open.js';
import { quoteIdent } from '../engine/dialect.js';
import type { ColumnInfo, Engine, PortableColumnType, WriteColumn, WriteColumnType, WriteValue } from '../engine/engine.js';
import { sparkSnapshotDir, warehouseDbPath } from '../warehouse/layout.js';

/** The schemas the dashboard reads (src/dashboard/pages). */
export const SNAPSHOT_SCHEMAS = ['gold', 'ml', 'meta'] as const;

/** The folder the dashboard is pointed at for a Spark warehouse: <warehouse>/spark-snapshot (holds marquee.duckdb). */
export function snapshotDir(warehouseDir: string): string {
  return sparkSnapshotDir(resolve(warehouseDir));
}

/**
 * DuckDB column type and the bulk-write type that carries it, for a type as the source engine's
 * listColumns spells it; `portableType` is the source engine's mapping (Engine.portableType).
 */
export function snapshotType(
  dataType: string,
  where: string,
  portableType: (dataType: string) => PortableColumnType | undefined,
): { ddl: string; write: WriteColumnType } {
  const type = portableType(dataType.toUpperCase().trim());
  if (type) return type;
  throw new Error(
    `snapshot: ${where} has type ${dataType}, which the dashboard snapshot does not copy (expected a string, number, boolean, date or timestamp column)`,
  );
}

export interface SnapshotResult {
  file: string;
  tables: number;
  rows: number;
  seconds: number;
}

/**
 * Copy every table of SNAPSHOT_SCHEMAS from `source` into a fresh DuckDB file at
 * `<dir>/marquee.duckdb`. Written to a temporary file and renamed over the old snapshot at the end,
 * so a dashboard request never opens a half-copied one. Tables whose names hold `__` (temp and
 * backup tables of a run in progress) are skipped. Rows are streamed batch by batch when the
 * source gives them (Engine.stream: a DuckDB chunk or a Spark Arrow batch at a time) and appended in bulk.
 */
export async function takeSnapshot(source: Engine, dir: string, onTable?: (table: string, rows: number) => void): Promise<SnapshotResult> {
  const started = performance.now();
  mkdirSync(dir, { recursive: true });
  const file = warehouseDbPath(dir);
  const temp = `${file}.${process.pid}.tmp`;
  rmSync(temp, { force: true });
  rmSync(`${temp}.wal`, { force: true });
  const target = await DuckDbEngine.open({ path: temp, threads: 2 });
  let tables = 0;
  let total = 0;
  try {
    for (const schema of SNAPSHOT_SCHEMAS) {
      const names = (await source.listTables(schema))
        .map((t) => t.table_name)
        .filter((t) => !t.includes('__'))
        .sort();
      if (names.length > 0) await target.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      for (const name of names) {
        const qualified = `${schema}.${name}`;
        const rows = await copyTable(source, target, qualified, await source.listColumns(qualified));
        onTable?.(qualified, rows);
        tables++;
        total += rows;
      }
    }
    await target.exec('CHECKPOINT');
  } catch (error) {
    await target.close();
    rmSync(temp, { force: true });
    rmSync(`${temp}.wal`, { force: true });
    throw error;
  }
  await target.close();
  renameSync(temp, file);
  // A WAL of the old snapshot would be replayed into the new file: it must not outlive it.
  if (existsSync(`${file}.wal`)) rmSync(`${file}.wal`);
  return { file, tables, rows: total, seconds: (performance.now() - started) / 1000 };
}

async function copyTable(source: Engine, target: DuckDbEngine, qualified: string, columns: readonly ColumnInfo[]): Promise<number> {
  const [schema, table] = qualified.split('.');
  const types = columns.map((c) => snapshotType(c.data_type, `${qualified}.${c.column_name}`, (t) => source.portableType(t)));
  const destination = `${quoteIdent(schema)}.${quoteIdent(table)}`;
  await target.exec(`CREATE TABLE ${destination} (${columns.map((c, i) => `${quoteIdent(c.column_name)} ${types[i].ddl}`).join(', ')})`);
  const writeColumns: WriteColumn[] = columns.map((c, i) => ({ name: c.column_name, type: types[i].write }));
  const select = `SELECT ${columns.map((c) => quoteIdent(c.column_name)).join(', ')} FROM ${quoteIdent(schema)}.${quoteIdent(table)}`;
  let count = 0;
  for await (const batch of source.stream(select)) {
    const cells = batch.map((row) => columns.map((c) => (row[c.column_name] ?? null) as WriteValue));
    await target.writeRows(`${schema}.${table}`, writeColumns, cells);
    count += cells.length;
  }
  return count;
}

/**
 * The warehouse folder the dashboard should read for `config`: the DuckDB warehouse itself, or,
 * for engine spark, a fresh snapshot of the cluster's gold/ml/meta tables under snapshotDir().
 */
export async function dashboardWarehouse(config: EngineConfig, log: (line: string) => void): Promise<string> {
  if (supportsDashboardInPlace(config.engine)) return config.warehouse;
  const engine = await openEngine(config);
  try {
    const dir = snapshotDir(config.warehouse);
    const result = await takeSnapshot(engine, dir);
    log(
      `Copied ${result.tables} tables (${result.rows.toLocaleString('en-US')} rows) from Spark into ${result.file} in ${result.seconds.toFixed(1)} s`,
    );
    return dir;
  } finally {
    await engine.close();
  }
}

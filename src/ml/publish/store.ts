// Writing ml.* and gold.* tables from TypeScript results. Every write builds a temp table, fills it
// in bulk (engine.writeRows: DuckDB's appender, Spark's Arrow LocalRelation; 500-row INSERT ...
// VALUES statements ran at ~1.7k rows/s on Spark, each one a job) and swaps it in
// (engine.swapTable), so a reader never sees a half-written table and a failed step leaves the
// old one. SQL here is engine-neutral: plain CREATE TABLE / INSERT ... SELECT, types VARCHAR,
// DOUBLE, BIGINT, BOOLEAN, DATE, TIMESTAMP.
import type { Engine, WriteColumnType, WriteValue } from '../../engine/engine.js';
import { epochDay, epochMicros, locate, type CellLocation } from '../../engine/write-values.js';
import { tableExists } from '../../engine/catalog.js';
import { exclusively } from '../../engine/exclusive.js';
import { quoteIdent } from '../../engine/dialect.js';

export type ColumnType = WriteColumnType;

export interface TableSpec {
  /** schema.table */
  name: string;
  columns: readonly { name: string; type: ColumnType }[];
}

export type CellValue = string | number | boolean | null | undefined;

/**
 * One value checked against its column's type and turned into the engine's bulk-write cell
 * (engine.ts WriteValue). Non-finite numbers and null/undefined become NULL; anything else that
 * does not fit the type throws, naming `where` (table, row, column).
 */
export function cellValue(value: CellValue, type: ColumnType, where: CellLocation): WriteValue {
  if (value === null || value === undefined) return null;
  // The location is built only when a value is rejected: a message per cell cost more than the write at ten million rows.
  switch (type) {
    case 'VARCHAR':
      return String(value);
    case 'DOUBLE':
    case 'BIGINT': {
      const n = Number(value);
      if (typeof value === 'string' && value.trim() === '') throw new Error(`${locate(where)}: empty string for a ${type} column`);
      if (!Number.isFinite(n)) {
        if (typeof value === 'number') return null;
        throw new Error(`${locate(where)}: expected a number for a ${type} column, got ${JSON.stringify(value)}`);
      }
      if (type === 'BIGINT' && !Number.isSafeInteger(n)) throw new Error(`${locate(where)}: expected an integer, got ${n}`);
      return n;
    }
    case 'BOOLEAN':
      if (typeof value !== 'boolean') throw new Error(`${locate(where)}: expected a boolean, got ${JSON.stringify(value)}`);
      return value;
    case 'DATE':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
        throw new Error(`${locate(where)}: expected YYYY-MM-DD, got ${JSON.stringify(value)}`);
      epochDay(value, where);
      return value;
    case 'TIMESTAMP': {
      if (typeof value !== 'string') throw new Error(`${locate(where)}: expected an ISO timestamp string, got ${JSON.stringify(value)}`);
      // ISO 'T' and 'Z' (Date.toISOString) become the SQL form; both are UTC wall clock.
      const text = value.replace('T', ' ').replace('Z', '');
      epochMicros(text, where);
      return text;
    }
  }
}

function tempName(spec: TableSpec, runId: string): string {
  return `${spec.name}__tmp_${runId.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
}

/** The rows as bulk-write cells in `spec.columns` order, every value checked (see cellValue). */
export function writeCells(spec: TableSpec, rows: readonly Record<string, CellValue>[], firstRow = 1): WriteValue[][] {
  // One location function for the whole batch, reading the row and column being checked.
  let i = 0;
  let column = '';
  const where = () => `${spec.name} row ${firstRow + i} column ${column}`;
  const out: WriteValue[][] = new Array<WriteValue[]>(rows.length);
  for (; i < rows.length; i++) {
    const row = rows[i];
    out[i] = spec.columns.map((c) => {
      column = c.name;
      return cellValue(row[c.name], c.type, where);
    });
  }
  return out;
}

export interface WriteOptions {
  runId: string;
  /**
   * Keep the rows of the existing table that match this filter (a trusted SQL predicate built
   * from code, e.g. use_case <> 'churn'). Absent: the table is replaced outright.
   */
  keepWhere?: string;
}

/** Builds `spec.name` from the kept old rows plus `rows`, via a temp table and an atomic swap. Returns the row count written. */
export async function writeTable(
  engine: Engine,
  spec: TableSpec,
  rows: readonly Record<string, CellValue>[],
  options: WriteOptions,
): Promise<number> {
  return writeTableBatches(engine, spec, [rows], options);
}

/**
 * writeTable for rows made a batch at a time (ten million recommendation rows need not be held at
 * once): every batch goes into the same temp table, and the table is swapped in after the last.
 */
export async function writeTableBatches(
  engine: Engine,
  spec: TableSpec,
  batches: Iterable<readonly Record<string, CellValue>[]> | AsyncIterable<readonly Record<string, CellValue>[]>,
  options: WriteOptions,
): Promise<number> {
  // A table rebuilt from its kept rows is shared by steps that may run side by side: one rebuild at a time.
  if (options.keepWhere) return exclusively(engine, `table:${spec.name}`, () => rebuildTable(engine, spec, batches, options));
  return rebuildTable(engine, spec, batches, options);
}

async function rebuildTable(
  engine: Engine,
  spec: TableSpec,
  batches: Iterable<readonly Record<string, CellValue>[]> | AsyncIterable<readonly Record<string, CellValue>[]>,
  options: WriteOptions,
): Promise<number> {
  const [schema] = spec.name.split('.');
  await engine.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const temp = tempName(spec, options.runId);
  await engine.exec(`DROP TABLE IF EXISTS ${temp}`);
  const ddl = spec.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ');
  await engine.exec(`CREATE TABLE ${temp} (${ddl})`);
  let written = 0;
  try {
    if (options.keepWhere && (await tableExists(engine, spec.name))) {
      const cols = spec.columns.map((c) => quoteIdent(c.name)).join(', ');
      await engine.exec(`INSERT INTO ${temp} (${cols}) SELECT ${cols} FROM ${spec.name} WHERE ${options.keepWhere}`);
    }
    for await (const rows of batches) {
      // Each batch is checked before it is written: a bad value stops the write, and the temp table is dropped.
      await engine.writeRows(temp, spec.columns, writeCells(spec, rows, written + 1));
      written += rows.length;
    }
    await engine.swapTable(temp, spec.name);
  } catch (error) {
    await engine.exec(`DROP TABLE IF EXISTS ${temp}`);
    throw error;
  }
  return written;
}

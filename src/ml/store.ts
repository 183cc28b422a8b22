// Writing ml.* and gold.* tables from TypeScript results. Every write builds a temp table, fills it
// with multi-row VALUES batches and swaps it in atomically (engine.swapTable), so a reader never sees
// a half-written table and a failed step leaves the old one. SQL here is engine-neutral: plain
// CREATE TABLE / INSERT ... VALUES / SELECT, types VARCHAR, DOUBLE, BIGINT, BOOLEAN, DATE, TIMESTAMP.
import type { Engine } from '../engine/engine.js';
import { literal, sql } from '../engine/sql.js';

export type ColumnType = 'VARCHAR' | 'DOUBLE' | 'BIGINT' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP';

export interface TableSpec {
  /** schema.table */
  name: string;
  columns: readonly { name: string; type: ColumnType }[];
}

export type CellValue = string | number | boolean | null | undefined;

/** Rows per INSERT statement: big enough to be fast, small enough to keep statements short. */
export const INSERT_BATCH_ROWS = 500;

/** One value as a SQL literal of the column's type. Non-finite numbers and null/undefined become NULL. */
export function sqlValue(value: CellValue, type: ColumnType, where: string): string {
  if (value === null || value === undefined) return 'NULL';
  switch (type) {
    case 'VARCHAR':
      return literal(String(value));
    case 'DOUBLE':
    case 'BIGINT': {
      const n = typeof value === 'boolean' ? Number(value) : Number(value);
      if (typeof value === 'string' && value.trim() === '') throw new Error(`${where}: empty string for a ${type} column`);
      if (!Number.isFinite(n)) {
        if (typeof value === 'number') return 'NULL';
        throw new Error(`${where}: expected a number for a ${type} column, got ${JSON.stringify(value)}`);
      }
      if (type === 'BIGINT' && !Number.isInteger(n)) throw new Error(`${where}: expected an integer, got ${n}`);
      // A double literal must keep its full precision; String(n) round-trips in JS.
      return type === 'DOUBLE' ? `CAST(${String(n)} AS DOUBLE)` : String(n);
    }
    case 'BOOLEAN':
      if (typeof value !== 'boolean') throw new Error(`${where}: expected a boolean, got ${JSON.stringify(value)}`);
      return value ? 'TRUE' : 'FALSE';
    case 'DATE':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`${where}: expected YYYY-MM-DD, got ${JSON.stringify(value)}`);
      return `CAST(${literal(value)} AS DATE)`;
    case 'TIMESTAMP':
      if (typeof value !== 'string') throw new Error(`${where}: expected an ISO timestamp string, got ${JSON.stringify(value)}`);
      return `CAST(${literal(value.replace('T', ' ').replace('Z', ''))} AS TIMESTAMP)`;
  }
}

function tempName(spec: TableSpec, runId: string): string {
  return `${spec.name}__tmp_${runId.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
}

export async function tableExists(engine: Engine, qualified: string): Promise<boolean> {
  const [schema, table] = qualified.split('.');
  const rows = await engine.query(sql`SELECT 1 AS present FROM information_schema.tables WHERE table_schema = ${schema} AND table_name = ${table}`);
  return rows.length > 0;
}

/** INSERT statements (one per batch) for the rows, in column order. */
export function insertStatements(target: string, spec: TableSpec, rows: readonly Record<string, CellValue>[]): string[] {
  const out: string[] = [];
  const cols = spec.columns.map((c) => `"${c.name}"`).join(', ');
  for (let start = 0; start < rows.length; start += INSERT_BATCH_ROWS) {
    const tuples: string[] = [];
    const end = Math.min(rows.length, start + INSERT_BATCH_ROWS);
    for (let i = start; i < end; i++) {
      const row = rows[i];
      tuples.push('(' + spec.columns.map((c) => sqlValue(row[c.name], c.type, `${spec.name} row ${i + 1} column ${c.name}`)).join(', ') + ')');
    }
    out.push(`INSERT INTO ${target} (${cols}) VALUES ${tuples.join(',\n')}`);
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
export async function writeTable(engine: Engine, spec: TableSpec, rows: readonly Record<string, CellValue>[], options: WriteOptions): Promise<number> {
  const [schema] = spec.name.split('.');
  await engine.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const temp = tempName(spec, options.runId);
  await engine.exec(`DROP TABLE IF EXISTS ${temp}`);
  const ddl = spec.columns.map((c) => `"${c.name}" ${c.type}`).join(', ');
  await engine.exec(`CREATE TABLE ${temp} (${ddl})`);
  try {
    if (options.keepWhere && (await tableExists(engine, spec.name))) {
      const cols = spec.columns.map((c) => `"${c.name}"`).join(', ');
      await engine.exec(`INSERT INTO ${temp} (${cols}) SELECT ${cols} FROM ${spec.name} WHERE ${options.keepWhere}`);
    }
    for (const statement of insertStatements(temp, spec, rows)) await engine.exec(statement);
    await engine.swapTable(temp, spec.name);
  } catch (error) {
    await engine.exec(`DROP TABLE IF EXISTS ${temp}`);
    throw error;
  }
  return rows.length;
}

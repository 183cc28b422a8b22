// The engine boundary. Steps and models talk only to this interface and to the dialect macros;
// every engine difference lives in src/engine/ (one file per engine, plus dialect.ts).
import type { SqlQuery } from './sql.js';
import type { Dialect } from './dialect.js';

export type Row = Record<string, unknown>;

/** A table of the warehouse, as `listTables` gives it. */
export interface TableName { table_schema: string; table_name: string }
/** A column of a table, in table order, as `listColumns` gives it (type as the engine spells it, upper case). */
export interface ColumnInfo { column_name: string; data_type: string }

/** Column types `writeRows` carries: the types TypeScript steps write (src/ml/store.ts). */
export type WriteColumnType = 'VARCHAR' | 'DOUBLE' | 'BIGINT' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP';
export interface WriteColumn { name: string; type: WriteColumnType }
/**
 * One cell for `writeRows`, already of its column's type: VARCHAR string, DOUBLE finite number,
 * BIGINT safe integer, BOOLEAN boolean, DATE 'YYYY-MM-DD', TIMESTAMP 'YYYY-MM-DD HH:MM:SS[.ffffff]'
 * (UTC wall clock), or null. Callers check values first (store.ts `cellValue`).
 */
export type WriteValue = string | number | boolean | null;

export interface Engine {
  readonly name: 'duckdb' | 'spark';
  readonly dialect: Dialect;
  /** Run one or more statements that return nothing. */
  exec(statement: string | SqlQuery): Promise<void>;
  /** Run a query and read all rows as plain objects (BIGINT -> number when safe, DATE -> 'YYYY-MM-DD'). */
  query<T extends Row = Row>(query: string | SqlQuery): Promise<T[]>;
  /** Replace `target` with `temp` atomically: a reader sees the old table or the new, never half. */
  swapTable(temp: string, target: string): Promise<void>;
  /**
   * Run `work` as one unit. DuckDB: one transaction, so every statement in it (swapTable included)
   * commits together or not at all, and a process killed half-way leaves none of them. Spark
   * Connect has no multi-statement transactions: there the statements simply run in order.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Tables and views of one schema, or of every schema (Spark's temporary views excluded); engines without information_schema answer too. */
  listTables(schema?: string): Promise<TableName[]>;
  /** Columns of `schema.table` in order; [] when the table does not exist. */
  listColumns(table: string): Promise<ColumnInfo[]>;
  /**
   * Whether UPDATE and DELETE work on warehouse tables (DuckDB: yes; Spark's Parquet tables: no).
   * Callers go through `deleteRows` / `updateRows` in rows.ts, which rebuild the table otherwise.
   */
  readonly supportsRowLevelDml: boolean;
  /**
   * Append rows (arrays in `columns` order) to an existing table whose columns are `columns`, in
   * bulk: DuckDB through its appender, Spark as Arrow batches in a Spark Connect LocalRelation
   * (one job per batch of many thousand rows, instead of one per INSERT statement). Not atomic:
   * when it fails part of the rows may be in the table, so write into a temp table and swap it in
   * (src/ml/store.ts writeTable does).
   */
  writeRows(table: string, columns: readonly WriteColumn[], rows: readonly (readonly WriteValue[])[]): Promise<void>;
  close(): Promise<void>;
}

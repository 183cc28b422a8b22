// The engine boundary. Steps and models talk only to this interface and to the dialect macros;
// every engine difference lives in src/engine/ (one file per engine, plus dialect.ts).
import type { SqlQuery } from './sql.js';
import type { Dialect } from './dialect.js';

export type Row = Record<string, unknown>;

/** A table of the warehouse, as `listTables` gives it. */
export interface TableName { table_schema: string; table_name: string }
/** A column of a table, in table order, as `listColumns` gives it (type as the engine spells it, upper case). */
export interface ColumnInfo { column_name: string; data_type: string }

export interface Engine {
  readonly name: 'duckdb' | 'spark';
  readonly dialect: Dialect;
  /** Run one or more statements that return nothing. */
  exec(statement: string | SqlQuery): Promise<void>;
  /** Run a query and read all rows as plain objects (BIGINT -> number when safe, DATE -> 'YYYY-MM-DD'). */
  query<T extends Row = Row>(query: string | SqlQuery): Promise<T[]>;
  /** Replace `target` with `temp` atomically: a reader sees the old table or the new, never half. */
  swapTable(temp: string, target: string): Promise<void>;
  /** Tables and views of one schema, or of every schema (Spark's temporary views excluded); engines without information_schema answer too. */
  listTables(schema?: string): Promise<TableName[]>;
  /** Columns of `schema.table` in order; [] when the table does not exist. */
  listColumns(table: string): Promise<ColumnInfo[]>;
  /**
   * Whether UPDATE and DELETE work on warehouse tables (DuckDB: yes; Spark's Parquet tables: no).
   * Callers go through `deleteRows` / `updateRows` in rows.ts, which rebuild the table otherwise.
   */
  readonly supportsRowLevelDml: boolean;
  close(): Promise<void>;
}

// The engine boundary. Steps and models talk only to this interface and to the dialect macros;
// every engine difference lives in src/engine/ (one file per engine, plus dialect.ts).
import type { SqlQuery } from './sql.js';
import type { Dialect } from './dialect.js';

export type Row = Record<string, unknown>;

export interface Engine {
  readonly name: 'duckdb' | 'spark';
  readonly dialect: Dialect;
  /** Run one or more statements that return nothing. */
  exec(statement: string | SqlQuery): Promise<void>;
  /** Run a query and read all rows as plain objects (BIGINT -> number when safe, DATE -> 'YYYY-MM-DD'). */
  query<T extends Row = Row>(query: string | SqlQuery): Promise<T[]>;
  /** Replace `target` with `temp` atomically: a reader sees the old table or the new, never half. */
  swapTable(temp: string, target: string): Promise<void>;
  close(): Promise<void>;
}

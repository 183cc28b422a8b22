// The engine boundary. Steps and models talk only to this interface and to the dialect macros;
// every engine difference lives in src/engine/: one folder per engine (duckdb/, spark/) with the
// same file names for the same roles, plus dialect.ts. This module imports nothing from the engine
// folder, so every engine file can depend on it without a cycle. The engine names live in config.ts
// (a foundation the config's `engine` field needs) and are re-exported here.
import type { TableContract } from '../contracts/index.js';
import type { EngineName } from '../config.js';

export { ENGINE_NAMES, type EngineName } from '../config.js';

export type Row = Record<string, unknown>;

/** SQL text with bound values ($1, $2 ...), as the `sql` tagged template (sql.ts) builds it. */
export interface SqlQuery {
  readonly text: string;
  readonly params: readonly unknown[];
}

/** One SQL macro (dialect.ts): SQL expressions in, SQL text out. */
export type Macro = (...args: string[]) => string;
/** The macros of one engine, by name. */
export type Dialect = Readonly<Record<string, Macro>>;

/** A table of the warehouse, as `listTables` gives it. */
export interface TableName {
  table_schema: string;
  table_name: string;
}
/** A column of a table, in table order, as `listColumns` gives it (type as the engine spells it, upper case). */
export interface ColumnInfo {
  column_name: string;
  data_type: string;
}

/** Column types `writeRows` carries: the types TypeScript steps write (src/ml/publish/store.ts). */
export type WriteColumnType = 'VARCHAR' | 'DOUBLE' | 'BIGINT' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP';
export interface WriteColumn {
  name: string;
  type: WriteColumnType;
}
/**
 * One cell for `writeRows`, already of its column's type: VARCHAR string, DOUBLE finite number,
 * BIGINT safe integer, BOOLEAN boolean, DATE 'YYYY-MM-DD', TIMESTAMP 'YYYY-MM-DD HH:MM:SS[.ffffff]'
 * (UTC wall clock), or null. Callers check values first (store.ts `cellValue`).
 */
export type WriteValue = string | number | boolean | null;

/**
 * A column type in Marquee's portable spelling (the names DuckDB uses, which Spark reads too once
 * spark/sqltext.ts has turned VARCHAR into STRING) and the `writeRows` type that carries its values.
 */
export interface PortableColumnType {
  ddl: 'VARCHAR' | 'BIGINT' | 'INTEGER' | 'SMALLINT' | 'DOUBLE' | 'REAL' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP';
  write: WriteColumnType;
}

export interface Engine {
  readonly name: EngineName;
  readonly dialect: Dialect;
  /** Run one or more statements that return nothing. */
  exec(statement: string | SqlQuery): Promise<void>;
  /** Run a query and read all rows as plain objects (BIGINT -> number when safe, DATE -> 'YYYY-MM-DD'). */
  query<T extends Row = Row>(query: string | SqlQuery): Promise<T[]>;
  /**
   * Run a query and read its rows batch by batch (same values as `query`), so a large result is
   * never held whole: DuckDB yields one data chunk (2048 rows) at a time, Spark one Arrow batch.
   * Stopping early (break) releases the rest of the result.
   */
  stream(query: string | SqlQuery): AsyncGenerator<Row[]>;
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
   * (src/ml/publish/store.ts writeTable does).
   */
  writeRows(table: string, columns: readonly WriteColumn[], rows: readonly (readonly WriteValue[])[]): Promise<void>;
  /**
   * The portable type of a column whose type `listColumns` spelled `dataType` (upper case), or
   * undefined for types without one (lists, maps, intervals ...). The dashboard snapshot uses it to
   * copy a table from this engine into a local DuckDB file.
   */
  portableType(dataType: string): PortableColumnType | undefined;
  /** This engine's bronze CSV reader (one file -> typed rows + quarantined lines); bronze never picks one by name. */
  readonly csvReader: CsvReader;
  /**
   * Another connection to the same database, for running independent steps side by side (the
   * runner's --concurrency). Absent when the engine has no such thing (Spark: one session, steps run
   * one after another). Closing a fork closes only its connection.
   */
  fork?(): Promise<Engine>;
  close(): Promise<void>;
}

/** One source file for `CsvReader.stageBatch`: validated by bronze, read by the engine. */
export interface StageBatchRequest {
  contract: TableContract;
  /** Absolute path read by the engine. */
  path: string;
  /** Value written to _source_file / quarantine.source_file. */
  sourceFile: string;
  /** Header names in file order (validated: a permutation of the contract's columns). */
  fileColumns: readonly string[];
  /** Bronze's own pass over the file (src/bronze/file-scan.ts): physical lines, the header included, and the blank ones. */
  scan: { lineCount: number; blankLines: readonly number[] };
  /** Line L (header = 1) of `path` is line L + lineOffset of `sourceFile` (0 unless reading a slice of it). */
  lineOffset: number;
  runId: string;
  batchId: string;
  /** Batch time, UTC, as 'YYYY-MM-DD HH:MM:SS.mmm'. */
  ingestedAt: string;
  /** Existing table to append the batch's typed rows to: contract columns in contract order, then BRONZE_METADATA_COLUMNS. */
  targetTable: string;
  /** Existing table (QUARANTINE_COLUMNS) to append the batch's quarantined lines to. */
  quarantineTable: string;
}

export interface StageBatchOutcome {
  /** Records the reader parsed into fields (loaded + quarantined for typing). */
  recordsParsed: number;
  /** Physical non-blank lines the reader rejected as structurally broken. */
  rejectedLines: number;
  /** Rows appended to targetTable / quarantineTable, as counted there by batch id. */
  rowsLoaded: number;
  rowsQuarantined: number;
}

/**
 * Bronze ingestion's engine-specific half: one CSV file becomes rows appended to the target table
 * (typed strictly per contract) and lines appended to the quarantine table (with a reason), with
 * exact line numbers. Everything around it (file scan, header checks, staging, swaps, meta rows)
 * is engine-neutral and lives in src/bronze/. Each engine exposes its reader as `Engine.csvReader`.
 */
export interface CsvReader {
  stageBatch(engine: Engine, request: StageBatchRequest): Promise<StageBatchOutcome>;
}

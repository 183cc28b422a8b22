// The shape of a source-table contract. A contract is the single source of truth for one CSV
// source: the generator writes from it, bronze validates against it, silver derives rules from it,
// the quality report compares observed against it, and the docs render it.

export type SourceTableName = 'users' | 'movies' | 'watch_history' | 'recommendation_logs' | 'search_logs' | 'reviews';

/** Logical type of a column once typed (bronze onwards). */
export type ColumnType = 'string' | 'integer' | 'float' | 'boolean' | 'date' | 'timestamp';

/**
 * How a value is spelled in the CSV text, where that differs from the obvious spelling of its type.
 * - `float-text`: a whole number written as a float (`43.0`, and `-0.0` for some ages), as pandas
 *   writes integer columns that contain blanks.
 * - `timestamp-micros`: `YYYY-MM-DD HH:MM:SS.ffffff`.
 */
export type TextEncoding = 'plain' | 'float-text' | 'timestamp-micros';

/**
 * A column that only applies to some rows: outside `when` it is blank by design ("not applicable"),
 * inside it it may still be truly missing at `missingRateWhenApplicable`.
 */
export interface StructuralBlank {
  column: string;
  values: readonly string[];
  missingRateWhenApplicable: number;
  label: string;
}

export interface ColumnContract {
  name: string;
  type: ColumnType;
  description: string;
  text?: TextEncoding;
  /** May the CSV field be empty? */
  nullable: boolean;
  /** Share of rows blank in the published files (0..1), structural blanks included. */
  expectedBlankRate: number;
  /** What a blank means when it is not "missing" (e.g. "no click"). */
  blankMeans?: string;
  structuralBlank?: StructuralBlank;
  /** Closed vocabulary. `weights` (same order) are the published proportions among non-blank rows. */
  allowedValues?: readonly string[];
  weights?: readonly number[];
  /** Range a value must lie in to be typed at all in bronze (schema compliance). */
  range?: { min?: number | string; max?: number | string };
  /** Range a value should lie in to be plausible (silver anomaly rules flag values outside). */
  plausibleRange?: { min?: number; max?: number };
  foreignKey?: { table: SourceTableName; column: string };
  /** Personal data: pseudonymised in silver, never shown past bronze. */
  pii?: boolean;
  /** Key format, e.g. prefix `user_` with at least 5 digits. */
  keyFormat?: { prefix: string; minDigits: number };
}

export interface TableContract {
  name: SourceTableName;
  file: string;
  description: string;
  primaryKey: string;
  columns: readonly ColumnContract[];
  /** Rows at scale 1 before duplicates are appended. */
  uniqueRowsAtScale1: number;
  /** Share of `uniqueRows` appended again as exact copies (users 3% -> 10,300 rows). */
  duplicateRate: number;
  /** Date column that places an event in time (event tables only). */
  eventDateColumn?: string;
}

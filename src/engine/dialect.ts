// Every SQL difference between engines, one macro per difference, each with a variant per engine
// (in the spirit of dbt's adapter.dispatch). SQL models call them as {{ macro_name(arg, ...) }};
// arguments are SQL expressions passed through as text. Add a macro here, never an engine branch
// in a model or a step.

import type { Dialect, EngineName, Macro } from './engine.js';

export type { Dialect, Macro };

/** `name` between `quote` characters, a quote inside it doubled. */
const quoteWith = (quote: string, name: string) => quote + name.replaceAll(quote, quote + quote) + quote;

/**
 * An identifier quoted so every engine reads it: "name". DuckDB's own quoting; Spark reads it too,
 * because every Spark session runs with spark.sql.ansi.doubleQuotedIdentifiers (spark/session.ts).
 * SQL that any engine may run (sql.ts `ident`, steps, the snapshot) quotes with this.
 */
export function quoteIdent(name: string): string {
  return quoteWith('"', name);
}

/**
 * Each engine's native identifier quoting, for SQL only that engine reads: DuckDB "name", Spark
 * `name` (what Spark's own DDL strings such as from_csv's schema, SHOW and DESCRIBE expect).
 */
export function quoteIdentFor(engine: EngineName): (name: string) => string {
  return engine === 'spark' ? (name) => quoteWith('`', name) : quoteIdent;
}

const both = (duckdb: Macro, spark: Macro) => ({ duckdb, spark });

/** Portable arithmetic for the Wilson interval: the same text works on every engine. */
function wilson(k: string, n: string, sign: string): string {
  const p = `(CAST(${k} AS DOUBLE) / NULLIF(${n}, 0))`;
  const z2 = '3.8416';
  return `((${p} + ${z2} / (2.0 * ${n}) + (${sign}) * 1.96 * sqrt(${p} * (1 - ${p}) / ${n} + ${z2} / (4.0 * ${n} * ${n}))) / (1 + ${z2} / ${n}))`;
}

/** macro name -> per-engine implementation. */
export const MACROS: Record<string, Record<EngineName, Macro>> = {
  /** Whole days from `start` to `end` (end - start). */
  days_between: both(
    (s, e) => `date_diff('day', CAST(${s} AS DATE), CAST(${e} AS DATE))`,
    (s, e) => `datediff(CAST(${e} AS DATE), CAST(${s} AS DATE))`,
  ),
  /** `date` plus `n` days. */
  add_days: both(
    (d, n) => `(CAST(${d} AS DATE) + CAST(${n} AS INTEGER))`,
    (d, n) => `date_add(CAST(${d} AS DATE), CAST(${n} AS INT))`,
  ),
  /** First day of the month of `d`, as a DATE. */
  month_start: both(
    (d) => `CAST(date_trunc('month', CAST(${d} AS DATE)) AS DATE)`,
    (d) => `CAST(trunc(CAST(${d} AS DATE), 'MM') AS DATE)`,
  ),
  /** Monday of the ISO week of `d`, as a DATE. */
  week_start: both(
    (d) => `CAST(date_trunc('week', CAST(${d} AS DATE)) AS DATE)`,
    (d) => `CAST(date_trunc('WEEK', CAST(${d} AS DATE)) AS DATE)`,
  ),
  /** ISO day of week, 1 = Monday .. 7 = Sunday. */
  iso_dow: both(
    (d) => `isodow(CAST(${d} AS DATE))`,
    (d) => `(((dayofweek(CAST(${d} AS DATE)) + 5) % 7) + 1)`,
  ),
  /** Continuous quantile of `x` at fraction `p` (aggregate). */
  quantile: both(
    (x, p) => `quantile_cont(${x}, ${p})`,
    (x, p) => `percentile(${x}, ${p})`,
  ),
  /** Continuous quantiles of `x` at several fractions in one aggregate, as a list (`ps`: comma-separated fractions). */
  quantiles: both(
    (x, ps) => `quantile_cont(${x}, [${ps}])`,
    (x, ps) => `percentile(${x}, array(${ps}))`,
  ),
  /** Median (aggregate). */
  median: both(
    (x) => `median(${x})`,
    (x) => `percentile(${x}, 0.5)`,
  ),
  /** Strings joined with `sep` in `order` (aggregate). */
  string_agg: both(
    (x, sep) => `string_agg(${x}, ${sep} ORDER BY ${x})`,
    // collect_list of no values joins to '' on Spark, where DuckDB's string_agg gives NULL.
    (x, sep) => `CASE WHEN count(${x}) = 0 THEN NULL ELSE array_join(array_sort(collect_list(${x})), ${sep}) END`,
  ),
  /** Integer division truncating toward zero. */
  int_div: both(
    (a, b) => `CAST(trunc(CAST(${a} AS DOUBLE) / (${b})) AS BIGINT)`,
    (a, b) => `CAST(${a} DIV ${b} AS BIGINT)`,
  ),
  /** Hex sha256 of a string. */
  sha256: both(
    (x) => `sha256(${x})`,
    (x) => `sha2(${x}, 256)`,
  ),
  /**
   * Seeded hash of `x` (hex sha256 of seed || '|' || x), for reproducible pseudo-random orders such as
   * the imputation holdout. Not for secrets: a dictionary reverses it; pseudonyms use hmac_sha256.
   */
  keyed_hash: both(
    (x, seed) => `sha256(${seed} || '|' || ${x})`,
    (x, seed) => `sha2(concat(${seed}, '|', ${x}), 256)`,
  ),
  /**
   * HMAC-SHA256 of the UTF-8 bytes of text `x`, as lower-case hex (RFC 2104): sha256(outer || sha256(inner || x)).
   * Neither engine has an HMAC function, so it is built from sha256 over bytes. `innerPad` and
   * `outerPad` are hex literals of the 64-byte padded key XOR 0x36 and XOR 0x5c, computed in
   * TypeScript (src/silver/pseudonym-key.ts `hmacPads`); NULL in, NULL out.
   */
  hmac_sha256: both(
    (x, innerPad, outerPad) => `sha256(unhex(${outerPad}) || unhex(sha256(unhex(${innerPad}) || encode(${x}))))`,
    (x, innerPad, outerPad) => `sha2(concat(unhex(${outerPad}), unhex(sha2(concat(unhex(${innerPad}), encode(${x}, 'UTF-8')), 256))), 256)`,
  ),
  /** Safe division: NULL when the denominator is 0. */
  safe_div: both(
    (a, b) => `(CAST(${a} AS DOUBLE) / NULLIF(${b}, 0))`,
    (a, b) => `(CAST(${a} AS DOUBLE) / NULLIF(${b}, 0))`,
  ),
  /** ORDER BY direction that puts NULLs last (engines differ in their defaults). */
  asc_nulls_last: both(
    (x) => `${x} ASC NULLS LAST`,
    (x) => `${x} ASC NULLS LAST`,
  ),
  /** Cast text to DOUBLE, NULL when it does not parse. */
  try_double: both(
    (x) => `TRY_CAST(${x} AS DOUBLE)`,
    (x) => `try_cast(${x} AS DOUBLE)`,
  ),
  /** Wilson score interval bound (z = 1.96) for `k` successes in `n` trials; `sign` is -1 (low) or 1 (high). */
  wilson_bound: both(
    (k, n, sign) => wilson(k, n, sign),
    // ANSI Spark raises DIVIDE_BY_ZERO where DuckDB gives NULL (n = 0): divide by NULLIF(n, 0).
    (k, n, sign) => wilson(k, `NULLIF(${n}, 0)`, sign),
  ),
  /** A whole row as JSON text; `alias` names the table in FROM (quarantine keeps rows as JSON). */
  row_to_json: both(
    (alias) => `CAST(to_json(${alias}) AS VARCHAR)`,
    (alias) => `to_json(struct(${alias}.*), map('ignoreNullFields', 'false', 'timestampFormat', 'yyyy-MM-dd HH:mm:ss.SSSSSS'))`,
  ),
  /** Any value as text (Spark's VARCHAR needs a length; STRING is its unbounded text type). */
  to_text: both(
    (x) => `CAST(${x} AS VARCHAR)`,
    (x) => `CAST(${x} AS STRING)`,
  ),
  /** Calendar quarter label of a date, e.g. '2024-Q3'. */
  year_quarter: both(
    (d) => `(CAST(year(CAST(${d} AS DATE)) AS VARCHAR) || '-Q' || CAST(quarter(CAST(${d} AS DATE)) AS VARCHAR))`,
    (d) => `concat(CAST(year(CAST(${d} AS DATE)) AS STRING), '-Q', CAST(quarter(CAST(${d} AS DATE)) AS STRING))`,
  ),
  /** Format a DATE as 'YYYY-MM'. */
  year_month: both(
    (d) => `strftime(CAST(${d} AS DATE), '%Y-%m')`,
    (d) => `date_format(CAST(${d} AS DATE), 'yyyy-MM')`,
  ),
  /**
   * round(x, n) of a DOUBLE exactly as DuckDB does it (x * 10^n rounded half away from zero, divided
   * back). Spark's round(x, n) rounds the decimal text of x instead, so at a near-tie such as
   * 40.865 (stored as 40.86499...) the two engines gave 40.87 and 40.86.
   */
  round_double: both(
    (x, n) => `round(${x}, ${n})`,
    (x, n) => `(round((${x}) * power(10, ${n}), 0) / power(10, ${n}))`,
  ),
  /**
   * Any value as a JSON value in text: a JSON string of its text form, or null (meta.change_log's
   * old and new values). Spark has no scalar to_json, so it wraps the value in a struct and unwraps it.
   */
  json_text: both(
    (x) => `CASE WHEN ${x} IS NULL THEN 'null' ELSE CAST(to_json(CAST(${x} AS VARCHAR)) AS VARCHAR) END`,
    (x) =>
      `CASE WHEN ${x} IS NULL THEN 'null' ELSE regexp_extract(to_json(named_struct('v', CAST(${x} AS STRING))), '^[{]"v":(.*)[}]$', 1) END`,
  ),
  /** Equality where two NULLs are equal (join on a group key that may be blank). */
  null_safe_eq: both(
    (a, b) => `(${a} IS NOT DISTINCT FROM ${b})`,
    (a, b) => `(${a} <=> ${b})`,
  ),
};

/** The macro set of one engine. */
export function dialectFor(engine: EngineName): Dialect {
  return Object.fromEntries(Object.entries(MACROS).map(([name, impl]) => [name, impl[engine]])) as Dialect;
}

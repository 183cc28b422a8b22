// Compiles one CheckDefinition to portable SQL: a predicate TRUE for failing rows (used by `drop`),
// one query yielding passed/failed record counts and the verdict, and one query sampling failing
// keys. Column and table names are plain lower-case words, so they need no engine-specific quoting;
// text casts use STRING, which DuckDB and Spark both accept.
import type { Dialect } from '../engine/dialect.js';
import { literal } from '../engine/sql.js';
import type { CheckDefinition, CheckKind } from './check.js';

export interface CompiledCheck {
  /** SQL boolean, never NULL, TRUE for a failing row of the checked table. 'FALSE' for table-level kinds. */
  failingPredicate: string;
  /** One row: passed_records BIGINT, failed_records BIGINT, check_passed BOOLEAN. */
  failedCountSql: string;
  /**
   * The three columns of failedCountSql as aggregates over the checked table alone, when the check
   * is a plain aggregate of that table (every kind but distribution_drift): runChecks evaluates all
   * such checks of one table in a single scan. failedCountSql is exactly SELECT these FROM the table.
   */
  countAggregates?: CountAggregates;
  /** Up to `SAMPLE_SIZE` rows with one text column `sample` (failing keys, or drift details). */
  sampleSql: string;
}

export interface CompileCheckOptions {
  /** Table to read instead of check.dataset, e.g. the temp table a model was just built into. */
  table?: string;
  /** Column whose values identify failing rows in the sample (params.key wins; a relationship check samples its own column; else this, else the check column). */
  keyColumn?: string;
}

/**
 * A check's counts as aggregates over its table. Each aggregate is computed once (`aggregates`,
 * name -> SQL aggregate); the three results are plain expressions over those names, written
 * `{name}`. Why not three aggregate expressions: a predicate with a subquery (unique,
 * relationship) repeated in three aggregates becomes three joins; computed once it is one.
 */
export interface CountAggregates {
  aggregates: Record<string, string>;
  passedRecords: string;
  failedRecords: string;
  checkPassed: string;
}

export const SAMPLE_SIZE = 5;

/**
 * Alias of the checked table wherever a failing predicate is evaluated: the relationship check's
 * correlated NOT EXISTS names the checked row's column through it. Every query that evaluates a
 * predicate reads `FROM <table> AS checked_row`.
 */
export const CHECKED_ROW = 'checked_row';

/** `expression` with each `{name}` replaced by `prefix + name`. */
export function fillNames(expression: string, prefix: string): string {
  return expression.replace(/\{([a-z_][a-z0-9_]*)\}/g, (_, name: string) => `${prefix}${name}`);
}

/** The count query of a check whose counts are aggregates over `table`. */
function countsOver(aggregates: CountAggregates, table: string): Pick<CompiledCheck, 'failedCountSql' | 'countAggregates'> {
  const inner = Object.entries(aggregates.aggregates)
    .map(([name, sql]) => `${sql} AS ${name}`)
    .join(', ');
  return {
    failedCountSql: `SELECT ${fillNames(aggregates.passedRecords, '')} AS passed_records,
  ${fillNames(aggregates.failedRecords, '')} AS failed_records,
  ${fillNames(aggregates.checkPassed, '')} AS check_passed
FROM (SELECT ${inner} FROM ${table} AS ${CHECKED_ROW}) t`,
    countAggregates: aggregates,
  };
}

/** Kinds judged on the table as a whole; they cannot `drop` rows. */
export const TABLE_LEVEL_KINDS: readonly CheckKind[] = ['completeness', 'freshness', 'row_count', 'distribution_drift'];

const NAME = /^[a-z_][a-z0-9_]*$/;
const TABLE = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/;

function fail(check: CheckDefinition, message: string): never {
  throw new Error(`check '${check.name}' on ${check.dataset}: ${message}`);
}

function columnName(check: CheckDefinition, value: unknown, what: string): string {
  if (typeof value !== 'string' || !NAME.test(value)) fail(check, `${what} must be a lower-case column name, got ${JSON.stringify(value)}`);
  return value;
}

function numberParam(check: CheckDefinition, key: string, required: boolean): number | undefined {
  const value = check.params?.[key];
  if (value === undefined || value === null) {
    if (required) fail(check, `params.${key} (a number) is required for kind '${check.kind}'`);
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value))
    fail(check, `params.${key} must be a finite number, got ${JSON.stringify(value)}`);
  return value;
}

/** A JS value as a SQL literal: strings quoted, numbers and booleans as is. */
function valueLiteral(check: CheckDefinition, value: unknown): string {
  if (typeof value === 'string') return literal(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return fail(check, `unsupported literal ${JSON.stringify(value)} (strings, numbers and booleans only)`);
}

/** Range bounds may be numbers or ISO dates ('2025-10-01'), compared as DATE. */
function boundLiteral(check: CheckDefinition, value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return `DATE ${literal(value)}`;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return fail(check, `range bound must be a number or a 'YYYY-MM-DD' date, got ${JSON.stringify(value)}`);
}

/** Columns of a row-level check's key (unique accepts params.columns for a composite key). */
function uniqueColumns(check: CheckDefinition): string[] {
  const listed = check.params?.columns;
  if (Array.isArray(listed) && listed.length > 0) return listed.map((c, i) => columnName(check, c, `params.columns[${i}]`));
  return [columnName(check, check.column, 'column')];
}

/** Predicate TRUE for a failing row, for the row-level kinds (NULL-safe: never NULL). */
function rowFailing(check: CheckDefinition, table: string): string {
  switch (check.kind) {
    case 'not_null':
      return `(${columnName(check, check.column, 'column')} IS NULL)`;
    case 'unique': {
      const cols = uniqueColumns(check);
      const tuple = cols.length === 1 ? cols[0] : `(${cols.join(', ')})`;
      const notNull = cols.map((c) => `${c} IS NOT NULL`).join(' AND ');
      // Every copy of a repeated key fails (not just the extra ones): which copy is right is a dedup rule.
      return `COALESCE(${notNull} AND ${tuple} IN (SELECT ${cols.join(', ')} FROM ${table} WHERE ${notNull} GROUP BY ${cols.join(', ')} HAVING count(*) > 1), FALSE)`;
    }
    case 'accepted_values': {
      const col = columnName(check, check.column, 'column');
      const values = check.params?.values;
      if (!Array.isArray(values) || values.length === 0) fail(check, 'params.values must be a non-empty array');
      return `COALESCE(${col} NOT IN (${values.map((v) => valueLiteral(check, v)).join(', ')}), FALSE)`;
    }
    case 'range': {
      const col = columnName(check, check.column, 'column');
      const parts: string[] = [];
      if (check.params?.min !== undefined) parts.push(`${col} < ${boundLiteral(check, check.params.min)}`);
      if (check.params?.max !== undefined) parts.push(`${col} > ${boundLiteral(check, check.params.max)}`);
      if (parts.length === 0) fail(check, 'range needs params.min and/or params.max');
      return `COALESCE(${parts.join(' OR ')}, FALSE)`;
    }
    case 'relationship': {
      const col = columnName(check, check.column, 'column');
      const to = check.params?.to;
      const m = typeof to === 'string' ? /^([a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)$/.exec(to) : null;
      if (!m) fail(check, `params.to must be 'schema.table.column', got ${JSON.stringify(to)}`);
      const [, parentTable, parentColumn] = m;
      // NOT EXISTS, not NOT IN: both engines run it as a hash anti-join, while Spark plans NOT IN
      // (null-aware) as a nested loop, which never finished bronze at scale 10.
      return `COALESCE(${col} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${parentTable} parent_row WHERE parent_row.${parentColumn} = ${CHECKED_ROW}.${col}), FALSE)`;
    }
    case 'expression': {
      const expression = check.params?.expression;
      if (typeof expression !== 'string' || expression.trim() === '') fail(check, 'params.expression must be a SQL predicate');
      // Like dbt's expression_is_true: a row fails when the predicate is FALSE; NULL (unknown) passes.
      return `COALESCE(NOT (${expression}), FALSE)`;
    }
    default:
      return fail(check, `kind '${check.kind}' is not row-level`);
  }
}

/** Counts for a row-level check: failing rows fail; the check passes when none fail. */
function rowCounts(failing: string, table: string): Pick<CompiledCheck, 'failedCountSql' | 'countAggregates'> {
  return countsOver(
    {
      aggregates: { n: 'count(*)', failing: `sum(CASE WHEN ${failing} THEN 1 ELSE 0 END)` },
      passedRecords: 'CAST({n} - COALESCE({failing}, 0) AS BIGINT)',
      failedRecords: 'CAST(COALESCE({failing}, 0) AS BIGINT)',
      checkPassed: 'COALESCE({failing}, 0) = 0',
    },
    table,
  );
}

/**
 * Counts for a unique check: the failed records are the extra copies, the rows beyond the first of
 * each non-blank key (keyed rows - distinct keys), so "3 failed" means 3 rows too many, not 3 + the
 * originals. No subquery: two plain aggregates over one scan. The failing predicate (drop, sample)
 * still marks every copy: which copy is right is a dedup rule, so unique checks cannot drop.
 */
function extraCopyCounts(check: CheckDefinition, table: string): Pick<CompiledCheck, 'failedCountSql' | 'countAggregates'> {
  const cols = uniqueColumns(check);
  const notNull = cols.map((c) => `${c} IS NOT NULL`).join(' AND ');
  // A composite key as one text value; \u0001 cannot occur in the key parts we check.
  const key = cols.length === 1 ? cols[0] : `concat(${cols.map((c) => `CAST(${c} AS STRING)`).join(", '\u0001', ")})`;
  return countsOver(
    {
      aggregates: {
        n: 'count(*)',
        keyed: `sum(CASE WHEN ${notNull} THEN 1 ELSE 0 END)`,
        distinct_keys: `count(DISTINCT CASE WHEN ${notNull} THEN ${key} END)`,
      },
      passedRecords: 'CAST({n} - (COALESCE({keyed}, 0) - {distinct_keys}) AS BIGINT)',
      failedRecords: 'CAST(COALESCE({keyed}, 0) - {distinct_keys} AS BIGINT)',
      checkPassed: 'COALESCE({keyed}, 0) - {distinct_keys} = 0',
    },
    table,
  );
}

function keySampleSql(failing: string, table: string, key: string): string {
  return `SELECT CAST(${key} AS STRING) AS sample FROM ${table} AS ${CHECKED_ROW} WHERE ${failing} ORDER BY ${key} LIMIT ${SAMPLE_SIZE}`;
}

const NO_SAMPLE = `SELECT CAST(NULL AS STRING) AS sample WHERE 1 = 0`;

function completeness(check: CheckDefinition, table: string, key: string | undefined): CompiledCheck {
  const col = columnName(check, check.column, 'column');
  const maxBlankRate = numberParam(check, 'maxBlankRate', true)!;
  const blank = `(${col} IS NULL)`;
  return {
    failingPredicate: 'FALSE',
    // Blank rows are the failed records; the verdict is on the rate (an empty table passes).
    ...countsOver(
      {
        aggregates: { n: 'count(*)', blank: `sum(CASE WHEN ${blank} THEN 1 ELSE 0 END)` },
        passedRecords: 'CAST({n} - {blank} AS BIGINT)',
        failedRecords: 'CAST(COALESCE({blank}, 0) AS BIGINT)',
        checkPassed: `COALESCE(CAST({blank} AS DOUBLE) / NULLIF({n}, 0) <= ${maxBlankRate}, TRUE)`,
      },
      table,
    ),
    sampleSql: key ? keySampleSql(blank, table, key) : NO_SAMPLE,
  };
}

function freshness(check: CheckDefinition, table: string, dialect: Dialect): CompiledCheck {
  const col = columnName(check, check.params?.column ?? check.column, 'params.column');
  const asOf = check.params?.asOf;
  if (typeof asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(asOf))
    fail(check, `params.asOf must be a 'YYYY-MM-DD' date, got ${JSON.stringify(asOf)}`);
  const maxAgeDays = numberParam(check, 'maxAgeDays', true)!;
  const age = dialect.days_between(col, `DATE ${literal(asOf)}`);
  const fresh = `COALESCE(${age} BETWEEN 0 AND ${maxAgeDays}, FALSE)`;
  // Passed records: dated within the window up to as-of. The table is fresh when at least one is.
  return {
    failingPredicate: 'FALSE',
    ...countsOver(
      {
        aggregates: { n: 'count(*)', fresh: `sum(CASE WHEN ${fresh} THEN 1 ELSE 0 END)` },
        passedRecords: 'CAST(COALESCE({fresh}, 0) AS BIGINT)',
        failedRecords: 'CAST({n} - COALESCE({fresh}, 0) AS BIGINT)',
        checkPassed: 'COALESCE({fresh}, 0) > 0',
      },
      table,
    ),
    sampleSql: `SELECT 'newest ' || CAST(max(${col}) AS STRING) || ' vs as-of ${asOf}' AS sample FROM ${table} HAVING NOT (COALESCE(sum(CASE WHEN ${fresh} THEN 1 ELSE 0 END), 0) > 0)`,
  };
}

function rowCount(check: CheckDefinition, table: string): CompiledCheck {
  const min = numberParam(check, 'min', false);
  const max = numberParam(check, 'max', false);
  if (min === undefined && max === undefined) fail(check, 'row_count needs params.min and/or params.max');
  const bounds = (count: string) =>
    [min !== undefined ? `${count} >= ${min}` : 'TRUE', max !== undefined ? `${count} <= ${max}` : 'TRUE'].join(' AND ');
  const inBounds = bounds('count(*)');
  // All rows pass or all fail together: the verdict is on the count.
  return {
    failingPredicate: 'FALSE',
    ...countsOver(
      {
        aggregates: { n: 'count(*)' },
        passedRecords: `CAST(CASE WHEN ${bounds('{n}')} THEN {n} ELSE 0 END AS BIGINT)`,
        failedRecords: `CAST(CASE WHEN ${bounds('{n}')} THEN 0 ELSE {n} END AS BIGINT)`,
        checkPassed: bounds('{n}'),
      },
      table,
    ),
    sampleSql: `SELECT 'rows ' || CAST(count(*) AS STRING) || ', expected ${min ?? '-inf'}..${max ?? 'inf'}' AS sample FROM ${table} HAVING NOT (${inBounds})`,
  };
}

function distributionDrift(check: CheckDefinition, table: string): CompiledCheck {
  const col = columnName(check, check.column, 'column');
  const reference = check.params?.reference;
  if (typeof reference !== 'object' || reference === null || Array.isArray(reference) || Object.keys(reference).length === 0) {
    fail(check, 'params.reference must be an object { value: expected share }');
  }
  const entries = Object.entries(reference as Record<string, unknown>);
  for (const [value, share] of entries) {
    if (typeof share !== 'number' || share < 0 || share > 1) fail(check, `reference share of '${value}' must be a number in [0, 1]`);
  }
  const tolerance = numberParam(check, 'tolerance', true)!;
  const values = entries.map(([v, share]) => `(${literal(v)}, CAST(${share} AS DOUBLE))`).join(', ');
  // Shares of non-blank values, compared category by category (absolute difference of shares).
  const compared = `WITH observed AS (
  SELECT CAST(${col} AS STRING) AS category, count(*) AS n FROM ${table} WHERE ${col} IS NOT NULL GROUP BY CAST(${col} AS STRING)
), total AS (SELECT sum(n) AS total FROM observed),
reference AS (SELECT category, share FROM (VALUES ${values}) AS r(category, share)),
compared AS (
  SELECT COALESCE(o.category, r.category) AS category, COALESCE(o.n, 0) AS n,
    COALESCE(CAST(o.n AS DOUBLE) / NULLIF(t.total, 0), 0) AS observed_share, COALESCE(r.share, 0) AS reference_share
  FROM observed o FULL OUTER JOIN reference r ON o.category = r.category CROSS JOIN total t
)`;
  const drifted = `abs(observed_share - reference_share) > ${tolerance}`;
  return {
    failingPredicate: 'FALSE',
    // Records in categories within tolerance pass; records in drifted categories fail. An empty table fails.
    failedCountSql: `${compared}
SELECT CAST(COALESCE(sum(CASE WHEN ${drifted} THEN 0 ELSE n END), 0) AS BIGINT) AS passed_records,
  CAST(COALESCE(sum(CASE WHEN ${drifted} THEN n ELSE 0 END), 0) AS BIGINT) AS failed_records,
  COALESCE(max(total) > 0, FALSE) AND COALESCE(sum(CASE WHEN ${drifted} THEN 1 ELSE 0 END), 0) = 0 AS check_passed
FROM compared CROSS JOIN total`,
    sampleSql: `${compared}
SELECT category || ': ' || CAST(round(observed_share, 4) AS STRING) || ' vs ' || CAST(round(reference_share, 4) AS STRING) AS sample
FROM compared WHERE ${drifted} ORDER BY abs(observed_share - reference_share) DESC, category LIMIT ${SAMPLE_SIZE}`,
  };
}

/** Compile a check against its dataset (or `options.table`) for one engine's dialect. */
export function compileCheck(check: CheckDefinition, dialect: Dialect, options: CompileCheckOptions = {}): CompiledCheck {
  const table = options.table ?? check.dataset;
  if (!TABLE.test(table)) fail(check, `table must be 'schema.table' in lower case, got '${table}'`);
  if (!['warn', 'drop', 'fail'].includes(check.action)) fail(check, `action must be warn, drop or fail, got '${check.action}'`);
  if (check.action === 'drop' && check.kind === 'unique') {
    fail(
      check,
      'a unique check cannot drop rows (every copy of a key fails its predicate; deduplication decides which copy stays); use warn or fail',
    );
  }
  if (check.action === 'drop' && TABLE_LEVEL_KINDS.includes(check.kind)) {
    fail(check, `kind '${check.kind}' judges the whole table and cannot drop rows; use warn or fail`);
  }
  const keyParam = check.params?.key;
  // A relationship check samples the orphan values themselves (the movie_id a session names), not
  // the table's first column, which would show a user id for a movie-id check.
  const key =
    keyParam !== undefined
      ? columnName(check, keyParam, 'params.key')
      : check.kind === 'relationship'
        ? check.column
        : (options.keyColumn ?? check.column);
  switch (check.kind) {
    case 'completeness':
      return completeness(check, table, key);
    case 'freshness':
      return freshness(check, table, dialect);
    case 'row_count':
      return rowCount(check, table);
    case 'distribution_drift':
      return distributionDrift(check, table);
    case 'unique': {
      const failing = rowFailing(check, table);
      return {
        failingPredicate: failing,
        ...extraCopyCounts(check, table),
        sampleSql: keySampleSql(failing, table, key ?? uniqueColumns(check)[0]),
      };
    }
    case 'not_null':
    case 'accepted_values':
    case 'range':
    case 'relationship':
    case 'expression': {
      const failing = rowFailing(check, table);
      const sampleKey = key ?? uniqueColumns(check)[0];
      return { failingPredicate: failing, ...rowCounts(failing, table), sampleSql: keySampleSql(failing, table, sampleKey) };
    }
    default:
      return fail(check, `unknown kind '${String(check.kind)}'`);
  }
}

// Column profiling into meta.column_profiles, for any layer: count, blanks, distinct, min/max,
// mean/stddev, quantiles, top values and a histogram per column, with the expected blank rate and
// the structural blanks beside the observed ones. A handful of queries per table whatever its width:
// one aggregate pass for the statistics, one or two for exact quantiles (profile-quantiles.ts), one
// for distinct counts, one for top values, one for histograms.
// profileTables runs several tables' profiles two at a time where the engine has a second connection.
// Portable SQL plus the dialect's quantiles/days_between macros, so it runs on any engine.
import type { Engine } from '../engine/engine.js';
import { deleteRows } from '../engine/rows.js';
import { literal, sql } from '../engine/sql.js';
import { quoteIdent as q } from '../engine/dialect.js';
import { mapOnTwoConnections } from '../engine/two-connections.js';
import { quantilesAfterPass, statisticsPassAggregates, type QuantileTarget } from './profile-quantiles.js';

export type ProfileKind = 'numeric' | 'boolean' | 'date' | 'timestamp' | 'string';

export interface ProfileColumn {
  name: string;
  kind: ProfileKind;
  /** Type name shown in the report (e.g. BIGINT). */
  typeName: string;
  expectedBlankRate?: number;
  /** Blank by design where `column` is not one of `values` ("only for Movie"). */
  structuralBlank?: { column: string; values: readonly string[]; label: string };
  /**
   * Personal data (the contract's `pii`): only counts and lengths are kept. Min and max say
   * 'length N'; mean, spread, quantiles and histogram are of the value's length; no top values.
   */
  pii?: boolean;
}

export interface ColumnProfile {
  dataset: string;
  column: string;
  type: string;
  kind: ProfileKind;
  rowCount: number;
  blankCount: number;
  blankPct: number;
  expectedBlankPct: number | null;
  structuralBlankCount: number | null;
  distinctCount: number;
  min: string | null;
  max: string | null;
  mean: number | null;
  stddev: number | null;
  p01: number | null;
  p25: number | null;
  p50: number | null;
  p75: number | null;
  p99: number | null;
  topValues: Array<{ value: string; count: number }>;
  histogram: Histogram | null;
  /** Personal data: the statistics are of lengths, no value is kept (ProfileColumn.pii). */
  pii?: boolean;
}

export interface Histogram {
  /** 'date' bins are in days since 1970-01-01. */
  unit: 'number' | 'day';
  min: number;
  max: number;
  counts: number[];
}

export const HISTOGRAM_BINS = 20;
export const TOP_VALUES = 10;
/** Columns this close to unique (and with more distinct values than this) keep no top-value list. */
const NEAR_UNIQUE_SHARE = 0.5;
const NEAR_UNIQUE_MIN = 1000;
/** Profile rows per INSERT statement (22 bound values each; keeps one statement's parameters modest). */
const PROFILE_ROWS_PER_INSERT = 100;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The column as a number the statistics can use: the value, true share, or days since epoch. */
function numericValue(engine: Engine, c: ProfileColumn): string | undefined {
  if (c.pii) return `CAST(length(${q(c.name)}) AS DOUBLE)`;
  switch (c.kind) {
    case 'numeric':
      return `CAST(${q(c.name)} AS DOUBLE)`;
    case 'boolean':
      return `CAST(CASE WHEN ${q(c.name)} THEN 1 WHEN NOT ${q(c.name)} THEN 0 END AS DOUBLE)`;
    case 'date':
    case 'timestamp':
      return `CAST(${engine.dialect.days_between(`DATE '1970-01-01'`, q(c.name))} AS DOUBLE)`;
    case 'string':
      return undefined;
  }
}

export function blankPredicate(c: Pick<ProfileColumn, 'name' | 'kind'>): string {
  // Whitespace-only text counts as blank; the LIKE guard spares trim() on the (usual) other values.
  const col = q(c.name);
  return c.kind === 'string' ? `(${col} IS NULL OR ${col} = '' OR (${col} LIKE ' %' AND trim(${col}) = ''))` : `(${col} IS NULL)`;
}

/** Profile `table` (schema.table) and return one profile per column. */
export async function profileTable(
  engine: Engine,
  dataset: string,
  columns: readonly ProfileColumn[],
  table = dataset,
  options: { statisticsOnly?: boolean } = {},
): Promise<ColumnProfile[]> {
  if (columns.length === 0) return [];
  // Query 1, one pass: counts, blanks, min/max, moments, the histogram bounds and the structural
  // blanks of every column, and what choosing each column's quantile route needs (values, about how
  // many distinct), or on Spark the quantiles themselves (quantilesInStatisticsPass).
  const aggregates: string[] = ['count(*) AS n'];
  const quantileTargets: QuantileTarget[] = [];
  columns.forEach((c, i) => {
    const col = q(c.name);
    aggregates.push(`sum(CASE WHEN ${blankPredicate(c)} THEN 1 ELSE 0 END) AS b${i}`);
    if (c.pii)
      aggregates.push(
        `'length ' || CAST(min(length(${col})) AS VARCHAR) AS mn${i}`,
        `'length ' || CAST(max(length(${col})) AS VARCHAR) AS mx${i}`,
      );
    else aggregates.push(`CAST(min(${col}) AS VARCHAR) AS mn${i}`, `CAST(max(${col}) AS VARCHAR) AS mx${i}`);
    const x = numericValue(engine, c);
    if (x) aggregates.push(`avg(${x}) AS avg${i}`, `stddev_samp(${x}) AS sd${i}`);
    if (x && c.kind !== 'boolean') {
      const target = { index: i, x };
      quantileTargets.push(target);
      aggregates.push(...statisticsPassAggregates(engine, target), `min(${x}) AS lo${i}`, `max(${x}) AS hi${i}`);
    }
    if (c.structuralBlank) {
      const by = q(c.structuralBlank.column);
      const applicable = c.structuralBlank.values.map(literal).join(', ');
      aggregates.push(`sum(CASE WHEN ${col} IS NULL AND ${by} IS NOT NULL AND ${by} NOT IN (${applicable}) THEN 1 ELSE 0 END) AS s${i}`);
    }
  });
  const [stats] = await engine.query(`SELECT ${aggregates.join(',\n  ')} FROM ${table}`);
  const rowCount = Number(stats.n);
  const quantiles = await quantilesAfterPass(engine, table, stats, quantileTargets);

  const profiles: ColumnProfile[] = columns.map((c, i) => {
    const blankCount = Number(stats[`b${i}`] ?? 0);
    const qs = quantiles.get(i) ?? [];
    return {
      dataset,
      column: c.name,
      type: c.typeName,
      kind: c.kind,
      rowCount,
      blankCount,
      blankPct: rowCount === 0 ? 0 : blankCount / rowCount,
      expectedBlankPct: c.expectedBlankRate ?? null,
      structuralBlankCount: c.structuralBlank ? Number(stats[`s${i}`] ?? 0) : null,
      distinctCount: 0,
      min: rangeText(c, stats[`mn${i}`]),
      max: rangeText(c, stats[`mx${i}`]),
      mean: num(stats[`avg${i}`]),
      stddev: num(stats[`sd${i}`]),
      p01: qs[0] ?? null,
      p25: qs[1] ?? null,
      p50: qs[2] ?? null,
      p75: qs[3] ?? null,
      p99: qs[4] ?? null,
      topValues: [],
      histogram: null,
      ...(c.pii ? { pii: true } : {}),
    };
  });

  // statisticsOnly: query 1 alone (rows, blanks, ranges, moments, quantiles), for wide layers such as gold.
  if (options.statisticsOnly) return profiles;
  await addDistinctAndTopValues(engine, table, columns, profiles);
  await addHistograms(engine, table, columns, profiles, stats);
  return profiles;
}

/** One table for profileTables: what profileTable takes. */
export interface TableToProfile {
  dataset: string;
  columns: readonly ProfileColumn[];
  /** The table to read, when not `dataset` itself. */
  table?: string;
  statisticsOnly?: boolean;
}

/**
 * Profile several tables, two at a time when the engine can open a second connection (DuckDB). The
 * exact quantiles of one profile are finished on a single thread, so one table at a time leaves the
 * other core idle for most of the statistics query. Nothing is written: the profiles come back in
 * the order of `tables`, for the caller to record. Every query reads only, and both connections see
 * the same committed tables, so the profiles are those of profiling one table after another.
 */
export async function profileTables(engine: Engine, tables: readonly TableToProfile[]): Promise<ColumnProfile[][]> {
  return mapOnTwoConnections(engine, tables, (connection, t) =>
    profileTable(connection, t.dataset, t.columns, t.table ?? t.dataset, { statisticsOnly: t.statisticsOnly }),
  );
}

/** Profile `tables` (profileTables) and record them for this run in table order; returns every column's profile. */
export async function profileAndRecord(
  engine: Engine,
  runId: string,
  layer: string,
  tables: readonly TableToProfile[],
): Promise<ColumnProfile[]> {
  const profiles = (await profileTables(engine, tables)).flat();
  // Every table in one delete and as few inserts as the rows need: each statement commits on its own,
  // and gold's thirty tables cost sixty statements recorded one table at a time.
  await recordProfiles(engine, runId, layer, profiles);
  return profiles;
}

/** Near-unique columns keep no top values: every value would show a count of about 1. */
function isNearUnique(p: ColumnProfile): boolean {
  return p.distinctCount > NEAR_UNIQUE_MIN && p.distinctCount > NEAR_UNIQUE_SHARE * (p.rowCount - p.blankCount);
}

/**
 * Queries 2 and 3: exact distinct counts from one GROUP BY per column (UNION ALL; cheaper than
 * several count(DISTINCT ...) in one aggregate), then the most frequent values of the columns that
 * are not near-unique. Ranking a near-unique column (a million ids) would sort all its values only
 * to throw them away, which was most of the profile's time.
 */
async function addDistinctAndTopValues(
  engine: Engine,
  table: string,
  columns: readonly ProfileColumn[],
  profiles: ColumnProfile[],
): Promise<void> {
  const counted = (indexes: readonly number[]) =>
    indexes
      .map(
        (i) =>
          `SELECT ${i} AS col, CAST(${q(columns[i].name)} AS VARCHAR) AS value, count(*) AS n FROM ${table} WHERE ${q(columns[i].name)} IS NOT NULL GROUP BY ${q(columns[i].name)}`,
      )
      .join('\nUNION ALL\n');
  const all = columns.map((_, i) => i);
  const distinct = await engine.query<{ col: number; distinct_count: number }>(
    `SELECT col, count(*) AS distinct_count FROM (${counted(all)}) counted GROUP BY col`,
  );
  for (const r of distinct) profiles[Number(r.col)].distinctCount = Number(r.distinct_count);
  // Personal data keeps no values: its distinct count is a count, its top values would be names.
  const ranked = all.filter((i) => profiles[i].distinctCount > 0 && !isNearUnique(profiles[i]) && !columns[i].pii);
  if (ranked.length === 0) return;
  const rows = await engine.query<{ col: number; value: string; n: number }>(`SELECT col, value, n FROM (
    SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS rank_in_column
    FROM (${counted(ranked)}) counted
  ) ranked WHERE rank_in_column <= ${TOP_VALUES} ORDER BY col, n DESC, value`);
  for (const r of rows) profiles[Number(r.col)].topValues.push({ value: r.value, count: Number(r.n) });
}

/**
 * A column's min or max as text. A floating-point value is written with 12 significant digits: a
 * gold average summed in parallel may differ in its last bits from run to run, and the profile
 * should not (the engines also spell full-precision doubles differently).
 */
function rangeText(c: ProfileColumn, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  if (c.pii || !/^(DOUBLE|FLOAT|REAL|FLOAT8|FLOAT4)$/i.test(c.typeName)) return text;
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  const rounded = Number(n.toPrecision(12));
  // A value with 12 digits or fewer keeps the engine's spelling ("4.0"); only the noisy tail is cut.
  return rounded === n ? text : String(rounded);
}

/** Query 4: equal-width bins for every numeric, date and timestamp column, bounds from query 1. */
async function addHistograms(
  engine: Engine,
  table: string,
  columns: readonly ProfileColumn[],
  profiles: ColumnProfile[],
  stats: Record<string, unknown>,
): Promise<void> {
  const binned: string[] = [];
  for (const [i, c] of columns.entries()) {
    const x = numericValue(engine, c);
    const lo = num(stats[`lo${i}`]);
    const hi = num(stats[`hi${i}`]);
    if (!x || (c.kind === 'boolean' && !c.pii) || lo === null || hi === null) continue;
    const width = hi > lo ? (hi - lo) / HISTOGRAM_BINS : 1;
    profiles[i].histogram = {
      unit: c.kind === 'numeric' || c.pii ? 'number' : 'day',
      min: lo,
      max: hi,
      counts: new Array<number>(hi > lo ? HISTOGRAM_BINS : 1).fill(0),
    };
    binned.push(`SELECT ${i} AS col, LEAST(CAST(floor((${x} - (${lo})) / ${width}) AS BIGINT), ${HISTOGRAM_BINS - 1}) AS bin, count(*) AS n
      FROM ${table} WHERE ${q(c.name)} IS NOT NULL GROUP BY 2`);
  }
  if (binned.length === 0) return;
  const rows = await engine.query<{ col: number; bin: number; n: number }>(binned.join('\nUNION ALL\n'));
  for (const r of rows) {
    const h = profiles[Number(r.col)].histogram;
    if (h) h.counts[Math.min(Number(r.bin), h.counts.length - 1)] += Number(r.n);
  }
}

/** Replace this run's profiles of `layer`/`dataset` in meta.column_profiles. */
export async function recordProfiles(engine: Engine, runId: string, layer: string, profiles: readonly ColumnProfile[]): Promise<void> {
  const datasets = [...new Set(profiles.map((p) => p.dataset))];
  if (datasets.length > 0) {
    const list = datasets.map((d) => sql`${d}`).reduce((acc, d) => sql`${acc}, ${d}`);
    await deleteRows(engine, 'meta.column_profiles', sql`run_id = ${runId} AND layer = ${layer} AND dataset IN (${list})`);
  }
  // One multi-row INSERT per chunk of columns: a statement per column cost more than profiling small tables.
  for (let start = 0; start < profiles.length; start += PROFILE_ROWS_PER_INSERT) {
    const rows = profiles.slice(start, start + PROFILE_ROWS_PER_INSERT).map(
      (
        p,
      ) => sql`(${runId}, ${layer}, ${p.dataset}, ${p.column}, ${p.type}, ${p.rowCount}, ${p.blankCount}, ${p.blankPct}, ${p.expectedBlankPct},
        ${p.structuralBlankCount}, ${p.distinctCount}, ${p.min}, ${p.max}, ${p.mean}, ${p.stddev}, ${p.p01}, ${p.p25}, ${p.p50}, ${p.p75}, ${p.p99},
        ${JSON.stringify(p.topValues)}, ${p.histogram ? JSON.stringify(p.histogram) : null})`,
    );
    const values = rows.reduce((acc, row, i) => (i === 0 ? row : sql`${acc}, ${row}`));
    await engine.exec(sql`INSERT INTO meta.column_profiles
      (run_id, layer, dataset, column_name, column_type, row_count, blank_count, blank_pct, expected_blank_pct, structural_blank_count,
       distinct_count, min_value, max_value, mean, stddev, p01, p25, p50, p75, p99, top_values_json, histogram_json)
      VALUES ${values}`);
  }
}

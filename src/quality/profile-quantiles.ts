// The profile's exact quantiles (p01, p25, p50, p75, p99), by one of two routes that give the same
// numbers. A holistic aggregate (quantile_cont / percentile) copies every value of the column and
// finishes on one thread: for the few-valued columns most tables have (dates, ratings, percentages,
// minutes) that was most of a profile's time. Those columns are instead counted by value (a
// parallel GROUP BY), the counts ranked with a running sum, and only the rows holding the wanted
// ranks come back; the interpolation between them is the one the engines use. Columns with many
// distinct values (about one value per row) keep the aggregate, which is cheaper for them.
import type { Engine } from '../engine/engine.js';

export const QUANTILES = [0.01, 0.25, 0.5, 0.75, 0.99] as const;

/**
 * Above this share of distinct values among a column's non-blank values (estimated, HyperLogLog),
 * counting by value costs more than the aggregate: at one million rows, 47,000 distinct values took
 * 45 ms by value against 90 ms by aggregate, one million distinct 290 ms against 96 ms.
 */
export const BY_VALUE_MAX_DISTINCT_SHARE = 0.2;

/** One column to take quantiles of: `x` is its numeric expression, `nonNull` how many rows have one. */
export interface QuantileColumn extends QuantileTarget {
  nonNull: number;
  approxDistinct: number;
}

/** The 0-based ranks (in ascending order) whose values a quantile at fraction `q` of `n` values interpolates. */
export function quantileRanks(n: number, q: number): { low: number; high: number; fraction: number } {
  const position = (n - 1) * q;
  const low = Math.floor(position);
  return { low, high: Math.ceil(position), fraction: position - low };
}

/**
 * Continuous quantiles from the values at their ranks: lo * (1 - fraction) + hi * fraction, the
 * arithmetic of DuckDB's quantile_cont on doubles (lo + (hi - lo) * fraction differs from it in the
 * last bit), so both routes agree to the bit. `valueAt(rank)` gives the value of rank.
 */
export function interpolateQuantiles(n: number, valueAt: (rank: number) => number): number[] {
  return QUANTILES.map((q) => {
    const { low, high, fraction } = quantileRanks(n, q);
    const lo = valueAt(low);
    if (low === high) return lo;
    return lo * (1 - fraction) + valueAt(high) * fraction;
  });
}

/**
 * Whether the quantiles stay in the statistics pass as one holistic aggregate per column. On Spark
 * every statement is a distributed job with a fixed cost, and a second statement per table cost more
 * than the aggregate saves: the scale-1 quality report took 92 s instead of 68 s with the quantiles
 * counted by value. DuckDB runs them by value (exactQuantiles).
 */
export function quantilesInStatisticsPass(engine: Pick<Engine, 'name'>): boolean {
  return engine.name === 'spark';
}

/** Whether counting by value is the cheaper route for this column. */
export function countsByValue(c: QuantileColumn): boolean {
  return c.approxDistinct <= BY_VALUE_MAX_DISTINCT_SHARE * c.nonNull;
}

/** A number column of the statistics pass: its position in the profile and its numeric expression. */
export interface QuantileTarget {
  index: number;
  x: string;
}

/** The holistic aggregate of a column's quantiles, as a list named q<index>. */
function quantileAggregate(engine: Engine, c: QuantileTarget): string {
  return `${engine.dialect.quantiles(c.x, QUANTILES.join(', '))} AS q${c.index}`;
}

/** A result row's list of quantiles of column `index` (none when the aggregate gave NULL: no values). */
function quantileList(row: Record<string, unknown>, index: number): (number | null)[] | undefined {
  const qs = row[`q${index}`];
  return Array.isArray(qs) ? (qs as unknown[]).map((v) => (v === null || v === undefined ? null : Number(v))) : undefined;
}

/**
 * What the statistics pass computes for column `c`'s quantiles: on Spark the quantiles themselves, else
 * what choosing its route needs (how many values, about how many distinct).
 */
export function statisticsPassAggregates(engine: Engine, c: QuantileTarget): string[] {
  if (quantilesInStatisticsPass(engine)) return [quantileAggregate(engine, c)];
  return [`count(${c.x}) AS nq${c.index}`, `approx_count_distinct(${c.x}) AS dq${c.index}`];
}

/** Every target column's quantiles, by index, once the statistics pass gave `stats`. */
export async function quantilesAfterPass(
  engine: Engine,
  table: string,
  stats: Record<string, unknown>,
  targets: readonly QuantileTarget[],
): Promise<Map<number, (number | null)[]>> {
  if (quantilesInStatisticsPass(engine)) {
    const result = new Map<number, (number | null)[]>();
    for (const c of targets) {
      const qs = quantileList(stats, c.index);
      if (qs) result.set(c.index, qs);
    }
    return result;
  }
  const columns = targets.map((c) => ({
    ...c,
    nonNull: Number(stats[`nq${c.index}`] ?? 0),
    approxDistinct: Number(stats[`dq${c.index}`] ?? 0),
  }));
  return exactQuantiles(engine, table, columns);
}

/**
 * Exact quantiles of each column (by index), at most two statements: one counting the few-valued
 * columns by value, one aggregate for the rest. Columns without a value get none.
 */
export async function exactQuantiles(
  engine: Engine,
  table: string,
  columns: readonly QuantileColumn[],
): Promise<Map<number, (number | null)[]>> {
  const result = new Map<number, (number | null)[]>();
  const withValues = columns.filter((c) => c.nonNull > 0);
  const byValue = withValues.filter(countsByValue);
  const byAggregate = withValues.filter((c) => !countsByValue(c));
  if (byValue.length > 0) for (const [index, qs] of await quantilesByValue(engine, table, byValue)) result.set(index, qs);
  if (byAggregate.length > 0) {
    const [row] = await engine.query(`SELECT ${byAggregate.map((c) => quantileAggregate(engine, c)).join(',\n  ')} FROM ${table}`);
    for (const c of byAggregate) {
      const qs = quantileList(row, c.index);
      if (qs) result.set(c.index, qs);
    }
  }
  return result;
}

type RankedValue = {
  col: number;
  v: number;
  first_rank: number;
  last_rank: number;
  total: number;
};

async function quantilesByValue(engine: Engine, table: string, columns: readonly QuantileColumn[]): Promise<Map<number, number[]>> {
  const counted = columns
    .map((c) => `SELECT ${c.index} AS col, ${c.x} AS v, count(*) AS n FROM ${table} WHERE ${c.x} IS NOT NULL GROUP BY 2`)
    .join('\n    UNION ALL\n    ');
  // Only the value rows that hold a wanted rank come back: at most two per quantile and column.
  const wanted = columns
    .map((c) => {
      const ranks = [
        ...new Set(
          QUANTILES.flatMap((q) => {
            const { low, high } = quantileRanks(c.nonNull, q);
            return [low, high];
          }),
        ),
      ];
      return `(col = ${c.index} AND (${ranks.map((r) => `(first_rank <= ${r} AND ${r} <= last_rank)`).join(' OR ')}))`;
    })
    .join('\n  OR ');
  const rows = await engine.query<RankedValue>(`SELECT col, v, first_rank, last_rank, total FROM (
    SELECT col, v, upto - n AS first_rank, upto - 1 AS last_rank, sum(n) OVER (PARTITION BY col) AS total FROM (
      SELECT col, v, n, sum(n) OVER (PARTITION BY col ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS upto FROM (
        ${counted}
      ) counted
    ) ranked
  ) located
  WHERE ${wanted}`);
  const result = new Map<number, number[]>();
  for (const c of columns) {
    const mine = rows.filter((r) => Number(r.col) === c.index);
    const total = mine.length > 0 ? Number(mine[0].total) : 0;
    // The statistics pass counted the values a moment before; a different total means the table changed between.
    if (total !== c.nonNull)
      throw new Error(`profile of ${table}: column ${c.index} has ${total} values by value but ${c.nonNull} in the statistics pass`);
    const valueAt = (rank: number): number => {
      const hit = mine.find((r) => Number(r.first_rank) <= rank && rank <= Number(r.last_rank));
      if (!hit) throw new Error(`profile of ${table}: no value of column ${c.index} at rank ${rank}`);
      return Number(hit.v);
    };
    result.set(c.index, interpolateQuantiles(c.nonNull, valueAt));
  }
  return result;
}

// The dashboard's filters over gold.kpi_daily_by_segment (not a page: helpers the pages share), the
// one gold table at a grain that carries every dashboard filter (day x account country x plan x
// event device). Its columns are additive sums, so any filter
// combination is a WHERE plus a GROUP BY; rates are ratios of summed numerators and denominators,
// which equals the declared KPI over the same source rows (tested against the per-topic gold tables).
import { ident, sql, type SqlQuery } from '../engine/sql.js';
import { MONTHLY_HEADLINE, rollupOf, SEGMENT_TABLE, SNAPSHOT_HEADLINE } from '../gold/headline.js';
import type { KpiDeclaration } from '../gold/kpi-types.js';
import { whereFilters, type FilterColumns, type Filters } from './filters.js';

export { SEGMENT_TABLE };

export const SEGMENT_FILTERS: FilterColumns = { date: 'day', country: 'country', plan: 'subscription_plan', device: 'device' };

/**
 * The SQL aggregate for a KPI over the segment table: its declared rollup (src/gold/kpis.ts). Ratios
 * use nullif so an empty denominator gives NULL (shown as "–"), never a division error.
 */
export const measure = rollupOf;

/** The segment table's WHERE for the filters (all four filters apply). */
export function segmentWhere(filters: Filters): SqlQuery {
  return whereFilters(filters, SEGMENT_FILTERS);
}

export { MONTHLY_HEADLINE, SNAPSHOT_HEADLINE };

/**
 * Rows { kpi, period, value } for each complete calendar month: a month counts only when it lies
 * wholly inside both the data's coverage (first to last day in the table, unfiltered) and the
 * selected date range, so a half-loaded or half-selected month is never compared with a full one.
 */
export function monthlyKpiRows(filters: Filters, kpis: readonly KpiDeclaration[]): SqlQuery {
  const from = filters.from ? sql`CAST(${filters.from} AS DATE)` : sql`NULL`;
  const to = filters.to ? sql`CAST(${filters.to} AS DATE)` : sql`NULL`;
  let columns = sql``;
  kpis.forEach((k, i) => {
    columns = sql`${columns}${i ? sql`, ` : sql``}CAST(${measure(k.name)} AS DOUBLE) AS ${ident(k.name)}`;
  });
  let names = sql``;
  kpis.forEach((k, i) => {
    names = sql`${names}${i ? sql`, ` : sql``}${ident(k.name)}`;
  });
  return sql`
    WITH bounds AS (
      SELECT greatest(min(day), coalesce(${from}, min(day))) AS lo, least(max(day), coalesce(${to}, max(day))) AS hi
      FROM gold.kpi_daily_by_segment
    ),
    monthly AS (
      SELECT date_trunc('month', day) AS month, ${columns}
      FROM gold.kpi_daily_by_segment ${segmentWhere(filters)}
      GROUP BY 1
    ),
    complete AS (
      SELECT m.* FROM monthly m, bounds b
      WHERE CAST(m.month AS DATE) >= b.lo AND last_day(CAST(m.month AS DATE)) <= b.hi
    )
    SELECT strftime(month, '%Y-%m') AS period, kpi, value
    FROM (UNPIVOT complete ON ${names} INTO NAME kpi VALUE value)
    ORDER BY kpi, period`;
}

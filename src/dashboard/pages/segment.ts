// Helpers over gold.kpi_daily_by_segment, the one gold table at a grain that carries every dashboard
// filter (day x account country x plan x event device). Its columns are additive sums, so any filter
// combination is a WHERE plus a GROUP BY; rates are ratios of summed numerators and denominators,
// which equals the declared KPI over the same source rows (tested against the per-topic gold tables).
import { ident, raw, sql, type SqlQuery } from '../../engine/sql.js';
import { KPIS } from '../../gold/kpis.js';
import type { KpiDeclaration } from '../../gold/kpi-types.js';
import { whereFilters, type FilterColumns, type Filters } from '../filters.js';

export const SEGMENT_TABLE = 'gold.kpi_daily_by_segment';

export const SEGMENT_FILTERS: FilterColumns = { date: 'day', country: 'country', plan: 'subscription_plan', device: 'device' };

/**
 * Each KPI the segment table can rebuild, as an aggregate over its rows. Ratios use nullif so an
 * empty denominator gives NULL (shown as "–"), never a division error.
 */
export const SEGMENT_MEASURES: Readonly<Record<string, string>> = {
  sessions: 'sum(sessions)',
  watch_hours: 'sum(watch_hours)',
  completion_rate: 'sum(completed_sessions) / nullif(sum(sessions), 0)',
  avg_session_minutes: 'sum(watch_hours) * 60 / nullif(sum(timed_sessions), 0)',
  impressions: 'sum(impressions)',
  clicks: 'sum(clicks)',
  ctr: 'sum(clicks) / nullif(sum(impressions), 0)',
  searches: 'sum(searches)',
  search_click_through: 'sum(searches_clicked) / nullif(sum(searches), 0)',
  reviews: 'sum(reviews)',
  avg_rating: 'sum(rating_sum) / nullif(sum(rated_reviews), 0)',
};

/** The SQL aggregate for a KPI over the segment table, as a trusted fragment (names come from code). */
export function measure(name: string): SqlQuery {
  const expression = SEGMENT_MEASURES[name];
  if (!expression) throw new Error(`KPI '${name}' cannot be computed from ${SEGMENT_TABLE}`);
  return sql`${raw(expression)}`;
}

/** The segment table's WHERE for the filters (all four filters apply). */
export function segmentWhere(filters: Filters): SqlQuery {
  return whereFilters(filters, SEGMENT_FILTERS);
}

/** Headline KPIs with a monthly series in the segment table, and those that are snapshots only. */
export const HEADLINE = KPIS.filter((k) => k.headline);
export const MONTHLY_HEADLINE: readonly KpiDeclaration[] = HEADLINE.filter((k) => k.name in SEGMENT_MEASURES);
export const SNAPSHOT_HEADLINE: readonly KpiDeclaration[] = HEADLINE.filter((k) => !(k.name in SEGMENT_MEASURES));

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
  kpis.forEach((k, i) => { names = sql`${names}${i ? sql`, ` : sql``}${ident(k.name)}`; });
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

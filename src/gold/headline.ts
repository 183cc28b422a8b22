// The headline KPIs (`headline: true` in kpis.ts) and how to read their values, so the Overview's
// cards and the `marquee start` summary show the same KPIs computed the same way. A KPI with a
// rollup is read from gold.kpi_daily_by_segment (filterable, with a monthly history); one without is
// a snapshot: the `dimension = 'overall'` row of its own table (account state has no history).
import { ident, raw, sql, type SqlQuery } from '../engine/sql.js';
import { kpi, KPIS } from './kpis.js';
import type { KpiDeclaration } from './kpi-types.js';

/** The one gold table at a grain that carries every dashboard filter (day x country x plan x device). */
export const SEGMENT_TABLE = 'gold.kpi_daily_by_segment';

export const HEADLINE_KPIS: readonly KpiDeclaration[] = KPIS.filter((k) => k.headline);
/** Headline KPIs with a monthly series in the segment table. */
export const MONTHLY_HEADLINE: readonly KpiDeclaration[] = HEADLINE_KPIS.filter((k) => k.rollup !== undefined);
/** Headline KPIs that are snapshots of account state only. */
export const SNAPSHOT_HEADLINE: readonly KpiDeclaration[] = HEADLINE_KPIS.filter((k) => k.rollup === undefined);

/** A KPI's rollup over the segment table, as a trusted fragment (the text comes from the declaration). */
export function rollupOf(name: string): SqlQuery {
  const expression = kpi(name).rollup;
  if (!expression) throw new Error(`KPI '${name}' cannot be computed from ${SEGMENT_TABLE} (it declares no rollup)`);
  return sql`${raw(expression)}`;
}

/** Rows { kpi, period: 'now', value } of snapshot KPIs: the overall row of each KPI's own table. */
export function snapshotKpiRows(kpis: readonly KpiDeclaration[]): SqlQuery {
  const parts = kpis.map(
    (k) =>
      sql`SELECT ${k.name} AS kpi, 'now' AS period, CAST(${ident(k.name)} AS DOUBLE) AS value FROM ${raw(k.table)} WHERE dimension = 'overall'`,
  );
  return parts.reduce((all, part) => sql`${all} UNION ALL ${part}`);
}

/** The snapshot KPIs at each export of users (one row per export, the KPIs as columns). */
export const SNAPSHOT_HISTORY_TABLE = 'gold.kpi_subscriptions_by_export';

/**
 * Rows { kpi, period: 'YYYY-MM', value } of snapshot KPIs at each export of users (the last export of
 * a month when a month has several), for month-on-month and year-on-year comparisons.
 */
export function snapshotHistoryRows(kpis: readonly KpiDeclaration[]): SqlQuery {
  const latestPerMonth = sql`SELECT * FROM ${raw(SNAPSHOT_HISTORY_TABLE)}
    WHERE snapshot_no IN (SELECT max(snapshot_no) FROM ${raw(SNAPSHOT_HISTORY_TABLE)} GROUP BY snapshot_month)`;
  const parts = kpis.map(
    (k) =>
      sql`SELECT ${k.name} AS kpi, strftime(snapshot_month, '%Y-%m') AS period, CAST(${ident(k.name)} AS DOUBLE) AS value FROM (${latestPerMonth}) e`,
  );
  return parts.reduce((all, part) => sql`${all} UNION ALL ${part}`);
}

/** One row { value } with a headline KPI over all the data: its rollup unfiltered, or its snapshot. */
export function overallKpiValue(k: KpiDeclaration): SqlQuery {
  if (k.rollup === undefined) return sql`SELECT CAST(${ident(k.name)} AS DOUBLE) AS value FROM ${raw(k.table)} WHERE dimension = 'overall'`;
  return sql`SELECT CAST(${rollupOf(k.name)} AS DOUBLE) AS value FROM ${raw(SEGMENT_TABLE)}`;
}

// Daily time series of the KPIs the forecast step screens for anomalies (views, sessions,
// click-through), with the days it flagged in gold.kpi_anomalies_by_day marked on the line as ECharts
// markPoints and counted in the view's note. The anomaly table is optional: without it (the ML layer
// has not run) the series draws with no marks and says why, never an error. The lines are
// platform-wide (filtered by date only) because that is the series the detector read.
import type { Engine, Row } from '../../../engine/engine.js';
import { sql, type SqlQuery } from '../../../engine/sql.js';
import { kpi } from '../../../gold/kpis.js';
import { lineChart } from '../../charts.js';
import { whereFilters, type Filters } from '../../filters.js';
import { formatValue } from '../../format.js';
import { measure } from '../../segment-filter.js';
import type { ChartSpec, ViewSpec } from '../../views.js';
import { kpiAxis } from '../../kpi-labels.js';

export const ANOMALY_TABLE = 'gold.kpi_anomalies_by_day';

/** The anomaly kinds the forecast step writes, with their mark colours. */
const KINDS: Record<string, string> = { outlier: '#d62728', changepoint: '#ff7f0e' };

/** The daily series a KPI's anomalies were detected on: (day, value), platform-wide, date-filtered. */
const SERIES: Record<'views' | 'sessions' | 'ctr', { table: string; query: (f: Filters) => SqlQuery }> = {
  views: {
    table: 'gold.ml_title_daily_views',
    query: (f) =>
      sql`SELECT day, CAST(sum(views) AS DOUBLE) AS value FROM gold.ml_title_daily_views ${whereFilters(f, { date: 'day' })} GROUP BY day`,
  },
  sessions: {
    table: 'gold.kpi_daily_by_segment',
    query: (f) =>
      sql`SELECT day, CAST(${measure('sessions')} AS DOUBLE) AS value FROM gold.kpi_daily_by_segment ${whereFilters(f, { date: 'day' })} GROUP BY day`,
  },
  ctr: {
    table: 'gold.kpi_daily_by_segment',
    query: (f) =>
      sql`SELECT day, CAST(${measure('ctr')} AS DOUBLE) AS value FROM gold.kpi_daily_by_segment ${whereFilters(f, { date: 'day' })} GROUP BY day`,
  },
};

export type AnomalyKpi = keyof typeof SERIES;

/**
 * Rows { day, value, anomaly } of one KPI: `anomaly` is the kinds flagged that day ('outlier',
 * 'changepoint' or both), NULL on ordinary days and everywhere when the anomaly table is absent;
 * `anomaly_value` is the value the detector saw (it reads a day without impressions as click-through 0);
 * `screened` says whether the table was there (the note tells "none flagged" from "not screened").
 */
export async function dailyKpiRows(
  engine: Pick<Engine, 'query'>,
  name: AnomalyKpi,
  filters: Filters,
  tables: ReadonlySet<string>,
): Promise<Row[]> {
  const series = SERIES[name].query(filters);
  if (!tables.has(ANOMALY_TABLE))
    return engine.query(
      sql`SELECT CAST(day AS VARCHAR) AS day, value, CAST(NULL AS VARCHAR) AS anomaly, CAST(NULL AS DOUBLE) AS anomaly_value, FALSE AS screened FROM (${series}) s ORDER BY day`,
    );
  return engine.query(sql`
    SELECT CAST(s.day AS VARCHAR) AS day, s.value, a.anomaly, a.anomaly_value, TRUE AS screened
    FROM (${series}) s
    LEFT JOIN (
      SELECT day, CASE WHEN count(DISTINCT kind) > 1 THEN 'outlier, changepoint' ELSE min(kind) END AS anomaly, max(value) AS anomaly_value
      FROM gold.kpi_anomalies_by_day WHERE kpi = ${name} GROUP BY day
    ) a ON CAST(a.day AS DATE) = CAST(s.day AS DATE)
    ORDER BY s.day`);
}

/** Marked days per kind, counted from the rows (a day flagged as both counts for both). */
export function anomalyCounts(rows: Row[]): Record<string, string[]> {
  const counts: Record<string, string[]> = {};
  for (const row of rows) {
    if (row.anomaly === null || row.anomaly === undefined) continue;
    for (const kind of String(row.anomaly).split(', ')) (counts[kind] ??= []).push(String(row.day));
  }
  return counts;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The sentence under the chart: how many marks of each kind, and which days when they are few. */
export function anomalyNote(rows: Row[]): string {
  if (!rows.some((r) => r.screened === true))
    return 'No anomaly marks: gold.kpi_anomalies_by_day is not in the warehouse (the ML forecast step has not run).';
  const counts = anomalyCounts(rows);
  const outliers = counts.outlier ?? [];
  const changes = counts.changepoint ?? [];
  if (outliers.length + changes.length === 0) return 'No anomalies flagged on the days shown (gold.kpi_anomalies_by_day).';
  const days = [...new Set([...outliers, ...changes])].sort();
  const list = days.length <= 8 ? `: ${days.join(', ')}` : '';
  return `Marked: ${plural(outliers.length, 'outlier day', 'outlier days')} (red) and ${plural(changes.length, 'changepoint', 'changepoints')} (orange) from gold.kpi_anomalies_by_day${list}.`;
}

/** The line with one markPoint per flagged day and kind, at the day's value. */
export function anomalyChart(rows: Row[], name: AnomalyKpi): ChartSpec {
  const k = kpi(name);
  const spec = lineChart(rows, {
    x: { key: 'day', label: 'Day', format: 'text' },
    y: kpiAxis(name),
    series: [{ key: 'value', name: k.label }],
  });
  const marks = rows.flatMap((row) =>
    row.anomaly === null || row.anomaly === undefined
      ? []
      : String(row.anomaly)
          .split(', ')
          .map((kind) => ({
            name: `${kind} ${String(row.day)}: ${formatValue(row.value ?? row.anomaly_value, k.format)}`,
            // A day the line leaves blank (no impressions: click-through undefined) is marked where the detector saw it.
            coord: [String(row.day), Number(row.value ?? row.anomaly_value)],
            itemStyle: { color: KINDS[kind] ?? '#7f7f7f' },
          })),
  );
  const series = spec.option.series as Array<Record<string, unknown>>;
  // A few marks as pins; many (a noisy series) as small dots, so they do not cover the line.
  const few = marks.length <= 20;
  series[0] = {
    ...series[0],
    markPoint: { symbol: few ? 'pin' : 'circle', symbolSize: few ? 22 : 7, label: { show: false }, data: marks },
  };
  return spec;
}

/** A view of one KPI's daily series with its anomalies marked. */
export function dailyKpiView(name: AnomalyKpi, id: string, title: string, caption: string): ViewSpec {
  return {
    id,
    title,
    caption: `${caption} Days flagged by the forecast step's anomaly screen (gold.kpi_anomalies_by_day) are marked: red pins outlier days, orange pins changepoints. All accounts; filtered by date only (the detector read the platform-wide series).`,
    tables: [SERIES[name].table],
    filterColumns: { date: 'day' },
    load: (engine, filters, tables) => dailyKpiRows(engine, name, filters, tables),
    note: anomalyNote,
    chart: (rows) => anomalyChart(rows, name),
  };
}

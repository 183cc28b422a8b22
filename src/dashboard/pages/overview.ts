// Overview: headline KPI cards (value for the latest complete month, change against the month before,
// sparkline of the monthly series), the subscription snapshot, the monthly trend and the quality
// scorecard. KPI labels, formats and directions come from the declarations in src/gold/kpis.ts.
import { sql } from '../../engine/sql.js';
import type { Engine, Row } from '../../engine/engine.js';
import { SNAPSHOT_HISTORY_TABLE, snapshotHistoryRows, snapshotKpiRows } from '../../gold/headline.js';
import { barChart } from '../charts.js';
import type { PageSpec } from '../views.js';
import { segmentKpiView } from './fragments/segment-kpi-view.js';
import { MONTHLY_HEADLINE, SEGMENT_FILTERS, SEGMENT_TABLE, SNAPSHOT_HEADLINE, monthlyKpiRows } from '../segment-filter.js';

/** The snapshot KPIs are columns of their declared table (gold.kpi_churn_by_segment), named like the KPIs. */
const SNAPSHOT_TABLES = [...new Set(SNAPSHOT_HEADLINE.map((k) => k.table))];

/**
 * The subscription cards' rows: with exports of users from two or more months, each KPI at every
 * export (so the card compares month on month and year on year); otherwise the current snapshot alone.
 */
export async function subscriptionCardRows(engine: Pick<Engine, 'query'>, tables: ReadonlySet<string>): Promise<Row[]> {
  if (tables.has(SNAPSHOT_HISTORY_TABLE)) {
    const [months] = await engine.query(sql`SELECT count(DISTINCT snapshot_month) AS n FROM gold.kpi_subscriptions_by_export`);
    if (Number(months?.n ?? 0) >= 2) return engine.query(snapshotHistoryRows(SNAPSHOT_HEADLINE));
  }
  return engine.query(snapshotKpiRows(SNAPSHOT_HEADLINE));
}

export const overviewPage: PageSpec = {
  name: 'overview',
  title: 'Overview',
  description: 'The headline KPIs of the platform for the selected filters, and how they moved.',
  views: [
    {
      id: 'headline-kpis',
      title: 'Headline KPIs by month',
      caption:
        'Each KPI for the latest complete calendar month (wholly inside the data and the selected dates), its change against the month before (green when it moved the good way; rates in percentage points) and its monthly trend.',
      tables: [SEGMENT_TABLE],
      filterColumns: SEGMENT_FILTERS,
      kpis: MONTHLY_HEADLINE,
      query: (f) => monthlyKpiRows(f, MONTHLY_HEADLINE),
    },
    {
      id: 'subscription-snapshot',
      title: 'Subscriptions now',
      caption:
        'Active subscribers, churn rate and MRR of all accounts. With exports of users from two or more months, each card is the latest export with its change against the export of the month before and of the same month a year before (values as exported: a blank spend adds nothing to MRR); with one export, the current snapshot with no comparison. All data; not filtered by date, country, plan or device.',
      tables: SNAPSHOT_TABLES,
      kpis: SNAPSHOT_HEADLINE,
      kpiNote: 'no comparison: only one period (one export of users)',
      load: (engine, _filters, tables) => subscriptionCardRows(engine, tables),
    },
    segmentKpiView({
      id: 'monthly-trend',
      title: 'Sessions by month and device',
      caption: 'Viewing sessions started each month, stacked by the device they were watched on, for the selected accounts and dates.',
      kpi: 'sessions',
      x: 'month',
      seriesBy: 'device',
      shownWhen: 'sessions',
      chart: 'bar',
      stacked: true,
    }),
    {
      id: 'scorecard',
      title: 'Data quality score by layer',
      caption:
        "Mean quality score (share of check records passing, 100 % = clean) of the datasets in each layer and quality dimension, from the latest run's checks. All data; not filtered. Details on the Data Quality page.",
      tables: ['gold.quality_scorecard'],
      query: () => sql`
        SELECT layer, coalesce(dimension, 'unclassified') AS dimension, avg(score) / 100.0 AS score FROM gold.quality_scorecard
        GROUP BY layer, coalesce(dimension, 'unclassified') ORDER BY CASE layer WHEN 'bronze' THEN 0 WHEN 'silver' THEN 1 WHEN 'gold' THEN 2 ELSE 3 END, dimension`,
      chart: (rows) =>
        barChart(rows, {
          x: { key: 'layer', label: 'Layer', format: 'text' },
          y: { label: 'Quality score', format: 'percent' },
          seriesKey: 'dimension',
          valueKey: 'score',
        }),
    },
  ],
};

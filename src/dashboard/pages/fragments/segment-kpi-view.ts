// The view most filterable pages share: one KPI over gold.kpi_daily_by_segment (its declared rollup,
// so every filter applies), by calendar month or a segment column, optionally one series per device or
// plan, as a line or bar chart labelled from the KPI's declaration. Declared once here instead of as
// the same SQL and chart options on each page.
import { ident, sql } from '../../../engine/sql.js';
import { kpi } from '../../../gold/kpis.js';
import { barChart, lineChart } from '../../charts.js';
import { kpiAxis } from '../../kpi-labels.js';
import { SEGMENT_FILTERS, SEGMENT_TABLE, measure, segmentWhere } from '../../segment-filter.js';
import type { ViewSpec } from '../../views.js';

type SegmentColumn = 'subscription_plan' | 'device';

const AXIS_LABELS: Record<'month' | SegmentColumn, string> = { month: 'Month', subscription_plan: 'Subscription plan', device: 'Device' };

export interface SegmentKpiView {
  id: string;
  title: string;
  caption: string;
  /** The KPI shown: its rollup over the segment table, its label and format. */
  kpi: string;
  /** The value's column in the rows (default: the KPI's name). */
  valueKey?: string;
  /** The category axis: the calendar month of the day, or a segment column. */
  x: 'month' | SegmentColumn;
  /** One series per value of this column; without it, one series named after the KPI. */
  seriesBy?: SegmentColumn;
  /** The additive column that must be positive for a row to be shown (the KPI's denominator), so an empty group never draws a zero. */
  shownWhen: string;
  chart: 'line' | 'bar';
  stacked?: boolean;
  /** The value axis's label where the KPI's label needs more (e.g. the rating's scale). */
  yLabel?: string;
}

export function segmentKpiView(view: SegmentKpiView): ViewSpec {
  const valueKey = view.valueKey ?? view.kpi;
  const category = view.x === 'month' ? sql`strftime(day, '%Y-%m') AS month` : ident(view.x);
  const series = view.seriesBy ? sql`, ${ident(view.seriesBy)}` : sql``;
  const y = { ...kpiAxis(view.kpi), ...(view.yLabel ? { label: view.yLabel } : {}) };
  const draw = view.chart === 'line' ? lineChart : barChart;
  return {
    id: view.id,
    title: view.title,
    caption: view.caption,
    tables: [SEGMENT_TABLE],
    filterColumns: SEGMENT_FILTERS,
    query: (f) => sql`
      SELECT ${category}${series}, ${measure(view.kpi)} AS ${ident(valueKey)}
      FROM gold.kpi_daily_by_segment ${segmentWhere(f)}
      GROUP BY ALL HAVING sum(${ident(view.shownWhen)}) > 0 ORDER BY ${ident(view.x)}${series}`,
    chart: (rows) =>
      draw(rows, {
        x: { key: view.x, label: AXIS_LABELS[view.x], format: 'text' },
        y,
        ...(view.seriesBy ? { seriesKey: view.seriesBy, valueKey } : { series: [{ key: valueKey, name: kpi(view.kpi).label }] }),
        ...(view.stacked ? { stacked: true } : {}),
      }),
  };
}

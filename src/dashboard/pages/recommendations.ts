// Recommendations: how often recommended titles are clicked. The monthly and device views are
// filterable (gold.kpi_daily_by_segment); the algorithm/position/type breakdowns, with their 95 %
// Wilson intervals, come from gold.kpi_recommendation_ctr over all data.
import { sql } from '../../engine/sql.js';
import { kpi } from '../../gold/kpis.js';
import { barChart, lineChart } from '../charts.js';
import type { PageSpec } from '../views.js';
import { segmentKpiView } from './fragments/segment-kpi-view.js';
import { SEGMENT_FILTERS, SEGMENT_TABLE, measure, segmentWhere } from '../segment-filter.js';
import { rateFindings } from '../rate-findings.js';
import { dailyKpiView } from './fragments/daily-kpis.js';
import { kpiAxis, kpiColumn } from '../kpi-labels.js';

const ctr = kpi('ctr');

export const recommendationsPage: PageSpec = {
  name: 'recommendations',
  title: 'Recommendations',
  description: 'Impressions, clicks and click-through rate of recommendations.',
  views: [
    segmentKpiView({
      id: 'ctr-by-month',
      title: 'Click-through rate by month',
      caption: 'Clicks per recommendation shown, per calendar month, for the selected accounts, devices and dates.',
      kpi: 'ctr',
      x: 'month',
      shownWhen: 'impressions',
      chart: 'line',
    }),
    dailyKpiView('ctr', 'ctr-by-day', 'Click-through rate by day', 'Clicks per recommendation shown, each day.'),
    {
      id: 'ctr-by-device',
      title: 'Click-through rate by device',
      caption: 'Clicks per impression on each device the recommendation was shown on, for the selected accounts and dates.',
      tables: [SEGMENT_TABLE],
      filterColumns: SEGMENT_FILTERS,
      query: (f) => sql`
        SELECT device, ${measure('ctr')} AS ctr, ${measure('impressions')} AS impressions, ${measure('clicks')} AS clicks
        FROM gold.kpi_daily_by_segment ${segmentWhere(f)}
        GROUP BY ALL HAVING sum(impressions) > 0 ORDER BY device`,
      findings: (rows) =>
        rateFindings(rows, {
          rateLabel: ctr.label,
          groupKey: 'device',
          trialsKey: 'impressions',
          successesKey: 'clicks',
          dimensions: { device: 'device' },
        }),
      chart: (rows) =>
        barChart(rows, {
          x: { key: 'device', label: 'Device', format: 'text' },
          y: kpiAxis('ctr'),
          series: [{ key: 'ctr', name: ctr.label }],
        }),
    },
    {
      id: 'ctr-by-position',
      title: 'Click-through rate by position in the list',
      caption: 'Clicks per impression by where the title was placed in the recommendation list (1 = first). All data; not filtered.',
      tables: ['gold.kpi_recommendation_ctr'],
      query: () => sql`
        SELECT value AS position, impressions, clicks, ctr, ctr_ci_low, ctr_ci_high FROM gold.kpi_recommendation_ctr
        WHERE dimension = 'position' ORDER BY try_cast(value AS INTEGER), value`,
      findings: (rows) =>
        rateFindings(rows, {
          rateLabel: ctr.label,
          groupKey: 'position',
          trialsKey: 'impressions',
          successesKey: 'clicks',
          dimensions: { position: 'position in the list' },
        }),
      chart: (rows) =>
        lineChart(rows, {
          x: { key: 'position', label: 'Position in list', format: 'text' },
          y: kpiAxis('ctr'),
          series: [
            { key: 'ctr', name: ctr.label },
            { key: 'ctr_ci_low', name: '95 % interval, low', colour: '#999999' },
            { key: 'ctr_ci_high', name: '95 % interval, high', colour: '#999999' },
          ],
        }),
    },
    {
      id: 'ctr-breakdown',
      title: 'Click-through by algorithm, type and time of day',
      caption:
        'Impressions, clicks and click-through for each algorithm version, recommendation type and time of day, with a 95 % Wilson interval. Beside it, a chi-square test of homogeneity per breakdown says whether click-through differs between its groups at all. All data; not filtered.',
      tables: ['gold.kpi_recommendation_ctr'],
      query: () => sql`
        SELECT dimension, value, impressions, clicks, ctr, ctr_ci_low, ctr_ci_high FROM gold.kpi_recommendation_ctr
        WHERE dimension IN ('overall', 'algorithm_version', 'recommendation_type', 'time_of_day')
        ORDER BY CASE dimension WHEN 'overall' THEN 0 ELSE 1 END, dimension, ctr DESC`,
      findings: (rows) =>
        rateFindings(rows, {
          rateLabel: ctr.label,
          dimensionKey: 'dimension',
          groupKey: 'value',
          trialsKey: 'impressions',
          successesKey: 'clicks',
          dimensions: { algorithm_version: 'algorithm version', recommendation_type: 'recommendation type', time_of_day: 'time of day' },
        }),
      table: [
        { key: 'dimension', label: 'Breakdown', format: 'text' },
        { key: 'value', label: 'Group', format: 'text' },
        kpiColumn('impressions'),
        kpiColumn('clicks'),
        { key: 'ctr', label: ctr.label, format: ctr.format },
        { key: 'ctr_ci_low', label: '95 % low', format: 'percent' },
        { key: 'ctr_ci_high', label: '95 % high', format: 'percent' },
      ],
    },
  ],
};

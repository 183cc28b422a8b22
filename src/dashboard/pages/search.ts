// Search: how much people search and whether they find something. Monthly views are filterable
// (gold.kpi_daily_by_segment); outcome breakdowns and top queries are over all data.
import { sql } from '../../engine/sql.js';
import { failingSearchViews } from './fragments/failing-searches.js';
import { kpi } from '../../gold/kpis.js';
import { barChart } from '../charts.js';
import type { PageSpec } from '../views.js';
import { segmentKpiView } from './fragments/segment-kpi-view.js';
import { rateFindings } from '../rate-findings.js';
import { kpiColumn } from '../kpi-labels.js';

export const searchPage: PageSpec = {
  name: 'search',
  title: 'Search',
  description: 'Searches, zero-result rate, click-through and click position, overall and by search intent.',
  views: [
    segmentKpiView({
      id: 'searches-by-month',
      title: 'Searches by month and device',
      caption: 'Searches run per calendar month, stacked by device, for the selected accounts and dates.',
      kpi: 'searches',
      x: 'month',
      seriesBy: 'device',
      shownWhen: 'searches',
      chart: 'bar',
      stacked: true,
    }),
    segmentKpiView({
      id: 'search-click-through-by-month',
      title: 'Search click-through by month',
      caption: 'Share of searches where a result was clicked, per calendar month, for the selected accounts, devices and dates.',
      kpi: 'search_click_through',
      x: 'month',
      shownWhen: 'searches',
      chart: 'line',
    }),
    {
      id: 'zero-result-rate',
      title: 'Zero-result rate and click-through by search kind',
      caption:
        'Share of searches returning nothing and share with a click, for searches with and without a typo or filters, and by device; beside it, a chi-square test of homogeneity per breakdown says whether click-through differs between its groups at all. All data; not filtered.',
      tables: ['gold.kpi_search'],
      query: () => sql`
        SELECT dimension, value, dimension || ': ' || value AS grp, searches, zero_result_rate, search_click_through FROM gold.kpi_search
        WHERE dimension <> 'overall' ORDER BY dimension, value`,
      findings: (rows) =>
        rateFindings(rows, {
          rateLabel: kpi('search_click_through').label,
          dimensionKey: 'dimension',
          groupKey: 'value',
          trialsKey: 'searches',
          rateKey: 'search_click_through',
          dimensions: { had_typo: 'whether the query had a typo', used_filters: 'whether filters were used', device: 'device' },
        }),
      chart: (rows) =>
        barChart(rows, {
          x: { key: 'grp', label: 'Search kind', format: 'text' },
          y: { label: 'Share of searches', format: 'percent' },
          series: [
            { key: 'zero_result_rate', name: kpi('zero_result_rate').label },
            { key: 'search_click_through', name: kpi('search_click_through').label },
          ],
          horizontal: true,
        }),
    },
    {
      id: 'clicks-beyond-results',
      title: 'Clicks beyond the results returned',
      caption:
        'Searches whose clicked position is larger than the number of results the search returned: impossible in a correct log, so each one is a data defect (flagged in silver, counted in gold). All data; not filtered.',
      tables: ['gold.kpi_search'],
      query: () => sql`
        SELECT dimension, value, searches, clicks_beyond_results,
          CASE WHEN searches > 0 THEN clicks_beyond_results * 1.0 / searches END AS clicks_beyond_share
        FROM gold.kpi_search ORDER BY CASE dimension WHEN 'overall' THEN 0 ELSE 1 END, dimension, value`,
      table: [
        { key: 'dimension', label: 'Breakdown', format: 'text' },
        { key: 'value', label: 'Group', format: 'text' },
        kpiColumn('searches'),
        { key: 'clicks_beyond_results', label: 'Clicks beyond results', format: 'count' },
        { key: 'clicks_beyond_share', label: 'Share of searches', format: 'percent' },
      ],
    },
    {
      id: 'intent-mix',
      title: 'Searches by intent',
      caption:
        'What people search for (intent predicted per search by the ml.search_intent classifier): share of searches, click-through and zero-result rate per intent; no_query is searches without query text. All data; not filtered. Built by the ML step, so absent from a warehouse run only through gold.',
      tables: ['gold.search_intent_mix'],
      query: () => sql`
        SELECT intent, searches, intent_share, search_click_through, zero_result_rate, mean_click_position
        FROM gold.search_intent_mix ORDER BY searches DESC, intent`,
      chart: (rows) =>
        barChart(rows, {
          x: { key: 'intent', label: 'Intent', format: 'text' },
          y: { label: 'Share', format: 'percent' },
          series: [
            { key: 'intent_share', name: 'Share of searches' },
            { key: 'search_click_through', name: kpi('search_click_through').label },
            { key: 'zero_result_rate', name: kpi('zero_result_rate').label },
          ],
          horizontal: true,
        }),
      table: [
        { key: 'intent', label: 'Intent', format: 'text' },
        kpiColumn('searches'),
        { key: 'intent_share', label: 'Share of searches', format: 'percent' },
        kpiColumn('search_click_through'),
        kpiColumn('zero_result_rate'),
        kpiColumn('mean_click_position'),
      ],
    },
    {
      id: 'top-queries',
      title: 'Top 20 search queries',
      caption:
        'The most frequent queries with how often they return nothing, how often a result is clicked, and the mean clicked position (lower is better). All data; not filtered.',
      tables: ['gold.search_top_queries'],
      query: () => sql`
        SELECT query_rank, search_query, searches, zero_result_rate, search_click_through, mean_click_position
        FROM gold.search_top_queries ORDER BY query_rank, search_query LIMIT 20`,
      table: [
        { key: 'query_rank', label: 'Rank', format: 'integer' },
        { key: 'search_query', label: 'Query', format: 'text' },
        kpiColumn('searches'),
        kpiColumn('zero_result_rate'),
        kpiColumn('search_click_through'),
        kpiColumn('mean_click_position'),
      ],
    },
    ...failingSearchViews,
  ],
};

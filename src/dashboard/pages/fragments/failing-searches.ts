// A fragment of the Search page (not a page): the searches that fail. Per query (all queries, from
// gold.search_top_queries): how many of its searches returned nothing and how many got no click.
// Counts are recovered from the declared rates (rate x searches is a whole number of searches).
import type { Row } from '../../../engine/engine.js';
import { sql } from '../../../engine/sql.js';
import { kpi } from '../../../gold/kpis.js';
import { barChart } from '../../charts.js';
import { formatValue } from '../../format.js';
import type { ViewSpec } from '../../views.js';

const PER_QUERY = sql`
  SELECT search_query, searches,
    CAST(round(searches * zero_result_rate) AS BIGINT) AS zero_result_searches,
    CAST(round(searches * (1 - search_click_through)) AS BIGINT) AS unclicked_searches,
    zero_result_rate, 1 - search_click_through AS unclicked_share
  FROM gold.search_top_queries`;

function totalsNote(rows: Row[], key: 'zero_result_searches' | 'unclicked_searches', what: string): string {
  const failing = rows.filter((r) => Number(r[key]) > 0);
  const count = failing.reduce((sum, r) => sum + Number(r[key]), 0);
  return `${formatValue(failing.length, 'integer')} distinct quer${failing.length === 1 ? 'y' : 'ies'} ${what} at least once, ${formatValue(count, 'integer')} searches in all.`;
}

export const failingSearchViews: ViewSpec[] = [
  {
    id: 'zero-result-queries',
    title: 'Queries that return nothing',
    caption:
      'Every query that returned no results at least once, most zero-result searches first: the catalogue gaps or spellings search does not handle. The chart shows the top 15; the table has all of them. All data; not filtered.',
    tables: ['gold.search_top_queries'],
    query: () => sql`SELECT * FROM (${PER_QUERY}) q WHERE zero_result_searches > 0 ORDER BY zero_result_searches DESC, search_query`,
    chart: (rows) =>
      barChart(rows.slice(0, 15), {
        x: { key: 'search_query', label: 'Query', format: 'text' },
        y: { label: 'Zero-result searches', format: 'count' },
        series: [{ key: 'zero_result_searches', name: 'Zero-result searches' }],
        horizontal: true,
      }),
    table: [
      { key: 'search_query', label: 'Query', format: 'text' },
      { key: 'zero_result_searches', label: 'Zero-result searches', format: 'integer' },
      { key: 'searches', label: kpi('searches').label, format: 'integer' },
      { key: 'zero_result_rate', label: kpi('zero_result_rate').label, format: 'percent' },
    ],
    note: (rows) => totalsNote(rows, 'zero_result_searches', 'returned nothing'),
    emptyMessage: () => 'Every query returned results in this run.',
  },
  {
    id: 'unclicked-queries',
    title: 'Searches without a click',
    caption:
      'Every query with searches that ended without a clicked result (including those that returned nothing), most first. All data; not filtered.',
    tables: ['gold.search_top_queries'],
    query: () => sql`SELECT * FROM (${PER_QUERY}) q WHERE unclicked_searches > 0 ORDER BY unclicked_searches DESC, search_query`,
    table: [
      { key: 'search_query', label: 'Query', format: 'text' },
      { key: 'unclicked_searches', label: 'Searches without a click', format: 'integer' },
      { key: 'zero_result_searches', label: 'of which returned nothing', format: 'integer' },
      { key: 'searches', label: kpi('searches').label, format: 'integer' },
      { key: 'unclicked_share', label: 'Share without a click', format: 'percent' },
    ],
    note: (rows) => totalsNote(rows, 'unclicked_searches', 'ended without a click'),
    emptyMessage: () => 'Every search got a click in this run.',
  },
];

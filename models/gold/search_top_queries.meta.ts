import type { ModelMeta } from '../../src/pipeline/step.js';
import { kpiFields, pick } from '../../src/gold/kpi-checks.js';

const kpis = kpiFields('gold.search_top_queries', ['searches', 'zero_result_rate', 'search_click_through', 'mean_click_position']);

export default {
  description: 'Outcomes per distinct query text (grain: search_query), ranked by frequency.',
  columns: {
    search_query: 'Query text as typed (lower case).',
    ...pick(kpis.columns, ['searches', 'zero_result_rate', 'search_click_through', 'mean_click_position']),
    query_rank: 'Rank by number of searches (1 = most frequent).',
  },
  checks: kpis.checks,
} satisfies ModelMeta;

import type { ModelMeta } from '../../src/pipeline/step.js';
import { kpiFields, pick } from '../../src/gold/kpi-checks.js';

const kpis = kpiFields('gold.kpi_search', ['searches', 'zero_result_rate', 'search_click_through', 'mean_click_position']);

export default {
  description: 'Search analytics overall and by typo, filter use and device (grain: dimension x value).',
  columns: {
    dimension: 'overall | had_typo | used_filters | device.',
    value: 'Value of the dimension.',
    ...pick(kpis.columns, ['searches', 'zero_result_rate', 'search_click_through', 'mean_click_position']),
    clicks_beyond_results: 'Searches whose clicked position exceeds the results returned (impossible; flagged in silver).',
  },
  checks: kpis.checks,
} satisfies ModelMeta;

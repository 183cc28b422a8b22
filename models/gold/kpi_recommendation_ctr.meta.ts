import type { ModelMeta } from '../../src/pipeline/step.js';
import { kpiFields, pick } from '../../src/gold/kpi-checks.js';

const kpis = kpiFields('gold.kpi_recommendation_ctr', ['impressions', 'clicks', 'ctr']);

export default {
  description:
    'Recommendation CTR by type, algorithm version, list position, device and time of day (grain: dimension x value), with 95% Wilson intervals.',
  columns: {
    dimension: 'overall | recommendation_type | algorithm_version | position | device | time_of_day.',
    value: 'Value of the dimension (text).',
    ...pick(kpis.columns, ['impressions', 'clicks', 'ctr']),
    ctr_ci_low: 'Lower bound of the 95% Wilson interval of the CTR.',
    ctr_ci_high: 'Upper bound of the 95% Wilson interval of the CTR.',
  },
  checks: kpis.checks,
} satisfies ModelMeta;

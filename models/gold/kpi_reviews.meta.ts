import type { ModelMeta } from '../../src/pipeline/step.js';
import { kpiFields, pick } from '../../src/gold/kpi-checks.js';

const kpis = kpiFields('gold.kpi_reviews', ['reviews', 'avg_rating', 'positive_share', 'negative_share', 'helpfulness']);

export default {
  description: 'Review analytics: rating distribution, sentiment mix and helpfulness (grain: dimension x value).',
  columns: {
    dimension: 'overall | rating | sentiment | device | verified_watch.',
    value: 'Value of the dimension.',
    ...pick(kpis.columns, ['reviews', 'avg_rating', 'positive_share', 'negative_share', 'helpfulness']),
    review_share: 'Share of all reviews within the dimension (sums to 1 per dimension).',
  },
  checks: kpis.checks,
} satisfies ModelMeta;

import type { ModelMeta } from '../../src/pipeline/step.js';
import { kpiFields, pick } from '../../src/gold/kpi-checks.js';

const kpis = kpiFields('gold.kpi_engagement_by_user', [
  'sessions',
  'watch_hours',
  'completion_rate',
  'distinct_titles',
  'distinct_genres',
  'binge_sessions',
]);

export default {
  description: 'Engagement per account as of the as-of date (grain: user_id), with RFM inputs and a 0-100 engagement score.',
  columns: {
    user_id: 'Account key.',
    subscription_plan: 'Current plan.',
    country: 'Account country.',
    is_active: 'Subscription still active.',
    ...pick(kpis.columns, ['sessions', 'watch_hours', 'completion_rate', 'distinct_titles', 'distinct_genres', 'binge_sessions']),
    last_watch_date: 'Latest session on or before the as-of date.',
    recency_days: 'Days from the last session to the as-of date (NULL: never watched).',
    frequency_90d: 'Sessions in the 90 days up to the as-of date.',
    monetary: 'Monthly spend (USD, imputed where missing).',
    tenure_days: 'Days from subscription start to the as-of date.',
    engagement_score:
      'Mean of four percentile ranks (watch hours, 90-day frequency, completion rate, recency) x 100; 0-100, robust to outliers because ranks ignore magnitudes.',
  },
  checks: kpis.checks,
} satisfies ModelMeta;

import type { ModelMeta } from '../../src/pipeline/step.js';
import { keyExistsCheck, kpiFields, pick } from '../../src/gold/kpi-checks.js';

const kpis = kpiFields('gold.kpi_engagement_by_user_month', [
  'sessions',
  'watch_hours',
  'imputed_watch_hours',
  'completion_rate',
  'completed_low_progress_share',
  'distinct_titles',
  'distinct_genres',
  'binge_sessions',
  'avg_session_minutes',
]);

export default {
  description: 'Engagement per user and calendar month (grain: user_id x month).',
  columns: {
    user_id: 'Pseudonymous-safe account key.',
    month: 'First day of the calendar month.',
    ...pick(kpis.columns, [
      'sessions',
      'watch_hours',
      'imputed_watch_hours',
      'completion_rate',
      'completed_low_progress_share',
      'distinct_titles',
      'distinct_genres',
      'binge_sessions',
      'avg_session_minutes',
    ]),
  },
  checks: [...kpis.checks, keyExistsCheck('gold.kpi_engagement_by_user_month', 'user_id', 'silver.users')],
} satisfies ModelMeta;

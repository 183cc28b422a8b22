// Engagement: how much and how people watch. Planned over gold.kpi_engagement_by_user_month and
// gold.cohort_retention.
import type { PageSpec } from '../views.js';
import { plannedView } from './planned.js';

export const engagementPage: PageSpec = {
  name: 'engagement',
  title: 'Engagement',
  description: 'Sessions, watch time, completion and retention of users.',
  views: [
    plannedView('watch-hours-by-month', 'Watch hours by month', 'Hours watched per month, split by device.', ['gold.kpi_engagement_by_user_month']),
    plannedView('completion-by-month', 'Completion rate by month', 'Share of sessions that ended with the title completed, per month.', ['gold.kpi_engagement_by_user_month']),
    plannedView('session-length', 'Average session length by plan', 'Mean minutes per valid session for each subscription plan.', ['gold.kpi_engagement_by_user_month']),
    plannedView('cohort-retention', 'Cohort retention', 'Share of each signup cohort still watching N months later.', ['gold.cohort_retention']),
  ],
};

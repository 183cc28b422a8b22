import type { ModelMeta } from '../../src/pipeline/step.js';
import { kpiFields, pick } from '../../src/gold/kpi-checks.js';

const table = 'gold.kpi_daily_by_segment';
const kpis = kpiFields(table, ['sessions', 'watch_hours', 'imputed_watch_hours', 'impressions', 'clicks', 'searches', 'reviews']);

export default {
  description:
    'Additive daily activity for dashboard filters (grain: day x account country x subscription plan x event device). Every column is a sum; rates are numerator / denominator pairs. No distinct counts (not additive): MAU/DAU are in gold.kpi_business_by_month.',
  columns: {
    day: 'Calendar day of the event (session, impression, search or review).',
    country: 'Country of the account (silver.users.country); NULL if the account is unknown.',
    subscription_plan: 'Subscription plan of the account; NULL if the account is unknown.',
    device: 'Device the event happened on (canonical device name).',
    ...pick(kpis.columns, ['sessions', 'watch_hours', 'imputed_watch_hours']),
    completed_sessions: "Sessions whose action is 'completed' (completion rate numerator; denominator: sessions).",
    completed_low_progress_sessions:
      "Sessions labelled 'completed' with progress under 50% (numerator of the completed-with-low-progress share; denominator: completed_sessions).",
    timed_sessions: 'Sessions with a recorded (not imputed), valid duration (average session length = watch_hours x 60 / timed_sessions).',
    ...pick(kpis.columns, ['impressions', 'clicks']),
    searches: kpis.columns.searches,
    searches_clicked: 'Searches with a clicked result (search click-through numerator; denominator: searches).',
    reviews: kpis.columns.reviews,
    rated_reviews: 'Reviews with a star rating (average rating denominator).',
    rating_sum: 'Sum of star ratings (average rating numerator).',
  },
  checks: kpis.checks,
} satisfies ModelMeta;

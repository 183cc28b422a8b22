import type { ModelMeta } from '../../src/pipeline/step.js';

export default {
  description: 'Per user and day, counts of everything the user did (grain: user_id x activity_date); gold sums days up to its as-of date.',
  columns: {
    user_id: 'User.',
    activity_date: 'Day of the activity.',
    sessions: 'Viewing sessions that day.',
    watch_minutes: 'Minutes watched (sessions with an invalid duration count 0).',
    completed_sessions: 'Sessions ending completed.',
    binge_sessions: 'Sessions over the binge threshold.',
    impressions: 'Recommendations shown.',
    impressions_clicked: 'Recommendations clicked.',
    searches: 'Searches run.',
    searches_clicked: 'Searches with a clicked result.',
    reviews: 'Reviews written.',
    review_rating_sum: 'Sum of review stars (divide by reviews for the mean).',
  },
  checks: [
    {
      name: 'user_day_unique',
      kind: 'unique',
      dataset: 'silver.int_user_activity_rolled_up_by_day',
      action: 'fail',
      reasonCode: 'DUPLICATE_KEY',
      description: 'One row per user and day.',
      params: { columns: ['user_id', 'activity_date'] },
    },
  ],
} satisfies ModelMeta;

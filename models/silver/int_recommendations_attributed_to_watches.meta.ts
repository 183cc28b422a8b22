import type { ModelMeta } from '../../src/pipeline/step.js';
import { ruleChecks } from '../../src/silver/anomaly-rules.js';

export default {
  description:
    'Recommendation impressions with watch attribution: a session of the recommended title within N days after (grain: recommendation_id).',
  columns: {
    recommendation_id: 'Impression key.',
    user_id: 'User shown the recommendation.',
    movie_id: 'Title recommended.',
    recommendation_date: 'Day of the impression.',
    recommendation_type: 'Recommender that produced it.',
    recommendation_score: 'Recommender score (imputed where blank).',
    was_clicked: 'Whether the user clicked it.',
    position_in_list: 'Rank in the list.',
    device_type: 'Canonical device.',
    time_of_day: 'Part of the day.',
    algorithm_version: 'Recommender release (unknown where blank).',
    attribution_window_days: 'Attribution window N in days (setting recommendationAttributionDays).',
    watched_within_window: 'True when the user watched the title on the impression day or within N days after.',
    attributed_watch_date: 'Day of the first such session.',
    days_to_watch: 'Days from the impression to that session.',
    sessions_in_window: 'Sessions of the title by the user within the window.',
    is_before_signup: 'Impression dated before the account was created.',
  },
  checks: ruleChecks('silver.int_recommendations_attributed_to_watches'),
} satisfies ModelMeta;

import type { ModelMeta } from '../../src/pipeline/step.js';
import { ruleChecks } from '../../src/silver/anomaly-rules.js';

export default {
  description: "Reviews matched with the reviewer's sessions of the title; is_verified_watch checked against them (grain: review_id).",
  columns: {
    review_id: 'Review key.',
    user_id: 'Reviewer.',
    movie_id: 'Title reviewed.',
    rating: 'Stars 1..5.',
    review_date: 'Day of the review.',
    device_type: 'Canonical device.',
    sentiment: 'Sentiment label.',
    sentiment_score: 'Sentiment score (imputed within the band where blank).',
    is_verified_watch: 'Source claim that the review follows a watch.',
    sessions_of_title: 'Sessions of the title by the reviewer, any date.',
    sessions_before_review: 'Of those, sessions on or before the review day.',
    first_watch_date: "Day of the reviewer's first session of the title.",
    has_watch_before_review: 'True when a session on or before the review day exists.',
    is_verified_watch_consistent: 'True when is_verified_watch equals has_watch_before_review.',
    is_before_signup: 'Review dated before the account was created.',
    is_before_title_added: 'Review dated before the title joined the platform.',
  },
  checks: ruleChecks('silver.int_reviews_matched_to_watches'),
} satisfies ModelMeta;

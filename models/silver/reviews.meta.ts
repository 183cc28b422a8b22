import type { ModelMeta } from '../../src/pipeline/step.js';
import { LINEAGE_COLUMNS, imputationColumns, silverChecks, sourceColumn } from '../../src/silver/describe.js';

export default {
  description: 'Reviews, one row per review_id: votes typed (blank = unknown), blank sentiment scores filled within the sentiment band.',
  columns: {
    review_id: sourceColumn('reviews', 'review_id'),
    user_id: sourceColumn('reviews', 'user_id'),
    movie_id: sourceColumn('reviews', 'movie_id'),
    rating: sourceColumn('reviews', 'rating'),
    review_date: sourceColumn('reviews', 'review_date'),
    device_type: 'Device on the canonical device list (Unknown when unrecognised).',
    is_verified_watch: sourceColumn('reviews', 'is_verified_watch'),
    helpful_votes: sourceColumn('reviews', 'helpful_votes'),
    total_votes: sourceColumn('reviews', 'total_votes'),
    review_text: sourceColumn('reviews', 'review_text'),
    sentiment: sourceColumn('reviews', 'sentiment'),
    sentiment_score: sourceColumn('reviews', 'sentiment_score'),
    is_sentiment_inconsistent: 'True when the sentiment label is not the one the rating implies.',
    ...imputationColumns('reviews'),
    ...LINEAGE_COLUMNS,
  },
  checks: silverChecks('reviews'),
} satisfies ModelMeta;

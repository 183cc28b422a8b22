import type { TableContract } from './types.js';
import { EVENT_DATE_RANGE, EVENT_DEVICES } from './domains.js';

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;

export const reviews: TableContract = {
  name: 'reviews',
  file: 'reviews.csv',
  description: 'One row per written review of a title by a user.',
  primaryKey: 'review_id',
  uniqueRowsAtScale1: 15_000,
  duplicateRate: 0.03,
  eventDateColumn: 'review_date',
  columns: [
    { name: 'review_id', type: 'string', description: 'Review key.', nullable: false, expectedBlankRate: 0, keyFormat: { prefix: 'review_', minDigits: 6 } },
    { name: 'user_id', type: 'string', description: 'Reviewer.', nullable: false, expectedBlankRate: 0, foreignKey: { table: 'users', column: 'user_id' } },
    { name: 'movie_id', type: 'string', description: 'Title reviewed.', nullable: false, expectedBlankRate: 0, foreignKey: { table: 'movies', column: 'movie_id' } },
    { name: 'rating', type: 'integer', description: 'Stars, 1..5.', nullable: false, expectedBlankRate: 0, range: { min: 1, max: 5 } },
    { name: 'review_date', type: 'date', description: 'Day of the review.', nullable: false, expectedBlankRate: 0, range: EVENT_DATE_RANGE },
    { name: 'device_type', type: 'string', description: 'Device used.', nullable: false, expectedBlankRate: 0, allowedValues: EVENT_DEVICES },
    { name: 'is_verified_watch', type: 'boolean', description: 'Claimed to follow a real watch (rarely matches watch_history).', nullable: false, expectedBlankRate: 0, allowedValues: ['True', 'False'] },
    { name: 'helpful_votes', type: 'integer', text: 'float-text', description: 'Votes calling the review helpful; blank together with total_votes.', nullable: true, expectedBlankRate: 0.12, range: { min: 0 } },
    { name: 'total_votes', type: 'integer', text: 'float-text', description: 'All votes on the review.', nullable: true, expectedBlankRate: 0.12, range: { min: 0 } },
    { name: 'review_text', type: 'string', description: 'Free text.', nullable: true, expectedBlankRate: 0.05 },
    { name: 'sentiment', type: 'string', description: 'Label from the rating: 1-2 negative, 3 neutral, 4-5 positive.', nullable: false, expectedBlankRate: 0, allowedValues: SENTIMENTS },
    { name: 'sentiment_score', type: 'float', description: 'Score 0..1 in bands [0,0.4] / [0.4,0.6] / [0.6,1] by sentiment.', nullable: true, expectedBlankRate: 0.08, range: { min: 0, max: 1 } },
  ],
};

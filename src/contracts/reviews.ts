import type { TableContract } from './types.js';
import { blankable, eventDate, flag, keyColumn, required, titleRef, userRef } from './columns.js';
import { EVENT_DEVICES } from './domains.js';

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
    keyColumn('review_id', 'Review key.', 'review_', 6),
    userRef('Reviewer.'),
    titleRef('Title reviewed.'),
    required('rating', 'integer', 'Stars, 1..5.', { range: { min: 1, max: 5 } }),
    eventDate('review_date', 'Day of the review.'),
    required('device_type', 'string', 'Device used.', { allowedValues: EVENT_DEVICES }),
    flag('is_verified_watch', 'Claimed to follow a real watch (rarely matches watch_history).'),
    blankable('helpful_votes', 'integer', 'Votes calling the review helpful; blank together with total_votes.', 0.12, {
      text: 'float-text',
      range: { min: 0 },
    }),
    blankable('total_votes', 'integer', 'All votes on the review.', 0.12, { text: 'float-text', range: { min: 0 } }),
    blankable('review_text', 'string', 'Free text.', 0.05),
    required('sentiment', 'string', 'Label from the rating: 1-2 negative, 3 neutral, 4-5 positive.', { allowedValues: SENTIMENTS }),
    blankable('sentiment_score', 'float', 'Score 0..1 in bands [0,0.4] / [0.4,0.6] / [0.6,1] by sentiment.', 0.08, {
      range: { min: 0, max: 1 },
    }),
  ],
};

import type { TableContract } from './types.js';
import { blankable, eventDate, flag, keyColumn, required, titleRef, userRef } from './columns.js';
import { EVENT_DEVICES } from './domains.js';

export const RECOMMENDATION_TYPES = ['personalized', 'genre_based', 'new_releases', 'similar_users', 'trending'] as const;
export const TIMES_OF_DAY = ['morning', 'afternoon', 'evening', 'night'] as const;
export const ALGORITHM_VERSIONS = ['v1.2', 'v1.3', 'v1.4', 'v2.0'] as const;

export const recommendationLogs: TableContract = {
  name: 'recommendation_logs',
  file: 'recommendation_logs.csv',
  description: 'One row per title shown to a user in a recommendation list, and whether it was clicked.',
  primaryKey: 'recommendation_id',
  uniqueRowsAtScale1: 50_000,
  duplicateRate: 0.04,
  eventDateColumn: 'recommendation_date',
  columns: [
    keyColumn('recommendation_id', 'Impression key.', 'rec_', 6),
    userRef('User shown the list.'),
    titleRef('Title recommended.'),
    eventDate('recommendation_date', 'Day of the impression.'),
    required('recommendation_type', 'string', 'Which recommender produced it.', { allowedValues: RECOMMENDATION_TYPES }),
    blankable('recommendation_score', 'float', 'Recommender score, 0..1.', 0.1, { range: { min: 0, max: 1 } }),
    flag('was_clicked', 'Whether the user clicked the title.'),
    required('position_in_list', 'integer', 'Rank in the list, 1..20.', { range: { min: 1, max: 20 } }),
    required('device_type', 'string', 'Device the list was shown on.', { allowedValues: EVENT_DEVICES }),
    required('time_of_day', 'string', 'Part of the day.', { allowedValues: TIMES_OF_DAY }),
    blankable('algorithm_version', 'string', 'Recommender release.', 0.05, { allowedValues: ALGORITHM_VERSIONS }),
  ],
};

import type { TableContract } from './types.js';
import { EVENT_DATE_RANGE, EVENT_DEVICES } from './domains.js';

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
    {
      name: 'recommendation_id',
      type: 'string',
      description: 'Impression key.',
      nullable: false,
      expectedBlankRate: 0,
      keyFormat: { prefix: 'rec_', minDigits: 6 },
    },
    {
      name: 'user_id',
      type: 'string',
      description: 'User shown the list.',
      nullable: false,
      expectedBlankRate: 0,
      foreignKey: { table: 'users', column: 'user_id' },
    },
    {
      name: 'movie_id',
      type: 'string',
      description: 'Title recommended.',
      nullable: false,
      expectedBlankRate: 0,
      foreignKey: { table: 'movies', column: 'movie_id' },
    },
    {
      name: 'recommendation_date',
      type: 'date',
      description: 'Day of the impression.',
      nullable: false,
      expectedBlankRate: 0,
      range: EVENT_DATE_RANGE,
    },
    {
      name: 'recommendation_type',
      type: 'string',
      description: 'Which recommender produced it.',
      nullable: false,
      expectedBlankRate: 0,
      allowedValues: RECOMMENDATION_TYPES,
    },
    {
      name: 'recommendation_score',
      type: 'float',
      description: 'Recommender score, 0..1.',
      nullable: true,
      expectedBlankRate: 0.1,
      range: { min: 0, max: 1 },
    },
    {
      name: 'was_clicked',
      type: 'boolean',
      description: 'Whether the user clicked the title.',
      nullable: false,
      expectedBlankRate: 0,
      allowedValues: ['True', 'False'],
    },
    {
      name: 'position_in_list',
      type: 'integer',
      description: 'Rank in the list, 1..20.',
      nullable: false,
      expectedBlankRate: 0,
      range: { min: 1, max: 20 },
    },
    {
      name: 'device_type',
      type: 'string',
      description: 'Device the list was shown on.',
      nullable: false,
      expectedBlankRate: 0,
      allowedValues: EVENT_DEVICES,
    },
    {
      name: 'time_of_day',
      type: 'string',
      description: 'Part of the day.',
      nullable: false,
      expectedBlankRate: 0,
      allowedValues: TIMES_OF_DAY,
    },
    {
      name: 'algorithm_version',
      type: 'string',
      description: 'Recommender release.',
      nullable: true,
      expectedBlankRate: 0.05,
      allowedValues: ALGORITHM_VERSIONS,
    },
  ],
};

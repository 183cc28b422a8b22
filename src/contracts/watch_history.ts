import type { TableContract } from './types.js';
import { COUNTRIES, COUNTRY_WEIGHTS, EVENT_DATE_RANGE, WATCH_DEVICES } from './domains.js';

export const WATCH_ACTIONS = ['started', 'stopped', 'paused', 'completed'] as const;
/** Raw quality labels; 4K and Ultra HD are distinct labels in the source (silver adds a tier). */
export const QUALITY_LABELS = ['HD', '4K', 'SD', 'Ultra HD'] as const;

export const watchHistory: TableContract = {
  name: 'watch_history',
  file: 'watch_history.csv',
  description: 'One row per viewing session of a title by a user.',
  primaryKey: 'session_id',
  uniqueRowsAtScale1: 100_000,
  duplicateRate: 0.05,
  eventDateColumn: 'watch_date',
  columns: [
    { name: 'session_id', type: 'string', description: 'Session key.', nullable: false, expectedBlankRate: 0, keyFormat: { prefix: 'session_', minDigits: 6 } },
    { name: 'user_id', type: 'string', description: 'Viewer.', nullable: false, expectedBlankRate: 0, foreignKey: { table: 'users', column: 'user_id' } },
    { name: 'movie_id', type: 'string', description: 'Title watched.', nullable: false, expectedBlankRate: 0, foreignKey: { table: 'movies', column: 'movie_id' } },
    { name: 'watch_date', type: 'date', description: 'Day of the session.', nullable: false, expectedBlankRate: 0, range: EVENT_DATE_RANGE },
    { name: 'device_type', type: 'string', description: 'Device used.', nullable: false, expectedBlankRate: 0, allowedValues: WATCH_DEVICES },
    { name: 'watch_duration_minutes', type: 'float', description: 'Minutes watched; about 1% over 5 hours, some over 13.', nullable: true, expectedBlankRate: 0.12, range: { min: 0, max: 100_000 }, plausibleRange: { min: 0, max: 300 } },
    { name: 'progress_percentage', type: 'float', description: 'Share of the title reached, 0..100.', nullable: true, expectedBlankRate: 0.08, range: { min: 0, max: 100 } },
    { name: 'action', type: 'string', description: 'How the session ended.', nullable: false, expectedBlankRate: 0, allowedValues: WATCH_ACTIONS, weights: [0.25, 0.25, 0.25, 0.25] },
    { name: 'quality', type: 'string', description: 'Stream quality label.', nullable: false, expectedBlankRate: 0, allowedValues: QUALITY_LABELS, weights: [0.5, 0.3, 0.15, 0.05] },
    { name: 'location_country', type: 'string', description: 'Where the session happened.', nullable: false, expectedBlankRate: 0, allowedValues: COUNTRIES, weights: COUNTRY_WEIGHTS },
    { name: 'is_download', type: 'boolean', description: 'Watched offline from a download.', nullable: false, expectedBlankRate: 0, allowedValues: ['True', 'False'] },
    { name: 'user_rating', type: 'integer', description: 'Star rating given after the session, 1..5.', nullable: true, expectedBlankRate: 0.8, range: { min: 1, max: 5 } },
  ],
};

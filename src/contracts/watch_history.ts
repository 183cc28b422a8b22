import type { TableContract } from './types.js';
import { blankable, countryColumn, eventDate, flag, keyColumn, required, titleRef, userRef } from './columns.js';
import { WATCH_DEVICES } from './domains.js';

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
    keyColumn('session_id', 'Session key.', 'session_', 6),
    userRef('Viewer.'),
    titleRef('Title watched.'),
    eventDate('watch_date', 'Day of the session.'),
    required('device_type', 'string', 'Device used.', { allowedValues: WATCH_DEVICES }),
    blankable('watch_duration_minutes', 'float', 'Minutes watched; about 1% over 5 hours, some over 13.', 0.12, {
      range: { min: 0, max: 100_000 },
      plausibleRange: { min: 0, max: 300 },
    }),
    blankable('progress_percentage', 'float', 'Share of the title reached, 0..100.', 0.08, { range: { min: 0, max: 100 } }),
    required('action', 'string', 'How the session ended.', { allowedValues: WATCH_ACTIONS, weights: [0.25, 0.25, 0.25, 0.25] }),
    required('quality', 'string', 'Stream quality label.', { allowedValues: QUALITY_LABELS, weights: [0.5, 0.3, 0.15, 0.05] }),
    countryColumn('location_country', 'Where the session happened.'),
    flag('is_download', 'Watched offline from a download.'),
    blankable('user_rating', 'integer', 'Star rating given after the session, 1..5.', 0.8, { range: { min: 1, max: 5 } }),
  ],
};

import type { TableContract } from './types.js';
import { blankable, countryColumn, eventDate, flag, keyColumn, required, userRef } from './columns.js';
import { EVENT_DEVICES } from './domains.js';

export const searchLogs: TableContract = {
  name: 'search_logs',
  file: 'search_logs.csv',
  description: 'One row per search a user ran, with results returned and the clicked position.',
  primaryKey: 'search_id',
  uniqueRowsAtScale1: 25_000,
  duplicateRate: 0.06,
  eventDateColumn: 'search_date',
  columns: [
    keyColumn('search_id', 'Search key.', 'search_', 6),
    userRef('User who searched.'),
    required('search_query', 'string', 'Lower-case query text.'),
    eventDate('search_date', 'Day of the search.'),
    required('results_returned', 'integer', 'Results shown, 0..100.', { range: { min: 0, max: 100 } }),
    blankable('clicked_result_position', 'integer', 'Position clicked, 1..10; blank means no click.', 0.51, {
      blankMeans: 'no click',
      range: { min: 1, max: 10 },
    }),
    required('device_type', 'string', 'Device used.', { allowedValues: EVENT_DEVICES }),
    blankable('search_duration_seconds', 'float', 'Seconds spent on the search.', 0.05, { range: { min: 0 } }),
    flag('had_typo', 'Whether the query contained a typo.'),
    flag('used_filters', 'Whether filters were applied.'),
    countryColumn('location_country', 'Where the search happened.'),
  ],
};

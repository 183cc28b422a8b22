import type { TableContract } from './types.js';
import { COUNTRIES, COUNTRY_WEIGHTS, EVENT_DATE_RANGE, EVENT_DEVICES } from './domains.js';

export const searchLogs: TableContract = {
  name: 'search_logs',
  file: 'search_logs.csv',
  description: 'One row per search a user ran, with results returned and the clicked position.',
  primaryKey: 'search_id',
  uniqueRowsAtScale1: 25_000,
  duplicateRate: 0.06,
  eventDateColumn: 'search_date',
  columns: [
    { name: 'search_id', type: 'string', description: 'Search key.', nullable: false, expectedBlankRate: 0, keyFormat: { prefix: 'search_', minDigits: 6 } },
    { name: 'user_id', type: 'string', description: 'User who searched.', nullable: false, expectedBlankRate: 0, foreignKey: { table: 'users', column: 'user_id' } },
    { name: 'search_query', type: 'string', description: 'Lower-case query text.', nullable: false, expectedBlankRate: 0 },
    { name: 'search_date', type: 'date', description: 'Day of the search.', nullable: false, expectedBlankRate: 0, range: EVENT_DATE_RANGE },
    { name: 'results_returned', type: 'integer', description: 'Results shown, 0..100.', nullable: false, expectedBlankRate: 0, range: { min: 0, max: 100 } },
    { name: 'clicked_result_position', type: 'integer', description: 'Position clicked, 1..10; blank means no click.', nullable: true, expectedBlankRate: 0.51, blankMeans: 'no click', range: { min: 1, max: 10 } },
    { name: 'device_type', type: 'string', description: 'Device used.', nullable: false, expectedBlankRate: 0, allowedValues: EVENT_DEVICES },
    { name: 'search_duration_seconds', type: 'float', description: 'Seconds spent on the search.', nullable: true, expectedBlankRate: 0.05, range: { min: 0 } },
    { name: 'had_typo', type: 'boolean', description: 'Whether the query contained a typo.', nullable: false, expectedBlankRate: 0, allowedValues: ['True', 'False'] },
    { name: 'used_filters', type: 'boolean', description: 'Whether filters were applied.', nullable: false, expectedBlankRate: 0, allowedValues: ['True', 'False'] },
    { name: 'location_country', type: 'string', description: 'Where the search happened.', nullable: false, expectedBlankRate: 0, allowedValues: COUNTRIES, weights: COUNTRY_WEIGHTS },
  ],
};

import type { ModelMeta } from '../../src/pipeline/step.js';

export default {
  description:
    'Bronze batches per source table (grain: dataset x batch): file, rows and when the batch took effect; the users batches are the snapshots churn by month compares.',
  columns: {
    dataset: 'Source table name (users, movies ...).',
    batch_id: 'Bronze batch id (sorts in load order).',
    source_file: 'CSV file the batch came from.',
    effective_at: 'When the batch took effect: the month in its file name (users_2025_07.csv -> 2025-07-01), else when it was loaded.',
    loaded_at: 'When the batch was loaded into bronze.',
    row_count: 'Bronze rows of the batch (duplicates and updates included).',
  },
  checks: [
    {
      name: 'one_row_per_batch',
      kind: 'unique',
      dataset: 'silver.source_batches',
      column: 'batch_id',
      action: 'fail',
      reasonCode: 'DUPLICATE_BATCH',
      description: 'A batch belongs to one table and one file.',
      params: { columns: ['dataset', 'batch_id'] },
    },
  ],
} satisfies ModelMeta;

// The ml.* history tables every use case writes its rows into (keyed by use_case): model runs,
// metrics and model cards. Use-case tables (gold.churn_risk, ml.calibration, ...) live in each
// use case's tables.ts.
import type { TableSpec } from './store.js';

/** The first two columns of every use-case-keyed ml.* table. */
export const RUN_COLUMNS = [
  { name: 'run_id', type: 'VARCHAR' },
  { name: 'use_case', type: 'VARCHAR' },
] as const;

export const MODEL_RUNS: TableSpec = {
  name: 'ml.model_runs',
  columns: [
    ...RUN_COLUMNS,
    { name: 'model', type: 'VARCHAR' },
    { name: 'trained_at', type: 'TIMESTAMP' },
    { name: 'as_of_date', type: 'DATE' },
    { name: 'label_window_days', type: 'BIGINT' },
    { name: 'data_window', type: 'VARCHAR' },
    { name: 'n_train', type: 'BIGINT' },
    { name: 'n_test', type: 'BIGINT' },
    { name: 'seed', type: 'BIGINT' },
    { name: 'params', type: 'VARCHAR' },
    { name: 'fit_seconds', type: 'DOUBLE' },
  ],
};

/** kind: model | baseline | ceiling | run (run-level facts such as the family-wise p-value). */
export const METRICS: TableSpec = {
  name: 'ml.metrics',
  columns: [
    ...RUN_COLUMNS,
    { name: 'model', type: 'VARCHAR' },
    { name: 'kind', type: 'VARCHAR' },
    { name: 'metric', type: 'VARCHAR' },
    { name: 'value', type: 'DOUBLE' },
    { name: 'ci_low', type: 'DOUBLE' },
    { name: 'ci_high', type: 'DOUBLE' },
  ],
};

export const MODEL_CARDS: TableSpec = {
  name: 'ml.model_cards',
  columns: [
    ...RUN_COLUMNS,
    { name: 'model', type: 'VARCHAR' },
    { name: 'verdict_level', type: 'VARCHAR' },
    { name: 'verdict', type: 'VARCHAR' },
    { name: 'suspicious', type: 'BOOLEAN' },
    { name: 'card_json', type: 'VARCHAR' },
  ],
};

/** What a step that publishes model runs, metrics and cards declares as `writesShared`. */
export const SHARED_ML_TABLES = [MODEL_RUNS.name, METRICS.name, MODEL_CARDS.name];

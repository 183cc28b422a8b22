// The ml.* tables and the gold tables the ML steps write back, with their columns. History tables
// (model_runs, metrics) keep earlier runs; the others hold the latest run of each use case.
import type { TableSpec } from './store.js';

const RUN = [
  { name: 'run_id', type: 'VARCHAR' },
  { name: 'use_case', type: 'VARCHAR' },
] as const;

export const MODEL_RUNS: TableSpec = {
  name: 'ml.model_runs',
  columns: [...RUN, { name: 'model', type: 'VARCHAR' }, { name: 'trained_at', type: 'TIMESTAMP' }, { name: 'as_of_date', type: 'DATE' },
    { name: 'label_window_days', type: 'BIGINT' }, { name: 'data_window', type: 'VARCHAR' }, { name: 'n_train', type: 'BIGINT' },
    { name: 'n_test', type: 'BIGINT' }, { name: 'seed', type: 'BIGINT' }, { name: 'params', type: 'VARCHAR' }, { name: 'fit_seconds', type: 'DOUBLE' }],
};

/** kind: model | baseline | ceiling | run (run-level facts such as the family-wise p-value). */
export const METRICS: TableSpec = {
  name: 'ml.metrics',
  columns: [...RUN, { name: 'model', type: 'VARCHAR' }, { name: 'kind', type: 'VARCHAR' }, { name: 'metric', type: 'VARCHAR' },
    { name: 'value', type: 'DOUBLE' }, { name: 'ci_low', type: 'DOUBLE' }, { name: 'ci_high', type: 'DOUBLE' }],
};

export const CALIBRATION: TableSpec = {
  name: 'ml.calibration',
  columns: [...RUN, { name: 'model', type: 'VARCHAR' }, { name: 'bin', type: 'BIGINT' }, { name: 'mean_predicted', type: 'DOUBLE' },
    { name: 'observed_rate', type: 'DOUBLE' }, { name: 'n', type: 'BIGINT' }],
};

export const ROC_CURVE: TableSpec = {
  name: 'ml.roc_curve',
  columns: [...RUN, { name: 'model', type: 'VARCHAR' }, { name: 'point', type: 'BIGINT' }, { name: 'fpr', type: 'DOUBLE' }, { name: 'tpr', type: 'DOUBLE' }],
};

export const FEATURE_IMPORTANCE: TableSpec = {
  name: 'ml.feature_importance',
  columns: [...RUN, { name: 'model', type: 'VARCHAR' }, { name: 'feature', type: 'VARCHAR' }, { name: 'importance', type: 'DOUBLE' }, { name: 'rank', type: 'BIGINT' }],
};

export const MODEL_CARDS: TableSpec = {
  name: 'ml.model_cards',
  columns: [...RUN, { name: 'model', type: 'VARCHAR' }, { name: 'verdict_level', type: 'VARCHAR' }, { name: 'verdict', type: 'VARCHAR' },
    { name: 'suspicious', type: 'BOOLEAN' }, { name: 'card_json', type: 'VARCHAR' }],
};

export const CHURN_RISK: TableSpec = {
  name: 'gold.churn_risk',
  columns: [{ name: 'user_id', type: 'VARCHAR' }, { name: 'as_of_date', type: 'DATE' }, { name: 'churn_probability', type: 'DOUBLE' },
    { name: 'risk_band', type: 'VARCHAR' }, { name: 'top_drivers', type: 'VARCHAR' }, { name: 'model', type: 'VARCHAR' },
    { name: 'in_test_set', type: 'BOOLEAN' }, { name: 'run_id', type: 'VARCHAR' }],
};

export const USER_SEGMENTS: TableSpec = {
  name: 'gold.user_segments',
  columns: [{ name: 'user_id', type: 'VARCHAR' }, { name: 'rfm_r', type: 'BIGINT' }, { name: 'rfm_f', type: 'BIGINT' }, { name: 'rfm_m', type: 'BIGINT' },
    { name: 'rfm_segment', type: 'VARCHAR' }, { name: 'kmeans_segment', type: 'BIGINT' }, { name: 'gmm_segment', type: 'BIGINT' },
    { name: 'dbscan_segment', type: 'BIGINT' }, { name: 'segment', type: 'BIGINT' }, { name: 'segment_name', type: 'VARCHAR' }, { name: 'run_id', type: 'VARCHAR' }],
};

export const SEGMENT_PROFILES: TableSpec = {
  name: 'ml.segment_profiles',
  columns: [...RUN, { name: 'method', type: 'VARCHAR' }, { name: 'segment', type: 'BIGINT' }, { name: 'segment_name', type: 'VARCHAR' },
    { name: 'size', type: 'BIGINT' }, { name: 'share', type: 'DOUBLE' }, { name: 'description', type: 'VARCHAR' }, { name: 'profile_json', type: 'VARCHAR' }],
};

/** Model-selection curves: silhouette by k (k-means), BIC by k (GMM), the k-distance curve (DBSCAN). */
export const SELECTION_CURVES: TableSpec = {
  name: 'ml.selection_curves',
  columns: [...RUN, { name: 'method', type: 'VARCHAR' }, { name: 'criterion', type: 'VARCHAR' }, { name: 'x', type: 'DOUBLE' }, { name: 'value', type: 'DOUBLE' }, { name: 'chosen', type: 'BOOLEAN' }],
};

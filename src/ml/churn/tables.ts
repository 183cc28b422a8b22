// The tables ml.churn writes besides the shared ones (src/ml/publish/tables.ts): the curves and
// importances of the latest run, and the per-user risk in gold.
import type { TableSpec } from '../publish/store.js';
import { RUN_COLUMNS } from '../publish/tables.js';

export const CALIBRATION: TableSpec = {
  name: 'ml.calibration',
  columns: [
    ...RUN_COLUMNS,
    { name: 'model', type: 'VARCHAR' },
    { name: 'bin', type: 'BIGINT' },
    { name: 'mean_predicted', type: 'DOUBLE' },
    { name: 'observed_rate', type: 'DOUBLE' },
    { name: 'n', type: 'BIGINT' },
  ],
};

export const ROC_CURVE: TableSpec = {
  name: 'ml.roc_curve',
  columns: [
    ...RUN_COLUMNS,
    { name: 'model', type: 'VARCHAR' },
    { name: 'point', type: 'BIGINT' },
    { name: 'fpr', type: 'DOUBLE' },
    { name: 'tpr', type: 'DOUBLE' },
  ],
};

export const FEATURE_IMPORTANCE: TableSpec = {
  name: 'ml.feature_importance',
  columns: [
    ...RUN_COLUMNS,
    { name: 'model', type: 'VARCHAR' },
    { name: 'feature', type: 'VARCHAR' },
    { name: 'importance', type: 'DOUBLE' },
    { name: 'rank', type: 'BIGINT' },
  ],
};

export const CHURN_RISK: TableSpec = {
  name: 'gold.churn_risk',
  columns: [
    { name: 'user_id', type: 'VARCHAR' },
    { name: 'as_of_date', type: 'DATE' },
    { name: 'churn_probability', type: 'DOUBLE' },
    { name: 'risk_band', type: 'VARCHAR' },
    { name: 'top_drivers', type: 'VARCHAR' },
    { name: 'model', type: 'VARCHAR' },
    { name: 'in_test_set', type: 'BOOLEAN' },
    { name: 'verdict_level', type: 'VARCHAR' },
    { name: 'verdict', type: 'VARCHAR' },
    { name: 'run_id', type: 'VARCHAR' },
  ],
};

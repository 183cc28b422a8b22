// The table ml.forecast writes besides the shared ones (src/ml/publish/tables.ts): 28-day forecasts
// with intervals for the catalogue (movie_id '__catalogue__') and the top titles.
import type { TableSpec } from '../publish/store.js';

/** The gold tables ml.forecast reads: daily views per title, and the daily KPIs its anomaly detection watches. */
export const VIEWS_TABLE = 'gold.ml_title_daily_views';
export const DAILY_KPI_TABLE = 'gold.kpi_daily_by_segment';

export const TITLE_FORECASTS: TableSpec = {
  name: 'gold.title_forecasts',
  columns: [
    { name: 'movie_id', type: 'VARCHAR' },
    { name: 'day', type: 'DATE' },
    { name: 'forecast', type: 'DOUBLE' },
    { name: 'lo', type: 'DOUBLE' },
    { name: 'hi', type: 'DOUBLE' },
    { name: 'model', type: 'VARCHAR' },
    { name: 'run_id', type: 'VARCHAR' },
  ],
};

/** Days where a daily KPI (views, sessions, ctr) leaves its weekly pattern (outlier) or shifts level (changepoint): anomalies.ts. */
export const KPI_ANOMALIES: TableSpec = {
  name: 'gold.kpi_anomalies_by_day',
  columns: [
    { name: 'kpi', type: 'VARCHAR' },
    { name: 'day', type: 'DATE' },
    { name: 'value', type: 'DOUBLE' },
    { name: 'expected', type: 'DOUBLE' },
    { name: 'score', type: 'DOUBLE' },
    { name: 'kind', type: 'VARCHAR' },
    { name: 'run_id', type: 'VARCHAR' },
  ],
};

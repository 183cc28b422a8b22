// The tables ml.segment writes besides the shared ones (src/ml/publish/tables.ts): each user's
// segments in gold, and the latest run's segment profiles and model-selection curves.
import type { TableSpec } from '../publish/store.js';
import { RUN_COLUMNS } from '../publish/tables.js';

export const USER_SEGMENTS: TableSpec = {
  name: 'gold.user_segments',
  columns: [
    { name: 'user_id', type: 'VARCHAR' },
    { name: 'rfm_r', type: 'BIGINT' },
    { name: 'rfm_f', type: 'BIGINT' },
    { name: 'rfm_m', type: 'BIGINT' },
    { name: 'rfm_segment', type: 'VARCHAR' },
    { name: 'kmeans_segment', type: 'BIGINT' },
    { name: 'gmm_segment', type: 'BIGINT' },
    { name: 'dbscan_segment', type: 'BIGINT' },
    { name: 'segment', type: 'BIGINT' },
    { name: 'segment_name', type: 'VARCHAR' },
    { name: 'run_id', type: 'VARCHAR' },
  ],
};

export const SEGMENT_PROFILES: TableSpec = {
  name: 'ml.segment_profiles',
  columns: [
    ...RUN_COLUMNS,
    { name: 'method', type: 'VARCHAR' },
    { name: 'segment', type: 'BIGINT' },
    { name: 'segment_name', type: 'VARCHAR' },
    { name: 'size', type: 'BIGINT' },
    { name: 'share', type: 'DOUBLE' },
    { name: 'description', type: 'VARCHAR' },
    { name: 'profile_json', type: 'VARCHAR' },
  ],
};

/** Model-selection curves: silhouette by k (k-means), BIC by k (GMM), the k-distance curve (DBSCAN). */
export const SELECTION_CURVES: TableSpec = {
  name: 'ml.selection_curves',
  columns: [
    ...RUN_COLUMNS,
    { name: 'method', type: 'VARCHAR' },
    { name: 'criterion', type: 'VARCHAR' },
    { name: 'x', type: 'DOUBLE' },
    { name: 'value', type: 'DOUBLE' },
    { name: 'chosen', type: 'BOOLEAN' },
  ],
};

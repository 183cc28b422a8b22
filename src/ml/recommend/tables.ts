// The table ml.recommend writes besides the shared ones (src/ml/publish/tables.ts): the top-10 per user.
import type { TableSpec } from '../publish/store.js';

export const USER_RECOMMENDATIONS: TableSpec = {
  name: 'gold.user_recommendations',
  columns: [
    { name: 'user_id', type: 'VARCHAR' },
    { name: 'rank', type: 'BIGINT' },
    { name: 'movie_id', type: 'VARCHAR' },
    { name: 'score', type: 'DOUBLE' },
    { name: 'model', type: 'VARCHAR' },
    { name: 'run_id', type: 'VARCHAR' },
  ],
};

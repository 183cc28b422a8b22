// The tables ml.search_intent writes besides the shared ones (src/ml/publish/tables.ts): the intent
// of every search, and the top query suggestions per prefix.
import type { TableSpec } from '../publish/store.js';

/** The gold table ml.search_intent reads: the search queries. */
export const SEARCH_TABLE = 'gold.ml_search_queries';

export const SEARCH_INTENT: TableSpec = {
  name: 'gold.search_intent',
  columns: [
    { name: 'search_id', type: 'VARCHAR' },
    { name: 'search_query', type: 'VARCHAR' },
    { name: 'weak_label', type: 'VARCHAR' },
    { name: 'predicted_intent', type: 'VARCHAR' },
    { name: 'model', type: 'VARCHAR' },
    { name: 'run_id', type: 'VARCHAR' },
  ],
};

export const QUERY_SUGGESTIONS: TableSpec = {
  name: 'gold.query_suggestions',
  columns: [
    { name: 'prefix', type: 'VARCHAR' },
    { name: 'rank', type: 'BIGINT' },
    { name: 'suggestion', type: 'VARCHAR' },
    { name: 'count', type: 'BIGINT' },
    { name: 'run_id', type: 'VARCHAR' },
  ],
};

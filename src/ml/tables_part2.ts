// Gold tables written by the ML part-2 steps (recommendations, sentiment, search intent,
// forecasts). The ml.* history tables (model_runs, metrics, model_cards) are shared: see tables.ts.
import type { TableSpec } from './store.js';

export const USER_RECOMMENDATIONS: TableSpec = {
  name: 'gold.user_recommendations',
  columns: [{ name: 'user_id', type: 'VARCHAR' }, { name: 'rank', type: 'BIGINT' }, { name: 'movie_id', type: 'VARCHAR' },
    { name: 'score', type: 'DOUBLE' }, { name: 'model', type: 'VARCHAR' }, { name: 'run_id', type: 'VARCHAR' }],
};

export const REVIEW_SENTIMENT: TableSpec = {
  name: 'gold.review_sentiment',
  columns: [{ name: 'review_id', type: 'VARCHAR' }, { name: 'movie_id', type: 'VARCHAR' }, { name: 'predicted_sentiment', type: 'VARCHAR' },
    { name: 'score', type: 'DOUBLE' }, { name: 'source_sentiment', type: 'VARCHAR' }, { name: 'model', type: 'VARCHAR' },
    { name: 'in_test_set', type: 'BOOLEAN' }, { name: 'run_id', type: 'VARCHAR' }],
};

export const SEARCH_INTENT: TableSpec = {
  name: 'gold.search_intent',
  columns: [{ name: 'search_id', type: 'VARCHAR' }, { name: 'search_query', type: 'VARCHAR' }, { name: 'weak_label', type: 'VARCHAR' },
    { name: 'predicted_intent', type: 'VARCHAR' }, { name: 'model', type: 'VARCHAR' }, { name: 'run_id', type: 'VARCHAR' }],
};

export const QUERY_SUGGESTIONS: TableSpec = {
  name: 'gold.query_suggestions',
  columns: [{ name: 'prefix', type: 'VARCHAR' }, { name: 'rank', type: 'BIGINT' }, { name: 'suggestion', type: 'VARCHAR' },
    { name: 'count', type: 'BIGINT' }, { name: 'run_id', type: 'VARCHAR' }],
};

export const TITLE_FORECASTS: TableSpec = {
  name: 'gold.title_forecasts',
  columns: [{ name: 'movie_id', type: 'VARCHAR' }, { name: 'day', type: 'DATE' }, { name: 'forecast', type: 'DOUBLE' },
    { name: 'lo', type: 'DOUBLE' }, { name: 'hi', type: 'DOUBLE' }, { name: 'model', type: 'VARCHAR' }, { name: 'run_id', type: 'VARCHAR' }],
};

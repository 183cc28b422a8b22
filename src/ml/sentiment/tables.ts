// The table ml.sentiment writes besides the shared ones (src/ml/publish/tables.ts): a predicted sentiment per review.
import type { TableSpec } from '../publish/store.js';

/** The gold table ml.sentiment reads: the review texts with their ratings. */
export const REVIEW_TABLE = 'gold.ml_review_texts';

export const REVIEW_SENTIMENT: TableSpec = {
  name: 'gold.review_sentiment',
  columns: [
    { name: 'review_id', type: 'VARCHAR' },
    { name: 'movie_id', type: 'VARCHAR' },
    { name: 'predicted_sentiment', type: 'VARCHAR' },
    { name: 'score', type: 'DOUBLE' },
    { name: 'source_sentiment', type: 'VARCHAR' },
    { name: 'model', type: 'VARCHAR' },
    { name: 'in_test_set', type: 'BOOLEAN' },
    { name: 'run_id', type: 'VARCHAR' },
  ],
};

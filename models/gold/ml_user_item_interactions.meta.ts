import type { ModelMeta } from '../../src/pipeline/step.js';
import { keyExistsCheck } from '../../src/gold/kpi-checks.js';

export default {
  description: 'User-title interactions for recommenders (grain: user_id x movie_id).',
  columns: {
    user_id: 'Account key.',
    movie_id: 'Title key.',
    sessions: 'Sessions of the title by the account.',
    minutes: 'Valid minutes watched.',
    max_progress: 'Highest progress percentage reached.',
    completed: 'Any session completed the title.',
    avg_user_rating: 'Mean star rating given after sessions (NULL: none).',
    first_watch_date: 'First session date.',
    last_watch_date: 'Latest session date.',
  },
  checks: [
    keyExistsCheck('gold.ml_user_item_interactions', 'user_id', 'silver.users'),
    keyExistsCheck('gold.ml_user_item_interactions', 'movie_id', 'silver.movies'),
  ],
} satisfies ModelMeta;

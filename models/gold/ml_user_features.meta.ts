import type { ModelMeta } from '../../src/pipeline/step.js';
import { ML_USER_FEATURE_COLUMNS } from '../../src/gold/ml-user-features.js';

export default {
  description: 'Point-in-time churn features per account (grain: user_id): only events before as_of_date; label churned = not is_active (observed over the label window after as_of_date).',
  columns: ML_USER_FEATURE_COLUMNS,
} satisfies ModelMeta;

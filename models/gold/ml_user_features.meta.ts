import type { ModelMeta } from '../../src/pipeline/step.js';
import { ML_USER_FEATURE_COLUMNS } from '../../src/gold/ml-user-features.js';

export default {
  description:
    'Point-in-time churn features per account (grain: user_id): only events before as_of_date; labels churned = NOT is_active (snapshot at export) and churned_behavioural (no session in the label window after as_of_date, among users active in the 90 days before it).',
  columns: ML_USER_FEATURE_COLUMNS,
} satisfies ModelMeta;

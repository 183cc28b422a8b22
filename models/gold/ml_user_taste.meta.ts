import type { ModelMeta } from '../../src/pipeline/step.js';
import { keyExistsCheck } from '../../src/gold/kpi-checks.js';

export default {
  description:
    'Taste shares per account for segmentation (grain: user_id x kind x value): genres watched, reviewed or recommended by taste-driven recommenders, viewing devices, and devices of other events; only events before as_of_date.',
  columns: {
    user_id: 'Account key.',
    kind: "'genre', 'watch_device' or 'event_device'.",
    value: 'The genre or device.',
    events: 'Events of this kind with this value.',
    share: 'events / all events of this kind for the account (shares of one kind sum to 1).',
  },
  checks: [keyExistsCheck('gold.ml_user_taste', 'user_id', 'silver.users')],
} satisfies ModelMeta;

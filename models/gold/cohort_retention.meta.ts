import type { ModelMeta } from '../../src/pipeline/step.js';

export default {
  description: 'Retention by subscription-start cohort (grain: cohort_month x months_since_start).',
  columns: {
    cohort_month: 'Month the subscriptions started.',
    months_since_start: 'Whole months after the cohort month (0 = the start month).',
    cohort_size: 'Accounts in the cohort.',
    retained_accounts: 'Cohort accounts with at least one session that month.',
    retention_rate: 'retained_accounts / cohort_size (0-1).',
  },
} satisfies ModelMeta;

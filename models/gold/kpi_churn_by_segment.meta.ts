import type { ModelMeta } from '../../src/pipeline/step.js';
import { kpiFields, pick } from '../../src/gold/kpi-checks.js';

const kpis = kpiFields('gold.kpi_churn_by_segment', [
  'subscribers',
  'active_subscribers',
  'churn_rate',
  'mrr',
  'arpu',
  'spend_outlier_accounts',
  'spend_mad_flagged_accounts',
]);

export default {
  description:
    'Subscriber base, churn, MRR and ARPU overall and by plan, country, signup cohort, device and age band (grain: dimension x value).',
  columns: {
    dimension: 'overall | plan | country | signup_cohort | device | age_band.',
    value: 'Value of the dimension (signup cohort as YYYY-Qn).',
    ...pick(kpis.columns, [
      'subscribers',
      'active_subscribers',
      'churn_rate',
      'mrr',
      'arpu',
      'spend_outlier_accounts',
      'spend_mad_flagged_accounts',
    ]),
    churn_ci_low: 'Lower bound of the 95% Wilson interval of the churn rate.',
    churn_ci_high: 'Upper bound of the 95% Wilson interval of the churn rate.',
  },
  checks: kpis.checks,
} satisfies ModelMeta;

import type { ModelMeta } from '../../src/pipeline/step.js';
import { kpiFields, pick } from '../../src/gold/kpi-checks.js';

const kpis = kpiFields('gold.kpi_business_by_month', ['sessions', 'watch_hours', 'completion_rate']);

export default {
  description: 'Platform usage per calendar month (grain: month): MAU, average DAU, stickiness, sessions, hours and new subscriptions.',
  columns: {
    month: 'First day of the month.',
    mau: 'Distinct accounts with at least one session in the month.',
    avg_dau: "Average over the month's days of distinct accounts with a session that day.",
    stickiness: "Average DAU / MAU (0-1): how many of the month's viewers come back on a given day.",
    ...pick(kpis.columns, ['sessions', 'watch_hours', 'completion_rate']),
    new_subscriptions: 'Accounts whose subscription started in the month.',
  },
  checks: kpis.checks,
} satisfies ModelMeta;

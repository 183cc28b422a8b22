import type { ModelMeta } from '../../src/pipeline/step.js';
import { kpiFields, pick } from '../../src/gold/kpi-checks.js';

const kpis = kpiFields('gold.kpi_churn_by_month', ['monthly_churn_rate']);
const counts = ['accounts', 'active_accounts', 'active_at_previous', 'churned', 'reactivated', 'new_accounts'];

export default {
  description:
    'Churn by month from periodic users exports (grain: users snapshot, one per export month): accounts, churned, reactivated and new since the previous export. Rows = number of exports; with one export there is no movement to measure.',
  columns: {
    snapshot_month: "First day of the snapshot's month (the month in the export's file name, else the month it was loaded).",
    snapshot_at: 'When the export took effect.',
    snapshot_no: '1 for the first export, 2 for the next ...',
    accounts: 'Accounts known at this export (an account missing from a later export keeps its last known state).',
    active_accounts: 'Accounts active at this export.',
    active_at_previous: 'Accounts active at the previous export (NULL for the first export).',
    churned: 'Accounts active at the previous export and inactive at this one (NULL for the first export).',
    reactivated: 'Accounts inactive at the previous export and active at this one (NULL for the first export).',
    new_accounts: 'Accounts first seen at this export (NULL for the first export).',
    ...pick(kpis.columns, ['monthly_churn_rate']),
  },
  checks: [
    ...kpis.checks,
    {
      name: 'one_row_per_snapshot',
      kind: 'unique',
      dataset: 'gold.kpi_churn_by_month',
      column: 'snapshot_no',
      action: 'fail',
      reasonCode: 'DUPLICATE_SNAPSHOT',
      description: 'One row per users export.',
    },
    ...counts.map((c) => ({
      name: `${c}_not_negative`,
      kind: 'range' as const,
      dataset: 'gold.kpi_churn_by_month',
      column: c,
      action: 'fail' as const,
      reasonCode: 'KPI_OUT_OF_RANGE',
      description: `${c} is a count.`,
      params: { min: 0 },
    })),
    {
      name: 'churned_within_active_at_previous',
      kind: 'expression',
      dataset: 'gold.kpi_churn_by_month',
      action: 'fail',
      reasonCode: 'CHURN_EXCEEDS_BASE',
      description: 'No more accounts churn than were active at the previous export.',
      params: { expression: 'churned IS NULL OR churned <= active_at_previous', key: 'snapshot_no' },
    },
  ],
} satisfies ModelMeta;

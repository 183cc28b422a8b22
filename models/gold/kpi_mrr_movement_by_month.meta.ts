import type { ModelMeta } from '../../src/pipeline/step.js';
import { kpiFields, pick } from '../../src/gold/kpi-checks.js';

const table = 'gold.kpi_mrr_movement_by_month';
const kpis = kpiFields(table, ['net_mrr_movement']);
const nonNegative = [
  'mrr_start',
  'new_mrr',
  'expansion_mrr',
  'contraction_mrr',
  'churned_mrr',
  'mrr_end',
  'accounts_new',
  'accounts_expanded',
  'accounts_contracted',
  'accounts_churned',
];

export default {
  description:
    "MRR movement by month from periodic users exports (grain: users snapshot, one per export month): MRR at the previous export, new, expansion, contraction, churned, MRR now. An account's MRR is its reported spend while active (blank spend and the 200+ outlier band count 0, so it differs from the imputed MRR of kpi_churn_by_segment).",
  columns: {
    snapshot_month: "First day of the snapshot's month (the month in the export's file name, else the month it was loaded).",
    snapshot_at: 'When the export took effect.',
    snapshot_no: '1 for the first export, 2 for the next ...',
    mrr_start: 'MRR (USD) at the previous export (NULL for the first export).',
    new_mrr: 'MRR of accounts paying now that paid nothing at the previous export: sign-ups and reactivations.',
    expansion_mrr: 'MRR added by accounts that pay more than at the previous export (upgrades, higher spend).',
    contraction_mrr: 'MRR lost by accounts that still pay but less than at the previous export (positive number).',
    churned_mrr: 'MRR lost by accounts that paid at the previous export and pay nothing now (positive number).',
    mrr_end: 'MRR (USD) at this export.',
    ...pick(kpis.columns, ['net_mrr_movement']),
    accounts_new: 'Accounts behind new_mrr.',
    accounts_expanded: 'Accounts behind expansion_mrr.',
    accounts_contracted: 'Accounts behind contraction_mrr.',
    accounts_churned: 'Accounts behind churned_mrr.',
  },
  checks: [
    ...kpis.checks,
    {
      name: 'one_row_per_snapshot',
      kind: 'unique',
      dataset: table,
      column: 'snapshot_no',
      action: 'fail',
      reasonCode: 'DUPLICATE_SNAPSHOT',
      description: 'One row per users export.',
    },
    ...nonNegative.map((c) => ({
      name: `${c}_not_negative`,
      kind: 'range' as const,
      dataset: table,
      column: c,
      action: 'fail' as const,
      reasonCode: 'KPI_OUT_OF_RANGE',
      description: `${c} is not negative.`,
      params: { min: 0 },
    })),
    {
      name: 'movement_adds_up',
      kind: 'expression',
      dataset: table,
      action: 'fail',
      reasonCode: 'MRR_MOVEMENT_MISMATCH',
      description: 'MRR now = MRR at the previous export + new + expansion - contraction - churned (to the cent).',
      params: {
        expression: 'mrr_start IS NULL OR abs(mrr_end - (mrr_start + new_mrr + expansion_mrr - contraction_mrr - churned_mrr)) < 0.05',
        key: 'snapshot_no',
      },
    },
  ],
} satisfies ModelMeta;

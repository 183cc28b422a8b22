import type { ModelMeta } from '../../src/pipeline/step.js';
import { kpiFields } from '../../src/gold/kpi-checks.js';

const table = 'gold.kpi_subscriptions_by_export';
const kpis = kpiFields(table, ['active_subscribers', 'churn_rate', 'mrr']);

export default {
  description:
    "The subscription snapshot KPIs at each export of users (grain: users snapshot, one per export month), from the declared formulas over the account versions valid at the export; the history behind the Overview cards' month-on-month and year-on-year comparisons. Values as exported (a blank spend adds 0 to MRR; silver.users imputes it).",
  columns: {
    snapshot_month: "First day of the snapshot's month (the month in the export's file name, else the month it was loaded).",
    snapshot_at: 'When the export took effect.',
    snapshot_no: '1 for the first export, 2 for the next ...',
    ...kpis.columns,
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
  ],
} satisfies ModelMeta;

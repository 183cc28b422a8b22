// Segment drill-down (/page/segment?plan=Basic or ?country=Canada): the headline KPIs and monthly
// sessions of one segment (the dashboard's own filters), beside its subscription snapshot. Reached by
// clicking a plan or country on the Business page; not in the navigation.
import { sql } from '../../engine/sql.js';
import type { PageSpec } from '../views.js';
import { overviewPage } from './overview.js';
import { SUBSCRIPTION_SNAPSHOT_COLUMNS } from './business.js';

const fromOverview = (id: string) => overviewPage.views.find((v) => v.id === id)!;

export const segmentPage: PageSpec = {
  name: 'segment',
  title: 'Segment',
  description:
    'One segment of accounts (the plan and country filters above): its headline KPIs by month, sessions by device, and its subscription snapshot next to all accounts.',
  drillDown: true,
  backTo: 'business',
  views: [
    fromOverview('headline-kpis'),
    {
      id: 'segment-snapshot',
      title: 'Subscriptions in this segment',
      caption:
        'Accounts, active accounts, churn (with its 95 % Wilson interval), MRR and ARPU of the chosen plan and country, with all accounts as the first row for comparison. Snapshots: not filtered by date or device.',
      tables: ['gold.kpi_churn_by_segment'],
      filterColumns: { country: 'value', plan: 'value' },
      query: (f) => sql`
        SELECT CASE dimension WHEN 'overall' THEN 'all accounts' ELSE dimension || ': ' || value END AS segment,
          subscribers, active_subscribers, churn_rate, churn_ci_low, churn_ci_high, mrr, arpu
        FROM gold.kpi_churn_by_segment
        WHERE dimension = 'overall' OR (dimension = 'plan' AND value = ${f.plan ?? null}) OR (dimension = 'country' AND value = ${f.country ?? null})
        ORDER BY CASE dimension WHEN 'overall' THEN 0 WHEN 'plan' THEN 1 ELSE 2 END`,
      table: [{ key: 'segment', label: 'Segment', format: 'text' }, ...SUBSCRIPTION_SNAPSHOT_COLUMNS],
    },
    fromOverview('monthly-trend'),
  ],
};

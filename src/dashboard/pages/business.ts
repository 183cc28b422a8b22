// Business: revenue, churn and retention. silver.users holds each account's current status, so MRR,
// ARPU and churn by segment are snapshots (gold.kpi_churn_by_segment); churn and MRR movement by
// month need several exports of users (gold.kpi_churn_by_month, gold.kpi_mrr_movement_by_month, one
// row per export), and say so, with the number of exports found, when there is only one. Monthly
// numbers (signups, viewers) come from gold.kpi_business_by_month. None of these views is filtered
// by country, plan or device: each segment is already a row of its own.
import type { Row } from '../../engine/engine.js';
import { sql } from '../../engine/sql.js';
import { kpi, SPEND_BAND_MIN } from '../../gold/kpis.js';
import { barChart, heatmapChart } from '../charts.js';
import { whereFilters } from '../filters.js';
import type { PageSpec, TableColumn } from '../views.js';
import { rateFindings } from '../rate-findings.js';
import { kpiAxis, kpiColumn } from '../kpi-labels.js';

/**
 * Months after the last one with any subscription start show zero: say so, with the months named,
 * so a reader does not take the drop for a collapse in signups (computed from the rows; none if no gap).
 */
export function signupsEndNote(rows: Row[]): string | undefined {
  let last = -1;
  rows.forEach((row, i) => {
    if (Number(row.new_subscriptions) > 0) last = i;
  });
  const after = rows.length - 1 - last;
  if (last < 0 || after <= 0) return undefined;
  const lastMonth = String(rows[last].month);
  const end = String(rows[rows.length - 1].month);
  return `The latest subscription start in the account data is in ${lastMonth}; the ${after} later month${after === 1 ? '' : 's'} (to ${end}) ${after === 1 ? 'has' : 'have'} activity but no recorded subscription starts, so their zero marks where the account data ends.`;
}

/** Movement is measured between consecutive exports of users: one export (one row) has none. */
export function tooFewExports(rows: Row[]): string | undefined {
  if (rows.length >= 2) return undefined;
  return `Churn and revenue over time need two or more exports of users (e.g. users_2025_07.csv, users_2025_08.csv); this warehouse has ${rows.length}. Until then churn is the snapshot by segment below.`;
}

const afterFirstExport = (rows: Row[]) => rows.filter((r) => Number(r.snapshot_no) > 1);

/** A subscription snapshot's columns after its group: accounts, churn with its Wilson interval, MRR and ARPU (also the Segment page's). */
export const SUBSCRIPTION_SNAPSHOT_COLUMNS: readonly TableColumn[] = [
  kpiColumn('subscribers'),
  kpiColumn('active_subscribers'),
  kpiColumn('churn_rate'),
  { key: 'churn_ci_low', label: '95 % low', format: 'percent' },
  { key: 'churn_ci_high', label: '95 % high', format: 'percent' },
  kpiColumn('mrr'),
  kpiColumn('arpu'),
];

export const businessPage: PageSpec = {
  name: 'business',
  title: 'Business',
  description: 'MRR, ARPU, churn and cohort retention.',
  views: [
    {
      id: 'churn-by-month',
      title: 'Churn by month',
      caption:
        'Of the accounts active at one export of users, the share inactive at the next, by the month of the later export; with the accounts churned, reactivated and new. All data; not filtered.',
      tables: ['gold.kpi_churn_by_month'],
      query:
        () => sql`SELECT strftime(snapshot_month, '%Y-%m') AS month, snapshot_no, accounts, active_accounts, active_at_previous, churned, reactivated, new_accounts, monthly_churn_rate
        FROM gold.kpi_churn_by_month ORDER BY snapshot_no`,
      unavailable: tooFewExports,
      chart: (rows) =>
        barChart(afterFirstExport(rows), {
          x: { key: 'month', label: 'Month of the export', format: 'text' },
          y: kpiAxis('monthly_churn_rate'),
          series: [{ key: 'monthly_churn_rate', name: kpi('monthly_churn_rate').label }],
        }),
      table: [
        { key: 'month', label: 'Export month', format: 'text' },
        { key: 'accounts', label: 'Accounts', format: 'count' },
        { key: 'active_accounts', label: 'Active', format: 'count' },
        { key: 'active_at_previous', label: 'Active at previous export', format: 'count' },
        { key: 'churned', label: 'Churned', format: 'count' },
        { key: 'reactivated', label: 'Reactivated', format: 'count' },
        { key: 'new_accounts', label: 'New', format: 'count' },
        kpiColumn('monthly_churn_rate'),
      ],
    },
    {
      id: 'mrr-movement',
      title: 'MRR movement by month',
      caption:
        'How MRR (USD, reported spend of active accounts) changed since the previous export of users: new (sign-ups and reactivations) and expansion add, contraction and churned (drawn below zero) subtract. All data; not filtered.',
      tables: ['gold.kpi_mrr_movement_by_month'],
      query: () => sql`SELECT strftime(snapshot_month, '%Y-%m') AS month, snapshot_no, mrr_start, new_mrr, expansion_mrr,
          -contraction_mrr AS contraction_mrr, -churned_mrr AS churned_mrr, mrr_end, net_mrr_movement
        FROM gold.kpi_mrr_movement_by_month ORDER BY snapshot_no`,
      unavailable: tooFewExports,
      chart: (rows) =>
        barChart(afterFirstExport(rows), {
          x: { key: 'month', label: 'Month of the export', format: 'text' },
          y: { label: 'MRR change', format: 'currency' },
          series: [
            { key: 'new_mrr', name: 'New' },
            { key: 'expansion_mrr', name: 'Expansion' },
            { key: 'contraction_mrr', name: 'Contraction' },
            { key: 'churned_mrr', name: 'Churned' },
          ],
          stacked: true,
        }),
      table: [
        { key: 'month', label: 'Export month', format: 'text' },
        { key: 'mrr_start', label: 'MRR at previous export', format: 'currency' },
        { key: 'new_mrr', label: 'New', format: 'currency' },
        { key: 'expansion_mrr', label: 'Expansion', format: 'currency' },
        { key: 'contraction_mrr', label: 'Contraction', format: 'currency' },
        { key: 'churned_mrr', label: 'Churned', format: 'currency' },
        { key: 'mrr_end', label: 'MRR', format: 'currency' },
        kpiColumn('net_mrr_movement'),
      ],
    },
    {
      id: 'mrr-by-plan',
      title: 'MRR by plan',
      caption: `Monthly recurring revenue (USD, active accounts) of each subscription plan today. Outlier rule: accounts spending $${SPEND_BAND_MIN} or more a month (the seed's outlier band) are left out; accounts only the robust MAD rule flags stay in and are counted in the table below. All data; not filtered (a snapshot: one row per plan).`,
      tables: ['gold.kpi_churn_by_segment'],
      query: () => sql`SELECT value AS plan, mrr FROM gold.kpi_churn_by_segment WHERE dimension = 'plan' ORDER BY mrr DESC`,
      drill: { page: 'segment', params: { plan: 'plan' }, chartKey: 'plan' },
      chart: (rows) =>
        barChart(rows, {
          x: { key: 'plan', label: 'Subscription plan', format: 'text' },
          y: kpiAxis('mrr'),
          series: [{ key: 'mrr', name: kpi('mrr').label }],
        }),
    },
    {
      id: 'arpu-by-plan',
      title: 'ARPU by plan and country',
      caption:
        'Average monthly revenue per active account (USD) for each plan and each country. All data; not filtered (each segment is its own bar).',
      tables: ['gold.kpi_churn_by_segment'],
      query: () => sql`
        SELECT dimension || ': ' || value AS segment, arpu FROM gold.kpi_churn_by_segment
        WHERE dimension IN ('plan', 'country') ORDER BY dimension DESC, arpu DESC`,
      chart: (rows) =>
        barChart(rows, {
          x: { key: 'segment', label: 'Segment', format: 'text' },
          y: kpiAxis('arpu'),
          series: [{ key: 'arpu', name: kpi('arpu').label }],
          horizontal: true,
        }),
    },
    {
      id: 'churn-by-segment',
      title: 'Churn rate by segment',
      caption:
        'Share of accounts no longer active in each plan, country, signup quarter, primary device and age band, with a 95 % Wilson interval (wide intervals mean small groups); beside it, a chi-square test of homogeneity per breakdown says whether churn differs between its groups at all. All data; not filtered.',
      tables: ['gold.kpi_churn_by_segment'],
      query: () => sql`
        SELECT dimension, value, subscribers, active_subscribers, churn_rate, churn_ci_low, churn_ci_high, mrr, arpu, spend_outlier_accounts, spend_mad_flagged_accounts
        FROM gold.kpi_churn_by_segment
        ORDER BY CASE dimension WHEN 'overall' THEN 0 WHEN 'plan' THEN 1 WHEN 'country' THEN 2 ELSE 3 END, dimension,
          -- Age bands in their natural order: "under 18", "18-24", ..., "65+", then "Unknown".
          CASE WHEN value = 'Unknown' THEN 2 WHEN value LIKE 'under %' THEN 0 ELSE 1 END,
          CASE WHEN dimension = 'age_band' THEN try_cast(left(value, 2) AS INTEGER) END, value`,
      findings: (rows) =>
        rateFindings(rows, {
          rateLabel: kpi('churn_rate').label,
          dimensionKey: 'dimension',
          groupKey: 'value',
          trialsKey: 'subscribers',
          rateKey: 'churn_rate',
          dimensions: { plan: 'plan', country: 'country', age_band: 'age band', device: 'primary device', signup_cohort: 'signup quarter' },
        }),
      table: [
        { key: 'dimension', label: 'Breakdown', format: 'text' },
        { key: 'value', label: 'Group', format: 'text' },
        ...SUBSCRIPTION_SNAPSHOT_COLUMNS,
        kpiColumn('spend_outlier_accounts'),
        kpiColumn('spend_mad_flagged_accounts'),
      ],
      // Plans and countries are dashboard filters: their rows open the segment page.
      drill: {
        page: 'segment',
        params: { value: 'value' },
        when: { key: 'dimension', values: ['plan', 'country'] },
        paramFromKey: true,
        linkColumn: 'value',
      },
    },
    {
      id: 'cohort-retention',
      title: 'Cohort retention',
      caption:
        'Each row is a signup cohort (month the subscription started); each cell the share of that cohort with at least one session N months later (darker is better). Blank cells: nobody of the cohort watched that month, or the month lies outside the session data. All data; not filtered.',
      tables: ['gold.cohort_retention'],
      query: () => sql`
        SELECT strftime(cohort_month, '%Y-%m') AS cohort, CAST(months_since_start AS VARCHAR) AS months, retention_rate
        FROM gold.cohort_retention ORDER BY months_since_start, cohort_month`,
      chart: (rows) =>
        heatmapChart(rows, {
          x: { key: 'months', label: 'Months since subscription start', format: 'text' },
          y: { key: 'cohort', label: 'Signup cohort (month)', format: 'text' },
          value: { key: 'retention_rate', label: 'Retention', format: 'percent' },
          min: 0,
          max: 1,
        }),
    },
    {
      id: 'signups-by-month',
      title: 'New subscriptions by month',
      caption: 'Accounts whose subscription started in each calendar month. Filtered by date only (months starting inside the range).',
      tables: ['gold.kpi_business_by_month'],
      filterColumns: { date: 'month' },
      query: (f) => sql`
        SELECT strftime(month, '%Y-%m') AS month, new_subscriptions FROM gold.kpi_business_by_month
        ${whereFilters(f, { date: 'month' })} ORDER BY month`,
      chart: (rows) =>
        barChart(rows, {
          x: { key: 'month', label: 'Month', format: 'text' },
          y: { label: 'New subscriptions', format: 'count' },
          series: [{ key: 'new_subscriptions', name: 'New subscriptions' }],
        }),
      note: signupsEndNote,
    },
  ],
};

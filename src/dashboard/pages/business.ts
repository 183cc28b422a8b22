// Business: revenue, churn and retention. The account table holds each account's current status
// only, so MRR, ARPU and churn are snapshots by segment (gold.kpi_churn_by_segment), not monthly
// series; monthly numbers (signups, viewers) come from gold.kpi_business_by_month. None of these
// views is filtered by country, plan or device: each segment is already a row of its own.
import { sql } from '../../engine/sql.js';
import { kpi, SPEND_BAND_MIN } from '../../gold/kpis.js';
import { barChart, heatmapChart } from '../charts.js';
import { whereFilters } from '../filters.js';
import type { PageSpec } from '../views.js';
import { rateFindings } from '../rate-findings.js';

const k = (name: string) => ({ label: kpi(name).label, format: kpi(name).format });

export const businessPage: PageSpec = {
  name: 'business',
  title: 'Business',
  description: 'MRR, ARPU, churn and cohort retention.',
  views: [
    {
      id: 'mrr-by-plan',
      title: 'MRR by plan',
      caption: `Monthly recurring revenue (USD, active accounts) of each subscription plan today. Outlier rule: accounts spending $${SPEND_BAND_MIN} or more a month (the seed's outlier band) are left out; accounts only the robust MAD rule flags stay in and are counted in the table below. All data; not filtered (a snapshot: one row per plan).`,
      tables: ['gold.kpi_churn_by_segment'],
      query: () => sql`SELECT value AS plan, mrr FROM gold.kpi_churn_by_segment WHERE dimension = 'plan' ORDER BY mrr DESC`,
      chart: (rows) => barChart(rows, {
        x: { key: 'plan', label: 'Subscription plan', format: 'text' },
        y: k('mrr'),
        series: [{ key: 'mrr', name: kpi('mrr').label }],
      }),
    },
    {
      id: 'arpu-by-plan',
      title: 'ARPU by plan and country',
      caption: 'Average monthly revenue per active account (USD) for each plan and each country. All data; not filtered (each segment is its own bar).',
      tables: ['gold.kpi_churn_by_segment'],
      query: () => sql`
        SELECT dimension || ': ' || value AS segment, arpu FROM gold.kpi_churn_by_segment
        WHERE dimension IN ('plan', 'country') ORDER BY dimension DESC, arpu DESC`,
      chart: (rows) => barChart(rows, {
        x: { key: 'segment', label: 'Segment', format: 'text' },
        y: k('arpu'),
        series: [{ key: 'arpu', name: kpi('arpu').label }],
        horizontal: true,
      }),
    },
    {
      id: 'churn-by-segment',
      title: 'Churn rate by segment',
      caption: 'Share of accounts no longer active in each plan, country, signup quarter, primary device and age band, with a 95 % Wilson interval (wide intervals mean small groups); beside it, a chi-square test of homogeneity per breakdown says whether churn differs between its groups at all. All data; not filtered.',
      tables: ['gold.kpi_churn_by_segment'],
      query: () => sql`
        SELECT dimension, value, subscribers, active_subscribers, churn_rate, churn_ci_low, churn_ci_high, mrr, arpu, spend_outlier_accounts, spend_mad_flagged_accounts
        FROM gold.kpi_churn_by_segment
        ORDER BY CASE dimension WHEN 'overall' THEN 0 WHEN 'plan' THEN 1 WHEN 'country' THEN 2 ELSE 3 END, dimension, value`,
      findings: (rows) => rateFindings(rows, {
        rateLabel: kpi('churn_rate').label, dimensionKey: 'dimension', groupKey: 'value', trialsKey: 'subscribers', rateKey: 'churn_rate',
        dimensions: { plan: 'plan', country: 'country', age_band: 'age band', device: 'primary device', signup_cohort: 'signup quarter' },
      }),
      table: [
        { key: 'dimension', label: 'Breakdown', format: 'text' },
        { key: 'value', label: 'Group', format: 'text' },
        { key: 'subscribers', ...k('subscribers') },
        { key: 'active_subscribers', ...k('active_subscribers') },
        { key: 'churn_rate', ...k('churn_rate') },
        { key: 'churn_ci_low', label: '95 % low', format: 'percent' },
        { key: 'churn_ci_high', label: '95 % high', format: 'percent' },
        { key: 'mrr', ...k('mrr') },
        { key: 'arpu', ...k('arpu') },
        { key: 'spend_outlier_accounts', ...k('spend_outlier_accounts') },
        { key: 'spend_mad_flagged_accounts', ...k('spend_mad_flagged_accounts') },
      ],
    },
    {
      id: 'cohort-retention',
      title: 'Cohort retention',
      caption: 'Each row is a signup cohort (month the subscription started); each cell the share of that cohort with at least one session N months later (darker is better). Blank cells: nobody of the cohort watched that month, or the month lies outside the session data. All data; not filtered.',
      tables: ['gold.cohort_retention'],
      query: () => sql`
        SELECT strftime(cohort_month, '%Y-%m') AS cohort, CAST(months_since_start AS VARCHAR) AS months, retention_rate
        FROM gold.cohort_retention ORDER BY months_since_start, cohort_month`,
      chart: (rows) => heatmapChart(rows, {
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
      chart: (rows) => barChart(rows, {
        x: { key: 'month', label: 'Month', format: 'text' },
        y: { label: 'New subscriptions', format: 'count' },
        series: [{ key: 'new_subscriptions', name: 'New subscriptions' }],
      }),
    },
  ],
};

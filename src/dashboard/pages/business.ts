// Business: subscribers, churn and revenue. Planned over gold.kpi_business_by_month.
import type { PageSpec } from '../views.js';
import { plannedView } from './planned.js';

export const businessPage: PageSpec = {
  name: 'business',
  title: 'Business',
  description: 'Active subscribers, churn, MRR and ARPU by month and segment.',
  views: [
    plannedView('subscribers-by-month', 'Active subscribers by month', 'Accounts with an active subscription at each month end, by plan.', ['gold.kpi_business_by_month']),
    plannedView('mrr-by-month', 'MRR by month', 'Monthly recurring revenue in USD, by plan.', ['gold.kpi_business_by_month']),
    plannedView('churn-by-segment', 'Churn rate by segment', 'Share of accounts no longer active, by country and plan.', ['gold.kpi_business_by_month']),
  ],
};

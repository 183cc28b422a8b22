// Overview: headline KPI cards (value, change against the previous month, sparkline) and the
// platform's trend. KPI labels, formats and directions come from the declarations in src/gold/kpis.ts.
import { KPIS } from '../../gold/kpis.js';
import type { PageSpec } from '../views.js';
import { plannedView } from './planned.js';

const HEADLINE = KPIS.filter((k) => k.headline);

export const overviewPage: PageSpec = {
  name: 'overview',
  title: 'Overview',
  description: 'The headline KPIs of the platform for the selected filters, and how they moved.',
  views: [
    {
      ...plannedView('headline-kpis', 'Headline KPIs',
        'Latest month of each headline KPI, its change against the previous month (green when it moved the good way) and its monthly trend.',
        // The tables the headline KPIs are declared in. The cards need rows { kpi, period, value } by
        // month; gold may prefer one long headline table for that: then list it here instead.
        [...new Set(HEADLINE.map((k) => k.table))]),
      kpis: HEADLINE,
    },
    plannedView('monthly-trend', 'Sessions and watch hours by month',
      'Viewing sessions and hours watched per month for the selected users.',
      ['gold.kpi_engagement_by_user_month']),
    plannedView('scorecard', 'Quality scorecard',
      'Share of checks passing per layer and dataset in the latest run.',
      ['gold.quality_scorecard']),
  ],
};

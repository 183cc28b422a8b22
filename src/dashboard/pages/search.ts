// Search: what people search for and whether they find it. Planned over gold.kpi_search.
import type { PageSpec } from '../views.js';
import { plannedView } from './planned.js';

export const searchPage: PageSpec = {
  name: 'search',
  title: 'Search',
  description: 'Searches, zero-result rate, click-through and click position.',
  views: [
    plannedView('searches-by-month', 'Searches by month', 'Searches run per month.', ['gold.kpi_search']),
    plannedView('zero-result-rate', 'Zero-result rate', 'Share of searches that returned nothing, by device.', ['gold.kpi_search']),
    plannedView('click-position', 'Mean click position', 'Average position of the clicked result (lower is better).', ['gold.kpi_search']),
  ],
};

// Recommendations: how well recommended titles are clicked. Planned over gold.kpi_recommendation_ctr.
import type { PageSpec } from '../views.js';
import { plannedView } from './planned.js';

export const recommendationsPage: PageSpec = {
  name: 'recommendations',
  title: 'Recommendations',
  description: 'Impressions, clicks and click-through rate of recommendations.',
  views: [
    plannedView('ctr-by-algorithm', 'Click-through rate by algorithm', 'Clicks per impression for each recommendation algorithm.', ['gold.kpi_recommendation_ctr']),
    plannedView('ctr-by-position', 'Click-through rate by position', 'Clicks per impression by the position of the title in the list.', ['gold.kpi_recommendation_ctr']),
    plannedView('ctr-by-device', 'Click-through rate by device', 'Clicks per impression for each device.', ['gold.kpi_recommendation_ctr']),
  ],
};

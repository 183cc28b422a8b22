// Content: which titles and genres are watched. Planned over gold.kpi_content_by_title_week.
import type { PageSpec } from '../views.js';
import { plannedView } from './planned.js';

export const contentPage: PageSpec = {
  name: 'content',
  title: 'Content',
  description: 'Views, viewers and completion of titles and genres.',
  views: [
    plannedView('top-titles', 'Most watched titles', 'Titles with the most views in the selected period.', ['gold.kpi_content_by_title_week']),
    plannedView('views-by-genre-week', 'Views by genre per week', 'Weekly views of each primary genre.', ['gold.kpi_content_by_title_week']),
    plannedView('title-table', 'Titles', 'Views, unique viewers and completion rate per title.', ['gold.kpi_content_by_title_week']),
  ],
};

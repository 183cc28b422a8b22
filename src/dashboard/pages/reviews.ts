// Reviews: ratings, sentiment and helpfulness. Planned over gold.kpi_reviews.
import type { PageSpec } from '../views.js';
import { plannedView } from './planned.js';

export const reviewsPage: PageSpec = {
  name: 'reviews',
  title: 'Reviews',
  description: 'Ratings, sentiment and how helpful reviews are.',
  views: [
    plannedView('rating-by-month', 'Average rating by month', 'Mean star rating (1-5) of reviews written each month.', ['gold.kpi_reviews']),
    plannedView('sentiment-share', 'Sentiment share', 'Share of positive, neutral and negative reviews.', ['gold.kpi_reviews']),
    plannedView('helpfulness', 'Helpfulness by rating', 'Helpful votes per vote cast, for each star rating.', ['gold.kpi_reviews']),
  ],
};

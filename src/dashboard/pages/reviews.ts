// Reviews: ratings, sentiment and helpfulness. The monthly rating is filterable
// (gold.kpi_daily_by_segment); sentiment and helpfulness breakdowns come from gold.kpi_reviews.
import { sql } from '../../engine/sql.js';
import { kpi } from '../../gold/kpis.js';
import { barChart } from '../charts.js';
import type { PageSpec } from '../views.js';
import { segmentKpiView } from './fragments/segment-kpi-view.js';
import { kpiAxis, kpiColumn } from '../kpi-labels.js';

export const reviewsPage: PageSpec = {
  name: 'reviews',
  title: 'Reviews',
  description: 'Ratings, sentiment and how helpful reviews are.',
  views: [
    segmentKpiView({
      id: 'rating-by-month',
      title: 'Average rating by month',
      caption: 'Mean star rating (1-5) of the reviews written each calendar month, for the selected accounts, devices and dates.',
      kpi: 'avg_rating',
      x: 'month',
      shownWhen: 'rated_reviews',
      chart: 'line',
      yLabel: `${kpi('avg_rating').label} (stars, 1-5)`,
    }),
    {
      id: 'sentiment-share',
      title: 'Sentiment share',
      caption: 'Share of all reviews labelled positive, neutral or negative. All data; not filtered.',
      tables: ['gold.kpi_reviews'],
      query: () => sql`
        SELECT value AS sentiment, review_share FROM gold.kpi_reviews WHERE dimension = 'sentiment'
        ORDER BY CASE value WHEN 'positive' THEN 0 WHEN 'neutral' THEN 1 WHEN 'negative' THEN 2 ELSE 3 END, value`,
      chart: (rows) =>
        barChart(rows, {
          x: { key: 'sentiment', label: 'Sentiment', format: 'text' },
          y: { label: 'Share of reviews', format: 'percent' },
          series: [{ key: 'review_share', name: 'Share of reviews' }],
        }),
    },
    {
      id: 'helpfulness',
      title: 'Helpfulness by star rating',
      caption: 'Helpful votes per vote cast on reviews of each star rating (reviews with votes only). All data; not filtered.',
      tables: ['gold.kpi_reviews'],
      query: () => sql`
        SELECT value AS rating, helpfulness, reviews FROM gold.kpi_reviews WHERE dimension = 'rating'
        ORDER BY try_cast(value AS INTEGER), value`,
      chart: (rows) =>
        barChart(rows, {
          x: { key: 'rating', label: 'Star rating (1-5)', format: 'text' },
          y: kpiAxis('helpfulness'),
          series: [{ key: 'helpfulness', name: kpi('helpfulness').label }],
        }),
    },
    {
      id: 'reviews-by-group',
      title: 'Reviews by device and verified watch',
      caption:
        'Reviews, mean rating and sentiment mix for each device and for reviews whose author did or did not verifiably watch the title. All data; not filtered.',
      tables: ['gold.kpi_reviews'],
      query: () => sql`
        SELECT dimension, value, reviews, avg_rating, positive_share, negative_share, helpfulness FROM gold.kpi_reviews
        WHERE dimension IN ('overall', 'device', 'verified_watch')
        ORDER BY CASE dimension WHEN 'overall' THEN 0 ELSE 1 END, dimension, value`,
      table: [
        { key: 'dimension', label: 'Breakdown', format: 'text' },
        { key: 'value', label: 'Group', format: 'text' },
        kpiColumn('reviews'),
        kpiColumn('avg_rating'),
        kpiColumn('positive_share'),
        kpiColumn('negative_share'),
        kpiColumn('helpfulness'),
      ],
    },
  ],
};

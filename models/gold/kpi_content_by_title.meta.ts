import type { ModelMeta } from '../../src/pipeline/step.js';
import { kpiFields, pick } from '../../src/gold/kpi-checks.js';

const kpis = kpiFields('gold.kpi_content_by_title', [
  'views',
  'unique_viewers',
  'watch_hours',
  'completion_rate',
  'reviews',
  'avg_rating',
  'positive_share',
  'negative_share',
  'impressions',
  'clicks',
  'ctr',
]);

export default {
  description:
    'Performance per title (grain: movie_id): audience, completion, ratings, sentiment mix, recommendation CTR, popularity rank and trend.',
  columns: {
    movie_id: 'Title key.',
    title: 'Display title (not unique).',
    content_type: 'Movie, TV Series, ...',
    genre_primary: 'Main genre.',
    release_year: 'Year of release.',
    ...pick(kpis.columns, ['views', 'unique_viewers', 'watch_hours', 'completion_rate']),
    avg_session_rating: 'Mean star rating given after sessions (1-5).',
    ...pick(kpis.columns, ['reviews', 'avg_rating', 'positive_share']),
    neutral_share: 'Share of reviews labelled neutral.',
    ...pick(kpis.columns, ['negative_share', 'impressions', 'clicks', 'ctr']),
    popularity_rank: 'Rank by views over all time (1 = most viewed).',
    views_last_28d: 'Views in the 28 days up to the as-of date.',
    views_prev_28d: 'Views in the 28 days before that.',
    trend_28d: 'Relative change of views, last 28 days vs the 28 before (NULL when the earlier window is empty).',
  },
  checks: kpis.checks,
} satisfies ModelMeta;

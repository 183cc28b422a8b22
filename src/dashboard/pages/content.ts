// Content: which titles and genres people watch. Per-title gold tables carry no account segment, so
// only the weekly views (weekly top titles, genre mix) honour a filter: the date range, on the week start.
import { sql } from '../../engine/sql.js';
import { barChart, heatmapChart, lineChart } from '../charts.js';
import { whereFilters } from '../filters.js';
import type { PageSpec } from '../views.js';
import { kpiAxis, kpiColumn } from '../kpi-labels.js';

export const contentPage: PageSpec = {
  name: 'content',
  title: 'Content',
  description: 'Most watched titles, their weekly audience, and the genre mix.',
  views: [
    {
      id: 'top-titles',
      title: 'Top 20 titles by views',
      caption:
        'The most watched titles over all data, with audience, completion, ratings and recommendation click-through; the 28-day trend compares the 28 days to the as-of date with the 28 before. All data; not filtered (per-title totals carry no country, plan or device).',
      tables: ['gold.kpi_content_by_title'],
      query: () => sql`
        SELECT movie_id, popularity_rank, title, content_type, genre_primary, views, unique_viewers, watch_hours, completion_rate, avg_rating, ctr, trend_28d
        FROM gold.kpi_content_by_title ORDER BY popularity_rank, title LIMIT 20`,
      drill: { page: 'title', params: { title: 'movie_id' } },
      table: [
        { key: 'popularity_rank', label: 'Rank', format: 'integer' },
        { key: 'title', label: 'Title', format: 'text' },
        { key: 'content_type', label: 'Type', format: 'text' },
        { key: 'genre_primary', label: 'Genre', format: 'text' },
        kpiColumn('views'),
        kpiColumn('unique_viewers'),
        kpiColumn('watch_hours'),
        kpiColumn('completion_rate'),
        kpiColumn('avg_rating'),
        kpiColumn('ctr'),
        { key: 'trend_28d', label: '28-day trend', format: 'percent' },
      ],
    },
    {
      id: 'weekly-views-top',
      title: 'Weekly views of the five most watched titles',
      caption:
        'Sessions per ISO week (Monday start) for the five titles with the most views overall. Filtered by date only (weeks starting inside the range); not by country, plan or device.',
      tables: ['gold.kpi_content_by_title_week', 'gold.kpi_content_by_title'],
      filterColumns: { date: 'week' },
      query: (f) => sql`
        WITH ranked AS (SELECT movie_id, title FROM gold.kpi_content_by_title ORDER BY popularity_rank, movie_id LIMIT 5),
        -- Titles repeat in the catalogue: one line per movie, the id added where a name is shared.
        top AS (SELECT movie_id, CASE WHEN count(*) OVER (PARTITION BY title) > 1 THEN title || ' (' || movie_id || ')' ELSE title END AS title FROM ranked)
        SELECT strftime(w.week, '%Y-%m-%d') AS week, t.title, w.views
        FROM gold.kpi_content_by_title_week w JOIN top t ON t.movie_id = w.movie_id
        ${whereFilters(f, { date: 'week' }, 'w')}
        ORDER BY week, t.title`,
      chart: (rows) =>
        lineChart(rows, {
          x: { key: 'week', label: 'Week starting', format: 'text' },
          y: kpiAxis('views'),
          seriesKey: 'title',
          valueKey: 'views',
        }),
    },
    {
      id: 'genre-mix',
      title: 'Watch hours by primary genre',
      caption:
        'Recorded hours watched (imputed durations not counted) of all titles of each primary genre, split by content type, in the ISO weeks (Monday start) that begin inside the selected dates. Filtered by date only (per-title tables carry no country, plan or device).',
      tables: ['gold.kpi_content_by_title_week', 'gold.kpi_content_by_title'],
      filterColumns: { date: 'week' },
      query: (f) => sql`
        SELECT genre_primary, content_type, watch_hours FROM (
          SELECT t.genre_primary, t.content_type, sum(w.watch_hours) AS watch_hours
          FROM gold.kpi_content_by_title_week w JOIN gold.kpi_content_by_title t ON t.movie_id = w.movie_id
          ${whereFilters(f, { date: 'week' }, 'w')}
          GROUP BY t.genre_primary, t.content_type
        ) g ORDER BY sum(watch_hours) OVER (PARTITION BY genre_primary) DESC, genre_primary, content_type`,
      chart: (rows) =>
        barChart(rows, {
          x: { key: 'genre_primary', label: 'Primary genre', format: 'text' },
          y: kpiAxis('watch_hours'),
          seriesKey: 'content_type',
          valueKey: 'watch_hours',
          stacked: true,
          horizontal: true,
        }),
    },
    {
      id: 'genre-by-age',
      title: 'Genre share by age band',
      caption:
        'Within each age band (row), the share of its sessions spent on each primary genre (a row adds up to 100 %; darker = larger share). All data; not filtered.',
      tables: ['gold.genre_by_demographic'],
      query: () => sql`
        SELECT age_band, genre_primary, sessions / sum(sessions) OVER (PARTITION BY age_band) AS share FROM (
          SELECT age_band, genre_primary, sum(sessions) AS sessions
          FROM gold.genre_by_demographic GROUP BY age_band, genre_primary
        ) g ORDER BY CASE age_band WHEN 'under 18' THEN 0 WHEN 'Unknown' THEN 2 ELSE 1 END, age_band, genre_primary`,
      chart: (rows) =>
        heatmapChart(rows, {
          x: { key: 'genre_primary', label: 'Primary genre', format: 'text' },
          y: { key: 'age_band', label: 'Age band', format: 'text' },
          value: { key: 'share', label: "Share of the band's sessions", format: 'percent' },
        }),
    },
  ],
};

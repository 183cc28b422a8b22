// Title drill-down (/page/title?title=<movie_id>): one title's audience, completion, rating and
// recommendation click-through, its weekly views and completion, and its forecast when the ML layer
// has written one. Reached by clicking a title in the Content page's table; not in the navigation.
import type { Engine, Row } from '../../engine/engine.js';
import { sql } from '../../engine/sql.js';
import { kpi } from '../../gold/kpis.js';
import { titleForecast } from '../../ml/forecast/query.js';
import { lineChart } from '../charts.js';
import { whereFilters, type Filters } from '../filters.js';
import type { PageSpec } from '../views.js';
import { kpiAxis } from '../kpi-labels.js';

const TITLE_KPIS = ['views', 'unique_viewers', 'watch_hours', 'completion_rate', 'avg_rating', 'ctr'].map(kpi);

/** Why a title view is empty: no title chosen, or none with that key. */
function noTitle(filters: Filters): string {
  return filters.title
    ? `No rows for title ${JSON.stringify(filters.title)}: it is not in gold.kpi_content_by_title, or has no activity in the selected dates.`
    : 'Pick a title first: click a title in "Top 20 titles by views" on the Content page.';
}

/** `movie_id = <title>`; with no title chosen, matches nothing (every view then says how to pick one). */
const titleWhere = (f: Filters, date?: string, alias?: string) =>
  f.title ? whereFilters(f, { title: 'movie_id', ...(date ? { date } : {}) }, alias) : sql`WHERE FALSE`;

/**
 * Why a chosen title has no forecast, from the warehouse: how many titles the latest forecasting run
 * published (it forecasts the most-viewed titles of its first training window) and where this one ranks.
 */
export async function whyNoForecast(engine: Pick<Engine, 'query'>, filters: Filters): Promise<string> {
  if (!filters.title) return noTitle(filters);
  const [published] = await engine.query(
    sql`SELECT count(DISTINCT movie_id) AS titles FROM gold.title_forecasts WHERE movie_id <> '__catalogue__'`,
  );
  const [facts] = await engine.query(sql`SELECT title, popularity_rank FROM gold.kpi_content_by_title WHERE movie_id = ${filters.title}`);
  const titles = Number(published?.titles ?? 0);
  if (!facts) return `No forecast: ${JSON.stringify(filters.title)} is not a title in gold.kpi_content_by_title.`;
  const name = JSON.stringify(String(facts.title ?? filters.title));
  if (titles === 0)
    return `No forecast for ${name}: the latest forecasting run published no title forecasts (only the catalogue total, if any).`;
  const rank =
    facts.popularity_rank === null || facts.popularity_rank === undefined
      ? 'has no rank by views'
      : `ranks #${Number(facts.popularity_rank)} by all-time views`;
  return `No forecast for ${name}: the forecasting run publishes the ${titles} titles with the most views in its first training window, and this title is not among them (it ${rank}).`;
}

/** The forecast rows of the chosen title (src/ml/forecast/query.ts), none without a title. */
async function forecastRows(engine: Pick<Engine, 'query'>, filters: Filters): Promise<Row[]> {
  if (!filters.title) return [];
  return (await titleForecast(engine, filters.title)).map((p) => ({ ...p }));
}

export const titlePage: PageSpec = {
  name: 'title',
  title: 'Title',
  // The heading is the title's name once one is chosen ("Title" only while none is).
  heading: {
    tables: ['gold.kpi_content_by_title'],
    query: (f) => (f.title ? sql`SELECT title AS heading FROM gold.kpi_content_by_title WHERE movie_id = ${f.title}` : undefined),
  },
  description:
    'One title in detail: audience, completion, ratings and recommendation click-through over all data, views and completion week by week, and the forecast when there is one.',
  drillDown: true,
  backTo: 'content',
  views: [
    {
      id: 'title-facts',
      title: 'The title',
      caption:
        'Catalogue facts and all-time totals of this title. Not affected by the date, country, plan or device filters (per-title totals carry none of them).',
      tables: ['gold.kpi_content_by_title'],
      filterColumns: { title: 'movie_id' },
      query: (f) => sql`
        SELECT movie_id, title, content_type, genre_primary, release_year, popularity_rank, reviews, impressions, clicks, trend_28d
        FROM gold.kpi_content_by_title ${titleWhere(f)}`,
      table: [
        { key: 'title', label: 'Title', format: 'text' },
        { key: 'movie_id', label: 'Key', format: 'text' },
        { key: 'content_type', label: 'Type', format: 'text' },
        { key: 'genre_primary', label: 'Genre', format: 'text' },
        { key: 'release_year', label: 'Released', format: 'text' },
        { key: 'popularity_rank', label: 'Rank by views', format: 'integer' },
        { key: 'reviews', label: kpi('reviews').label, format: 'integer' },
        { key: 'impressions', label: kpi('impressions').label, format: 'integer' },
        { key: 'clicks', label: kpi('clicks').label, format: 'integer' },
        { key: 'trend_28d', label: '28-day trend', format: 'percent' },
      ],
      emptyMessage: noTitle,
    },
    {
      id: 'title-kpis',
      title: 'Audience, completion, rating and click-through',
      caption:
        'All-time values for this title, as declared in the KPI catalogue: views, unique viewers, watch hours, completion rate, average review rating and the click-through of recommendations showing it.',
      tables: ['gold.kpi_content_by_title'],
      filterColumns: { title: 'movie_id' },
      kpis: TITLE_KPIS,
      kpiNote: 'all time for this title: no period to compare',
      query: (f) => sql`
        SELECT kpi, 'all time' AS period, value FROM (
          SELECT * FROM (SELECT CAST(views AS DOUBLE) AS views, CAST(unique_viewers AS DOUBLE) AS unique_viewers, watch_hours, completion_rate, avg_rating, ctr
            FROM gold.kpi_content_by_title ${titleWhere(f)})
          UNPIVOT INCLUDE NULLS (value FOR kpi IN (views, unique_viewers, watch_hours, completion_rate, avg_rating, ctr)))`,
      emptyMessage: noTitle,
    },
    {
      id: 'title-weekly-views',
      title: 'Views by week',
      caption: 'Sessions of this title per ISO week (Monday start). Filtered by date (weeks starting inside the range).',
      tables: ['gold.kpi_content_by_title_week'],
      filterColumns: { title: 'movie_id', date: 'week' },
      query: (f) => sql`
        SELECT strftime(week, '%Y-%m-%d') AS week, views, unique_viewers FROM gold.kpi_content_by_title_week ${titleWhere(f, 'week')} ORDER BY week`,
      chart: (rows) =>
        lineChart(rows, {
          x: { key: 'week', label: 'Week starting', format: 'text' },
          y: kpiAxis('views'),
          series: [
            { key: 'views', name: kpi('views').label },
            { key: 'unique_viewers', name: kpi('unique_viewers').label },
          ],
        }),
      emptyMessage: noTitle,
    },
    {
      id: 'title-weekly-completion',
      title: 'Completion rate by week',
      caption: "Share of this title's sessions watched to the end, per ISO week. Filtered by date.",
      tables: ['gold.kpi_content_by_title_week'],
      filterColumns: { title: 'movie_id', date: 'week' },
      query: (f) => sql`
        SELECT strftime(week, '%Y-%m-%d') AS week, completion_rate FROM gold.kpi_content_by_title_week ${titleWhere(f, 'week')} ORDER BY week`,
      chart: (rows) =>
        lineChart(rows, {
          x: { key: 'week', label: 'Week starting', format: 'text' },
          y: { label: kpi('completion_rate').label, format: 'percent' },
          series: [{ key: 'completion_rate', name: kpi('completion_rate').label }],
        }),
      emptyMessage: noTitle,
    },
    {
      id: 'title-forecast',
      title: 'Forecast of daily views',
      caption:
        "The forecasting use case's daily views for this title, next 28 days, with its 90 % prediction interval (low and high lines) and the model that made it; or why the title has no forecast. Not filtered.",
      tables: ['gold.title_forecasts', 'gold.kpi_content_by_title'],
      filterColumns: { title: 'movie_id' },
      load: forecastRows,
      emptyReason: (engine, f) => whyNoForecast(engine, f),
      note: (rows) =>
        `Forecast by ${String(rows[0].model)} for ${rows.length} days, ${String(rows[0].day)} to ${String(rows.at(-1)!.day)}; the grey lines bound its 90 % prediction interval.`,
      chart: (rows) =>
        lineChart(rows, {
          x: { key: 'day', label: 'Day', format: 'text' },
          y: { label: 'Forecast views', format: 'number' },
          series: [
            { key: 'forecast', name: 'forecast' },
            { key: 'lo', name: '90 % low', colour: '#999999' },
            { key: 'hi', name: '90 % high', colour: '#999999' },
          ],
        }),
    },
  ],
};

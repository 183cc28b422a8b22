// What ml.forecast reads: gold.ml_title_daily_views (sparse: an absent day is 0 views) as a dense
// catalogue series and the top-N titles' series, plus each title's release day and first days for
// the trending model.
// The top titles are ranked by views in the first training window only (the days before the first
// rolling origin), so which series are evaluated never depends on the days they are judged on.
import type { StepContext } from '../../pipeline/step.js';
import { ML_SETTINGS } from '../settings.js';
import { dayNumber } from '../recommend/true_choice.js';
import type { ForecastInput } from './train.js';
import type { TitleActivity } from './trending.js';
import { TRENDING_DAYS } from './trending_eval.js';
import { dialectFor } from '../../engine/dialect.js';
import { DAILY_KPI_TABLE, VIEWS_TABLE } from './tables.js';

export const isoDay = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

const sqlString = (v: string) => `'${v.replaceAll("'", "''")}'`;

/**
 * The series the step forecasts, aggregated by the engine so what reaches JavaScript does not grow
 * with the number of titles: the catalogue total per day, the top-N titles' days, and for the
 * trending model only each in-data title's first TRENDING_DAYS days after it was added.
 */
export async function loadSeries(
  ctx: Pick<StepContext, 'engine'>,
  topN: number,
): Promise<{ input: ForecastInput; firstDay: number; nDays: number }> {
  const { engine } = ctx;
  const bounds = await engine.query(
    `SELECT CAST(min(day) AS VARCHAR) AS first, CAST(max(day) AS VARCHAR) AS last FROM ${VIEWS_TABLE} WHERE day IS NOT NULL`,
  );
  if (bounds.length === 0 || bounds[0].first === null || bounds[0].first === undefined)
    throw new Error(`ml.forecast: ${VIEWS_TABLE} is empty`);
  const first = dayNumber(String(bounds[0].first).slice(0, 10));
  const nDays = dayNumber(String(bounds[0].last).slice(0, 10)) - first + 1;
  const index = (day: unknown) => dayNumber(String(day).slice(0, 10)) - first;

  const catalogue = new Float64Array(nDays);
  for (const r of await engine.query(
    `SELECT CAST(day AS VARCHAR) AS day, sum(views) AS views FROM ${VIEWS_TABLE} WHERE day IS NOT NULL GROUP BY day`,
  ))
    catalogue[index(r.day)] = Number(r.views);

  // Ranked by views before the first rolling origin only; ties by id. Days without a row stay 0:
  // the table is sparse by design.
  const selectionEnd = sqlString(isoDay(first + ML_SETTINGS.forecast.firstWindowDays));
  const top = await engine.query(
    `SELECT movie_id, sum(CASE WHEN day < DATE ${selectionEnd} THEN views ELSE 0 END) AS selection_views FROM ${VIEWS_TABLE} WHERE day IS NOT NULL GROUP BY movie_id ORDER BY selection_views DESC, movie_id LIMIT ${Math.max(0, Math.floor(topN))}`,
  );
  const titles = top.map((r) => ({ id: String(r.movie_id), series: new Float64Array(nDays) }));
  if (titles.length > 0) {
    const byId = new Map(titles.map((t) => [t.id, t.series]));
    for (const r of await engine.query(
      `SELECT movie_id, CAST(day AS VARCHAR) AS day, views FROM ${VIEWS_TABLE} WHERE day IS NOT NULL AND movie_id IN (${titles.map((t) => sqlString(t.id)).join(', ')})`,
    ))
      byId.get(String(r.movie_id))![index(r.day)] += Number(r.views);
  }

  // Trending reads a title's views only in [added, added + TRENDING_DAYS): only those rows are
  // loaded, and titles added before the data starts (which trending skips) share one zero series.
  const movies = await engine.query(
    `SELECT movie_id, CAST(added_to_platform AS VARCHAR) AS added FROM silver.movies WHERE added_to_platform IS NOT NULL ORDER BY movie_id`,
  );
  const firstDate = sqlString(isoDay(first));
  const days = dialectFor(engine.name).days_between;
  const early = new Map<string, Float64Array>();
  for (const r of await engine.query(
    `SELECT v.movie_id, CAST(v.day AS VARCHAR) AS day, v.views FROM ${VIEWS_TABLE} v JOIN silver.movies m ON m.movie_id = v.movie_id WHERE v.day IS NOT NULL AND m.added_to_platform >= DATE ${firstDate} AND ${days('m.added_to_platform', 'v.day')} BETWEEN 0 AND ${TRENDING_DAYS - 1}`,
  )) {
    const id = String(r.movie_id);
    let series = early.get(id);
    if (!series) early.set(id, (series = new Float64Array(nDays)));
    series[index(r.day)] += Number(r.views);
  }
  const none = new Float64Array(nDays);
  // Ordered: the trending evaluation depends on the titles' order, which an unordered scan leaves to the engine.
  const activity: TitleActivity[] = movies.map((m) => ({
    titleId: String(m.movie_id),
    addedDay: index(m.added),
    dailyViews: early.get(String(m.movie_id)) ?? none,
  }));
  return { input: { catalogue, titles, activity, firstDay: first }, firstDay: first, nDays };
}

/** Dense daily series of sessions, recommendation click-through (clicks / impressions; 0 impressions -> 0) and impressions. */
export async function loadDailyKpis(
  ctx: Pick<StepContext, 'engine'>,
  firstDay: number,
  nDays: number,
): Promise<{ sessions: Float64Array; ctr: Float64Array; impressions: Float64Array }> {
  const rows = await ctx.engine.query(
    `SELECT CAST(day AS VARCHAR) AS day, sum(sessions) AS sessions, sum(clicks) AS clicks, sum(impressions) AS impressions FROM ${DAILY_KPI_TABLE} WHERE day IS NOT NULL GROUP BY day ORDER BY day`,
  );
  const sessions = new Float64Array(nDays);
  const ctr = new Float64Array(nDays);
  const impressions = new Float64Array(nDays);
  for (const r of rows) {
    const t = dayNumber(String(r.day).slice(0, 10)) - firstDay;
    if (t < 0 || t >= nDays) continue;
    sessions[t] = Number(r.sessions ?? 0);
    const imp = Number(r.impressions ?? 0);
    impressions[t] = imp;
    ctr[t] = imp > 0 ? Number(r.clicks ?? 0) / imp : 0;
  }
  return { sessions, ctr, impressions };
}

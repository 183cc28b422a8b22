// What ml.forecast reads: gold.ml_title_daily_views (sparse: an absent day is 0 views) as a dense
// catalogue series and the top-N titles' series, plus each title's release day for the trending model.
// The top titles are ranked by views in the first training window only (the days before the first
// rolling origin), so which series are evaluated never depends on the days they are judged on.
import type { StepContext } from '../../pipeline/step.js';
import { ML_SETTINGS } from '../settings.js';
import { dayNumber } from '../recommend/true_choice.js';
import type { ForecastInput } from './train.js';
import type { TitleActivity } from './trending.js';

export const VIEWS_TABLE = 'gold.ml_title_daily_views';

export const isoDay = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

export async function loadSeries(
  ctx: Pick<StepContext, 'engine'>,
  topN: number,
): Promise<{ input: ForecastInput; firstDay: number; nDays: number }> {
  const rows = await ctx.engine.query(
    `SELECT movie_id, CAST(day AS VARCHAR) AS day, views FROM ${VIEWS_TABLE} WHERE day IS NOT NULL ORDER BY movie_id, day`,
  );
  if (rows.length === 0) throw new Error(`ml.forecast: ${VIEWS_TABLE} is empty`);
  let first = Infinity;
  let last = -Infinity;
  const parsed = rows.map((r) => ({ id: String(r.movie_id), day: dayNumber(String(r.day).slice(0, 10)), views: Number(r.views) }));
  for (const p of parsed) {
    first = Math.min(first, p.day);
    last = Math.max(last, p.day);
  }
  const nDays = last - first + 1;
  const catalogue = new Float64Array(nDays);
  const perTitle = new Map<string, Float64Array>();
  for (const p of parsed) {
    catalogue[p.day - first] += p.views;
    let s = perTitle.get(p.id);
    if (!s) {
      s = new Float64Array(nDays);
      perTitle.set(p.id, s);
    }
    s[p.day - first] += p.views; // days without a row stay 0: the table is sparse by design
  }
  const selectionDays = ML_SETTINGS.forecast.firstWindowDays;
  const total = (s: Float64Array) => s.subarray(0, selectionDays).reduce((a, b) => a + b, 0);
  const top = [...perTitle.entries()].sort((a, b) => total(b[1]) - total(a[1]) || (a[0] < b[0] ? -1 : 1)).slice(0, topN);
  // Ordered: the trending evaluation depends on the titles' order, which an unordered scan leaves to the engine.
  const movies = await ctx.engine.query(
    `SELECT movie_id, CAST(added_to_platform AS VARCHAR) AS added FROM silver.movies WHERE added_to_platform IS NOT NULL ORDER BY movie_id`,
  );
  const activity: TitleActivity[] = [];
  for (const m of movies) {
    const added = dayNumber(String(m.added).slice(0, 10)) - first;
    activity.push({
      titleId: String(m.movie_id),
      addedDay: added,
      dailyViews: perTitle.get(String(m.movie_id)) ?? new Float64Array(nDays),
    });
  }
  return { input: { catalogue, titles: top.map(([id, series]) => ({ id, series })), activity, firstDay: first }, firstDay: first, nDays };
}

export const DAILY_KPI_TABLE = 'gold.kpi_daily_by_segment';

/** Dense daily series of sessions and recommendation click-through (clicks / impressions; 0 impressions -> 0). */
export async function loadDailyKpis(
  ctx: Pick<StepContext, 'engine'>,
  firstDay: number,
  nDays: number,
): Promise<{ sessions: Float64Array; ctr: Float64Array }> {
  const rows = await ctx.engine.query(
    `SELECT CAST(day AS VARCHAR) AS day, sum(sessions) AS sessions, sum(clicks) AS clicks, sum(impressions) AS impressions FROM ${DAILY_KPI_TABLE} WHERE day IS NOT NULL GROUP BY day ORDER BY day`,
  );
  const sessions = new Float64Array(nDays);
  const ctr = new Float64Array(nDays);
  for (const r of rows) {
    const t = dayNumber(String(r.day).slice(0, 10)) - firstDay;
    if (t < 0 || t >= nDays) continue;
    sessions[t] = Number(r.sessions ?? 0);
    const imp = Number(r.impressions ?? 0);
    ctr[t] = imp > 0 ? Number(r.clicks ?? 0) / imp : 0;
  }
  return { sessions, ctr };
}

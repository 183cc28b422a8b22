// The ml.forecast step: reads gold.ml_title_daily_views (sparse: an absent day is 0 views), builds
// the catalogue series and the top-N titles' series, evaluates the forecasters by rolling origin,
// writes 28-day forecasts with intervals to gold.title_forecasts, and the trending classifier.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { literal } from '../../engine/sql.js';
import type { StepContext, StepResult, TsStep } from '../../pipeline/step.js';
import { renderModelCardJson, type ModelCard } from '../core/model_card.js';
import { writeTable, type CellValue } from '../store.js';
import { METRICS, MODEL_CARDS, MODEL_RUNS } from '../tables.js';
import { TITLE_FORECASTS } from '../tables_part2.js';
import { dayNumber } from '../recommend/true_choice.js';
import { CATALOGUE, HORIZON, LEVEL, runForecasts, type ForecastInput, type ForecastRun } from './train.js';
import type { TitleActivity } from './trending.js';

export const USE_CASE = 'forecast';
export const VIEWS_TABLE = 'gold.ml_title_daily_views';
export const TOP_TITLES = 50;
type Row = Record<string, CellValue>;

const isoDay = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

async function loadSeries(ctx: StepContext, topN: number): Promise<{ input: ForecastInput; firstDay: number; nDays: number }> {
  const rows = await ctx.engine.query(`SELECT movie_id, CAST(day AS VARCHAR) AS day, views FROM ${VIEWS_TABLE} WHERE day IS NOT NULL ORDER BY movie_id, day`);
  if (rows.length === 0) throw new Error(`ml.forecast: ${VIEWS_TABLE} is empty`);
  let first = Infinity;
  let last = -Infinity;
  const parsed = rows.map((r) => ({ id: String(r.movie_id), day: dayNumber(String(r.day).slice(0, 10)), views: Number(r.views) }));
  for (const p of parsed) { first = Math.min(first, p.day); last = Math.max(last, p.day); }
  const nDays = last - first + 1;
  const catalogue = new Float64Array(nDays);
  const perTitle = new Map<string, Float64Array>();
  for (const p of parsed) {
    catalogue[p.day - first] += p.views;
    let s = perTitle.get(p.id);
    if (!s) { s = new Float64Array(nDays); perTitle.set(p.id, s); }
    s[p.day - first] += p.views; // days without a row stay 0: the table is sparse by design
  }
  const total = (s: Float64Array) => s.reduce((a, b) => a + b, 0);
  const top = [...perTitle.entries()].sort((a, b) => total(b[1]) - total(a[1]) || (a[0] < b[0] ? -1 : 1)).slice(0, topN);
  // Ordered: the trending evaluation depends on the titles' order, which an unordered scan leaves to the engine.
  const movies = await ctx.engine.query(`SELECT movie_id, CAST(added_to_platform AS VARCHAR) AS added FROM silver.movies WHERE added_to_platform IS NOT NULL ORDER BY movie_id`);
  const activity: TitleActivity[] = [];
  for (const m of movies) {
    const added = dayNumber(String(m.added).slice(0, 10)) - first;
    activity.push({ titleId: String(m.movie_id), addedDay: added, dailyViews: perTitle.get(String(m.movie_id)) ?? new Float64Array(nDays) });
  }
  return { input: { catalogue, titles: top.map(([id, series]) => ({ id, series })), activity }, firstDay: first, nDays };
}

function metricRows(run: ForecastRun, runId: string): Row[] {
  const rows: Row[] = [];
  for (const g of run.groups) {
    for (const r of g.results) {
      const b = { run_id: runId, use_case: USE_CASE, model: `${g.group}:${r.model}`, kind: r.model.startsWith('seasonal_naive') ? 'baseline' : 'model' };
      for (const [metric, value] of Object.entries(r.overall)) rows.push({ ...b, metric: metric === 'coverage' ? `coverage_${Math.round(LEVEL * 100)}` : metric, value, ci_low: null, ci_high: null });
      for (const h of [1, 7, 14, 28]) {
        rows.push({ ...b, metric: `mae_h${h}`, value: r.byHorizon.mae[h - 1], ci_low: null, ci_high: null });
        rows.push({ ...b, metric: `mase_h${h}`, value: r.byHorizon.mase[h - 1], ci_low: null, ci_high: null });
      }
      rows.push({ ...b, metric: 'forecasts_evaluated', value: r.forecasts, ci_low: null, ci_high: null });
    }
  }
  const t = run.trending;
  if (t) {
    const b = { run_id: runId, use_case: USE_CASE };
    rows.push({ ...b, model: 'trending:logistic', kind: 'model', metric: 'roc_auc', value: t.model.auc.estimate, ci_low: t.model.auc.lower, ci_high: t.model.auc.upper });
    rows.push({ ...b, model: 'trending:logistic', kind: 'model', metric: 'permutation_p_value', value: t.model.pValue, ci_low: null, ci_high: null });
    rows.push({ ...b, model: 'trending:early_views', kind: 'baseline', metric: 'roc_auc', value: t.baseline.auc.estimate, ci_low: t.baseline.auc.lower, ci_high: t.baseline.auc.upper });
    rows.push({ ...b, model: 'trending:early_views', kind: 'baseline', metric: 'permutation_p_value', value: t.baseline.pValue, ci_low: null, ci_high: null });
  }
  return rows;
}

export async function runForecast(ctx: StepContext, options: { topTitles?: number; B?: number; titleStep?: number } = {}): Promise<{ run: ForecastRun; result: StepResult }> {
  const { engine, config } = ctx;
  ctx.progress(0, 12, 'reading daily views');
  const { input, firstDay, nDays } = await loadSeries(ctx, options.topTitles ?? TOP_TITLES);
  if (nDays < 365 + HORIZON) throw new Error(`ml.forecast: ${nDays} days of views; rolling-origin evaluation needs at least ${365 + HORIZON}`);
  const run = runForecasts(input, { seed: config.seed, B: options.B, titleStep: options.titleStep, onProgress: (d, t, n) => ctx.progress(1 + d, 12, n) });
  for (const g of run.groups) {
    for (const r of g.results) ctx.log(`${g.group} ${r.model}: MAE ${r.overall.mae.toFixed(2)}, MASE ${r.overall.mase.toFixed(3)}, sMAPE ${r.overall.smape.toFixed(1)}, ${Math.round(LEVEL * 100)}% coverage ${r.overall.coverage.toFixed(3)} (${r.forecasts} forecasts, ${r.seconds.toFixed(1)} s)`);
    ctx.log(`${g.group}: best by MASE ${g.best}${g.best.startsWith('seasonal_naive') ? ' (no model beats the seasonal naive baseline)' : ''}`);
  }
  const t = run.trending;
  ctx.log(t ? `trending (${run.trendingNote}): logistic AUC ${t.model.auc.estimate.toFixed(3)} [${t.model.auc.lower.toFixed(3)}, ${t.model.auc.upper.toFixed(3)}] vs early-views baseline ${t.baseline.auc.estimate.toFixed(3)} [${t.baseline.auc.lower.toFixed(3)}, ${t.baseline.auc.upper.toFixed(3)}]; ${t.model.auc.lower > t.baseline.auc.estimate ? 'the model beats the baseline' : 'the model does not clearly beat the early-views baseline'}` : `trending: ${run.trendingNote}`);

  const lastDay = firstDay + nDays - 1;
  const out: Row[] = [];
  for (const f of run.forecasts) for (let h = 0; h < HORIZON; h++) {
    out.push({ movie_id: f.id, day: isoDay(lastDay + 1 + h), forecast: f.forecast.mean[h], lo: f.forecast.lower[h], hi: f.forecast.upper[h], model: f.model, run_id: ctx.runId });
  }
  const trainedAt = new Date().toISOString();
  const cards = run.groups.map((g) => {
    const best = g.results.find((r) => r.model === g.best)!;
    const naive = g.results.find((r) => r.model.startsWith('seasonal_naive'))!;
    const point = (v: number) => ({ estimate: v, lower: Number.NaN, upper: Number.NaN, level: 0.95, replicates: 0, validReplicates: 0, method: 'percentile-bootstrap' as const, stratified: false });
    const beats = best.overall.mase < naive.overall.mase;
    const text = `${g.group}: ${best.model} has MASE ${best.overall.mase.toFixed(3)} vs seasonal naive ${naive.overall.mase.toFixed(3)} over ${best.forecasts} rolling-origin forecasts of ${HORIZON} days; ${Math.round(LEVEL * 100)}% intervals cover ${(100 * best.overall.coverage).toFixed(0)}%.`;
    const card: ModelCard & { plainVerdict: string } = {
      useCase: USE_CASE, model: { name: `${g.group}:${best.model}`, params: { horizon: HORIZON, level: LEVEL } }, trainedAt,
      dataWindow: { asOfDate: config.asOfDate, labelWindowDays: 0, featureStart: isoDay(firstDay), trainRows: nDays, testRows: best.forecasts, positiveRateTrain: Number.NaN, positiveRateTest: Number.NaN,
        split: `Rolling origin: first training window 365 days, origins every ${g.group === 'catalogue' ? 28 : options.titleStep ?? 56} days, horizons 1..${HORIZON}.` },
      features: [], metrics: [{ name: 'mase', ci: point(best.overall.mase) }, { name: 'mae', ci: point(best.overall.mae) }, { name: 'smape', ci: point(best.overall.smape) }, { name: 'coverage', ci: point(best.overall.coverage) }],
      baselines: [{ name: naive.model, metrics: [{ name: 'mase', ci: point(naive.overall.mase) }] }],
      caveats: ['Metrics are means over origins and horizons; no CI (origins overlap in time and are not independent).', 'Interval coverage below the nominal level means the intervals are too narrow (trend regression has no trend-change uncertainty).'],
      verdict: { level: beats ? 'signal' : 'no_signal', text }, plainVerdict: text,
    };
    return { model: card.model.name, card };
  });
  const cardDir = join(config.warehouse, 'reports', 'model_cards');
  mkdirSync(cardDir, { recursive: true });
  for (const c of cards) writeFileSync(join(cardDir, `${USE_CASE}_${c.model.replace(/[^a-z0-9_]+/gi, '_')}.json`), renderModelCardJson(c.card) + '\n');
  const history = `NOT (use_case = ${literal(USE_CASE)} AND run_id = ${literal(ctx.runId)})`;
  const w = { runId: ctx.runId };
  await writeTable(engine, MODEL_RUNS, run.groups.flatMap((g) => g.results.map((r) => ({
    run_id: ctx.runId, use_case: USE_CASE, model: `${g.group}:${r.model}`, trained_at: trainedAt, as_of_date: config.asOfDate, label_window_days: null,
    data_window: `${isoDay(firstDay)} to ${isoDay(lastDay)}`, n_train: g.group === 'catalogue' ? 1 : input.titles.length, n_test: r.forecasts, seed: config.seed, params: JSON.stringify({ horizon: HORIZON, level: LEVEL }), fit_seconds: r.seconds,
  }))), { ...w, keepWhere: history });
  await writeTable(engine, METRICS, metricRows(run, ctx.runId), { ...w, keepWhere: history });
  await writeTable(engine, MODEL_CARDS, cards.map((c) => ({ run_id: ctx.runId, use_case: USE_CASE, model: c.model, verdict_level: c.card.verdict.level, verdict: c.card.plainVerdict, suspicious: false, card_json: renderModelCardJson(c.card, 0) })),
    { ...w, keepWhere: `use_case <> ${literal(USE_CASE)}` });
  await writeTable(engine, TITLE_FORECASTS, out, w);
  ctx.progress(12, 12, 'done');
  return {
    run,
    result: { rowsIn: nDays * (1 + input.titles.length), rowsOut: out.length, metadata: { best: Object.fromEntries(run.groups.map((g) => [g.group, g.best])), trending_auc: t?.model.auc.estimate ?? null, trending_baseline_auc: t?.baseline.auc.estimate ?? null } },
  };
}

export const forecastStep: TsStep = {
  kind: 'ts',
  name: 'ml.forecast',
  layer: 'ml',
  description: `Popularity forecasting: seasonal naive, Holt-Winters, ARIMA and trend regression on the catalogue and the top ${TOP_TITLES} titles (rolling origin), 28-day forecasts with intervals, and the early-engagement trending classifier.`,
  deps: [VIEWS_TABLE, 'silver.movies'],
  produces: [TITLE_FORECASTS.name],
  async run(ctx: StepContext): Promise<StepResult> {
    return (await runForecast(ctx)).result;
  },
};
export { CATALOGUE };

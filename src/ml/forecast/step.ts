// The ml.forecast step: reads the daily views (data.ts), evaluates the forecasters by rolling origin
// (train.ts), writes 28-day forecasts with intervals to gold.title_forecasts, the trending
// classifier's metrics, and model runs, metrics and cards (report.ts) through publishUseCase.
import type { StepContext, StepResult, TsStep } from '../../pipeline/step.js';
import { publishUseCase, type Row } from '../publish/publish.js';
import { writeTable } from '../publish/store.js';
import { SHARED_ML_TABLES } from '../publish/tables.js';
import { ML_SETTINGS } from '../settings.js';
import { isoDay, loadSeries, VIEWS_TABLE } from './data.js';
import { buildModelCards, metricRows, modelRunRows, USE_CASE, type ForecastRunInfo } from './report.js';
import { TITLE_FORECASTS } from './tables.js';
import { CATALOGUE, HORIZON, LEVEL, runForecasts, type ForecastRun } from './train.js';

export const TOP_TITLES = ML_SETTINGS.forecast.topTitles;

export async function runForecast(ctx: StepContext, options: { topTitles?: number; B?: number; titleStep?: number } = {}): Promise<{ run: ForecastRun; result: StepResult }> {
  const { engine, config } = ctx;
  ctx.progress(0, 12, 'reading daily views');
  const { input, firstDay, nDays } = await loadSeries(ctx, options.topTitles ?? TOP_TITLES);
  const minDays = ML_SETTINGS.forecast.firstWindowDays + HORIZON;
  if (nDays < minDays) throw new Error(`ml.forecast: ${nDays} days of views; rolling-origin evaluation needs at least ${minDays}`);
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
  const info: ForecastRunInfo = {
    runId: ctx.runId, trainedAt: new Date().toISOString(), asOfDate: config.asOfDate, seed: config.seed, firstDay, nDays,
    titleStep: options.titleStep ?? ML_SETTINGS.forecast.titleOriginStep,
  };
  await publishUseCase(ctx, USE_CASE, { modelRuns: modelRunRows(run, input, info), metrics: metricRows(run, ctx.runId), cards: buildModelCards(run, info) });
  const w = { runId: ctx.runId };
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
  writesShared: SHARED_ML_TABLES,
  async run(ctx: StepContext): Promise<StepResult> {
    return (await runForecast(ctx)).result;
  },
};
export { CATALOGUE };

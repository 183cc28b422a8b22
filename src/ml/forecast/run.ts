// What the ml.forecast step does when it runs (step.ts declares it): reads the daily views (data.ts), evaluates the forecasters by rolling origin
// (train.ts), writes 28-day forecasts with intervals to gold.title_forecasts, the trending
// classifier's metrics, and model runs, metrics and cards (report.ts) through publishUseCase.
import type { StepContext, StepResult } from '../../pipeline/step.js';
import { publishUseCase, type Row } from '../publish/publish.js';
import { writeTable } from '../publish/store.js';
import { ML_SETTINGS } from '../settings.js';
import { detectKpiAnomalies } from './anomalies.js';
import { isoDay, loadDailyKpis, loadSeries } from './data.js';
import { buildModelCards, metricRows, modelRunRows, USE_CASE, type ForecastRunInfo } from './report.js';
import { RunProfile } from './profile.js';
import { KPI_ANOMALIES, TITLE_FORECASTS } from './tables.js';
import { CATALOGUE, HORIZON, LEVEL, runForecasts, type ForecastRun } from './train.js';

export async function runForecast(
  ctx: StepContext,
  options: { topTitles?: number; B?: number; titleStep?: number; evaluatedTitles?: number; lstmMaxEpochs?: number } = {},
): Promise<{ run: ForecastRun; result: StepResult }> {
  const { engine, config } = ctx;
  ctx.progress(0, 12, 'reading daily views');
  const profile = new RunProfile();
  const { input, firstDay, nDays } = await profile.time('read daily views', () =>
    loadSeries(ctx, options.topTitles ?? ML_SETTINGS.forecast.topTitles),
  );
  const minDays = ML_SETTINGS.forecast.firstWindowDays + HORIZON;
  if (nDays < minDays) throw new Error(`ml.forecast: ${nDays} days of views; rolling-origin evaluation needs at least ${minDays}`);
  const run = await runForecasts(
    input,
    {
      seed: config.seed,
      B: options.B,
      titleStep: options.titleStep,
      evaluatedTitles: options.evaluatedTitles,
      lstmMaxEpochs: options.lstmMaxEpochs,
      onProgress: (d, t, n) => ctx.progress(d, t + 1, n),
    },
    profile,
  );
  for (const g of run.groups) {
    for (const f of [...g.baselines, ...g.models])
      ctx.log(
        `${g.group} ${f.name} (${f.kind}): validation MASE ${f.validation.mase.toFixed(3)}, test MASE ${f.test.mase.toFixed(3)}, MAE ${f.test.mae.toFixed(2)}, ${Math.round(LEVEL * 100)}% coverage ${f.test.coverage.toFixed(3)} (${(f.cpuSeconds ?? 0).toFixed(1)} s CPU, ${f.seconds.toFixed(1)} s wall)`,
      );
    for (const note of g.notes) ctx.log(`${g.group}: ${note}`);
    for (const t of run.tests.filter((x) => x.group === g.group))
      ctx.log(
        `${g.group} ${t.model} vs ${t.baseline}: mean MASE gain ${t.meanDifference.toFixed(3)}, DM p ${t.pValue.toPrecision(2)}, Holm ${t.adjustedP.toPrecision(2)} -> ${t.level}`,
      );
    ctx.log(
      `${g.group}: strongest baseline ${g.strongestBaseline}, best model on validation ${g.bestModel}; forecasts published from ${g.chosen}`,
    );
  }
  const t = run.trending;
  ctx.log(
    t
      ? `trending (${run.trendingNote}): logistic AUC ${t.model.auc.estimate.toFixed(3)} vs early views ${t.baseline.auc.estimate.toFixed(3)}, paired p ${t.pValue.toPrecision(2)} (Holm ${t.adjustedP.toPrecision(2)}) -> ${t.level}`
      : `trending: ${run.trendingNote}`,
  );

  const lastDay = firstDay + nDays - 1;
  const out: Row[] = [];
  for (const f of run.forecasts)
    for (let h = 0; h < HORIZON; h++) {
      out.push({
        movie_id: f.id,
        day: isoDay(lastDay + 1 + h),
        forecast: f.forecast.mean[h],
        lo: f.forecast.lower[h],
        hi: f.forecast.upper[h],
        model: f.model,
        run_id: ctx.runId,
      });
    }
  const info: ForecastRunInfo = {
    runId: ctx.runId,
    trainedAt: new Date().toISOString(),
    asOfDate: config.asOfDate,
    seed: config.seed,
    firstDay,
    nDays,
  };
  await profile.time('write cards, metrics, forecasts', async () => {
    await publishUseCase(ctx, USE_CASE, {
      modelRuns: modelRunRows(run, input, info),
      metrics: metricRows(run, ctx.runId),
      cards: buildModelCards(run, info),
    });
    await writeTable(engine, TITLE_FORECASTS, out, { runId: ctx.runId });
  });
  const w = { runId: ctx.runId };
  // augurs is loaded by runForecasts above.
  const kpis = await profile.time('read daily KPIs', () => loadDailyKpis(ctx, firstDay, nDays));
  const anomalies = await profile.time('KPI anomalies', () => [
    ...detectKpiAnomalies('views', input.catalogue),
    ...detectKpiAnomalies('sessions', kpis.sessions),
    ...detectKpiAnomalies('ctr', kpis.ctr, undefined, kpis.impressions),
  ]);
  ctx.log(
    `KPI anomalies: ${['views', 'sessions', 'ctr'].map((k) => `${k} ${anomalies.filter((a) => a.kpi === k && a.kind === 'outlier').length} outlier days, ${anomalies.filter((a) => a.kpi === k && a.kind === 'changepoint').length} changepoints`).join('; ')}`,
  );
  await writeTable(
    engine,
    KPI_ANOMALIES,
    anomalies.map((a) => ({
      kpi: a.kpi,
      day: isoDay(firstDay + a.day),
      value: a.value,
      expected: a.expected,
      score: a.score,
      kind: a.kind,
      run_id: ctx.runId,
    })),
    w,
  );
  ctx.log(`profile (CPU seconds by part, ${profile.cpu().toFixed(1)} s in all): ${profile.lines().join('; ')}`);
  ctx.progress(12, 12, 'done');
  return {
    run,
    result: {
      rowsIn: nDays * (1 + input.titles.length),
      rowsOut: out.length,
      metadata: {
        chosen: Object.fromEntries(run.groups.map((g) => [g.group, g.chosen])),
        signal:
          run.tests
            .filter((x) => x.level === 'signal')
            .map((x) => `${x.group}:${x.model}`)
            .join(', ') || 'none',
        trending_level: t?.level ?? 'not_evaluated',
      },
    },
  };
}

export { CATALOGUE };

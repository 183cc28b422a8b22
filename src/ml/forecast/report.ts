// ml.forecast's report: metric rows (no CIs: rolling origins overlap), model-run rows and one model
// card per group (catalogue, titles) for its best model against seasonal naive.
import type { ModelCard } from '../core/model_card.js';
import type { PublishedCard, Row } from '../publish/publish.js';
import { ML_SETTINGS } from '../settings.js';
import { isoDay } from './data.js';
import { HORIZON, LEVEL, type ForecastInput, type ForecastRun } from './train.js';

export const USE_CASE = 'forecast';

export interface ForecastRunInfo {
  runId: string;
  trainedAt: string;
  asOfDate: string;
  seed: number;
  firstDay: number;
  nDays: number;
  /** Days between the titles' rolling origins in this run. */
  titleStep: number;
}

export function metricRows(run: ForecastRun, runId: string): Row[] {
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

export function modelRunRows(run: ForecastRun, input: ForecastInput, info: ForecastRunInfo): Row[] {
  const lastDay = info.firstDay + info.nDays - 1;
  return run.groups.flatMap((g) => g.results.map((r) => ({
    run_id: info.runId, use_case: USE_CASE, model: `${g.group}:${r.model}`, trained_at: info.trainedAt, as_of_date: info.asOfDate, label_window_days: null,
    data_window: `${isoDay(info.firstDay)} to ${isoDay(lastDay)}`, n_train: g.group === 'catalogue' ? 1 : input.titles.length, n_test: r.forecasts, seed: info.seed, params: JSON.stringify({ horizon: HORIZON, level: LEVEL }), fit_seconds: r.seconds,
  })));
}

/** One card per group: its best model by MASE against the seasonal naive baseline. */
export function buildModelCards(run: ForecastRun, info: ForecastRunInfo): PublishedCard[] {
  const { firstWindowDays, catalogueOriginStep } = ML_SETTINGS.forecast;
  return run.groups.map((g) => {
    const best = g.results.find((r) => r.model === g.best)!;
    const naive = g.results.find((r) => r.model.startsWith('seasonal_naive'))!;
    const point = (v: number) => ({ estimate: v, lower: Number.NaN, upper: Number.NaN, level: 0.95, replicates: 0, validReplicates: 0, method: 'percentile-bootstrap' as const, stratified: false });
    const beats = best.overall.mase < naive.overall.mase;
    const text = `${g.group}: ${best.model} has MASE ${best.overall.mase.toFixed(3)} vs seasonal naive ${naive.overall.mase.toFixed(3)} over ${best.forecasts} rolling-origin forecasts of ${HORIZON} days; ${Math.round(LEVEL * 100)}% intervals cover ${(100 * best.overall.coverage).toFixed(0)}%.`;
    const card: ModelCard & { plainVerdict: string } = {
      useCase: USE_CASE, model: { name: `${g.group}:${best.model}`, params: { horizon: HORIZON, level: LEVEL } }, trainedAt: info.trainedAt,
      dataWindow: { asOfDate: info.asOfDate, labelWindowDays: 0, featureStart: isoDay(info.firstDay), trainRows: info.nDays, testRows: best.forecasts, positiveRateTrain: Number.NaN, positiveRateTest: Number.NaN,
        split: `Rolling origin: first training window ${firstWindowDays} days, origins every ${g.group === 'catalogue' ? catalogueOriginStep : info.titleStep} days, horizons 1..${HORIZON}.` },
      features: [], metrics: [{ name: 'mase', ci: point(best.overall.mase) }, { name: 'mae', ci: point(best.overall.mae) }, { name: 'smape', ci: point(best.overall.smape) }, { name: 'coverage', ci: point(best.overall.coverage) }],
      baselines: [{ name: naive.model, metrics: [{ name: 'mase', ci: point(naive.overall.mase) }] }],
      caveats: ['Metrics are means over origins and horizons; no CI (origins overlap in time and are not independent).', 'Interval coverage below the nominal level means the intervals are too narrow (trend regression has no trend-change uncertainty).'],
      verdict: { level: beats ? 'signal' : 'no_signal', text }, plainVerdict: text,
    };
    return { model: card.model.name, card };
  });
}

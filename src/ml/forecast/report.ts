// ml.forecast's report: metric rows, model-run rows and model cards. Every card sentence is built
// from this run's figures: the model's test MASE against the strongest baseline's (chosen on the
// validation origins), the Holm-adjusted one-sided Diebold-Mariano p, and interval coverage.
import type { ClaimLevel } from '../core/claims.js';
import type { ModelCard } from '../core/model_card.js';
import type { PublishedCard, Row } from '../publish/publish.js';
import { ML_SETTINGS } from '../settings.js';
import { isoDay } from './data.js';
import type { ModelTest, ScoredForecaster } from './evaluate.js';
import { HORIZON, LEVEL, type ForecastInput, type ForecastRun, type GroupEvaluation } from './train.js';

export const USE_CASE = 'forecast';

export interface ForecastRunInfo {
  runId: string;
  trainedAt: string;
  asOfDate: string;
  seed: number;
  firstDay: number;
  nDays: number;
}

const pct = (v: number) => `${(100 * v).toFixed(0)}%`;
const [COVERAGE_LOW, COVERAGE_HIGH] = ML_SETTINGS.forecast.coverageTarget;

/** Where a test coverage lies against the target band: inside, or too narrow / too wide. */
export function coverageStatus(coverage: number): 'in_target' | 'too_narrow' | 'too_wide' {
  return coverage < COVERAGE_LOW ? 'too_narrow' : coverage > COVERAGE_HIGH ? 'too_wide' : 'in_target';
}

/** The coverage clause of a card: the figure, and whether it meets the 85-95% target, from the figure. */
export function coverageText(coverage: number): string {
  const target = `${pct(COVERAGE_LOW)}-${pct(COVERAGE_HIGH)}`;
  const status = coverageStatus(coverage);
  const head = `${Math.round(LEVEL * 100)}% intervals cover ${(100 * coverage).toFixed(1)}% of test days`;
  return status === 'in_target'
    ? `${head} (within the ${target} target)`
    : `${head}, outside the ${target} target: the intervals are too ${status === 'too_narrow' ? 'narrow' : 'wide'}`;
}
const coverageName = `coverage_${Math.round(LEVEL * 100)}`;

export function metricRows(run: ForecastRun, runId: string): Row[] {
  const rows: Row[] = [];
  const row = (model: string, kind: string, metric: string, value: number) =>
    rows.push({ run_id: runId, use_case: USE_CASE, model, kind, metric, value, ci_low: null, ci_high: null });
  for (const g of run.groups) {
    for (const f of [...g.baselines, ...g.models]) {
      const name = `${g.group}:${f.name}`;
      row(name, f.kind, 'validation_mase', f.validation.mase);
      row(name, f.kind, 'mase', f.test.mase);
      row(name, f.kind, 'mae', f.test.mae);
      row(name, f.kind, coverageName, f.test.coverage);
      row(name, f.kind, 'coverage_in_target', coverageStatus(f.test.coverage) === 'in_target' ? 1 : 0);
      row(name, f.kind, 'forecasts_evaluated', f.test.forecasts);
    }
  }
  for (const t of run.tests) {
    row(`${t.group}:${t.model}`, 'model', 'dm_p_value', t.pValue);
    row(`${t.group}:${t.model}`, 'model', 'dm_p_value_holm', t.adjustedP);
  }
  const t = run.trending;
  if (t) {
    const b = { run_id: runId, use_case: USE_CASE };
    rows.push({
      ...b,
      model: 'trending:logistic',
      kind: 'model',
      metric: 'roc_auc',
      value: t.model.auc.estimate,
      ci_low: t.model.auc.lower,
      ci_high: t.model.auc.upper,
    });
    rows.push({
      ...b,
      model: 'trending:logistic',
      kind: 'model',
      metric: 'auc_gain_p_value_holm',
      value: t.adjustedP,
      ci_low: null,
      ci_high: null,
    });
    rows.push({
      ...b,
      model: 'trending:early_views',
      kind: 'baseline',
      metric: 'roc_auc',
      value: t.baseline.auc.estimate,
      ci_low: t.baseline.auc.lower,
      ci_high: t.baseline.auc.upper,
    });
  }
  return rows;
}

export function modelRunRows(run: ForecastRun, input: ForecastInput, info: ForecastRunInfo): Row[] {
  const lastDay = info.firstDay + info.nDays - 1;
  return run.groups.flatMap((g) =>
    [...g.baselines, ...g.models].map((f) => ({
      run_id: info.runId,
      use_case: USE_CASE,
      model: `${g.group}:${f.name}`,
      trained_at: info.trainedAt,
      as_of_date: info.asOfDate,
      label_window_days: null,
      data_window: `${isoDay(info.firstDay)} to ${isoDay(lastDay)}`,
      n_train: g.nSeries,
      n_test: f.test.forecasts,
      seed: info.seed,
      params: JSON.stringify({
        horizon: HORIZON,
        level: LEVEL,
        origin_step: g.plan.step,
        validation_origins: g.plan.validation.length,
        test_origins: g.plan.test.length,
        published_series: g.group === 'catalogue' ? 1 : input.titles.length,
      }),
      fit_seconds: f.seconds,
    })),
  );
}

const point = (v: number) => ({
  estimate: v,
  lower: Number.NaN,
  upper: Number.NaN,
  level: 0.95,
  replicates: 0,
  validReplicates: 0,
  method: 'percentile-bootstrap' as const,
  stratified: false,
});

/** The sentence of a forecasting card, from the figures only. */
export function forecastVerdictText(g: GroupEvaluation, f: ScoredForecaster, test: ModelTest | undefined): string {
  const base = g.baselines.find((b) => b.name === g.strongestBaseline)!;
  const cov = coverageText(f.test.coverage);
  const where = `${g.nSeries === 1 ? 'the catalogue series' : `${g.nSeries} titles`}, ${g.plan.test.length} test origins`;
  if (!test) {
    const role =
      f.name === g.strongestBaseline
        ? 'the strongest baseline (lowest validation MASE)'
        : `a baseline; the strongest was ${g.strongestBaseline}`;
    return `${g.group}: ${f.name} is ${role}: test MASE ${f.test.mase.toFixed(3)} over ${where}; ${cov}.`;
  }
  const vs = `test MASE ${f.test.mase.toFixed(3)} vs ${base.name} ${base.test.mase.toFixed(3)} over ${where} (one-sided Diebold-Mariano p ${test.pValue.toPrecision(2)}, Holm-adjusted ${test.adjustedP.toPrecision(2)} over ${'{family}'} models)`;
  return test.level === 'signal'
    ? `${g.group}: ${f.name} beats the strongest baseline: ${vs}; ${cov}.`
    : `${g.group}: ${f.name} does not beat the strongest baseline: ${vs}; ${cov}.`;
}

function card(
  g: GroupEvaluation,
  f: ScoredForecaster,
  level: ClaimLevel,
  text: string,
  info: ForecastRunInfo,
  notes: string[],
): PublishedCard {
  const base = g.baselines.find((b) => b.name === g.strongestBaseline)!;
  const c: ModelCard & { plainVerdict: string } = {
    useCase: USE_CASE,
    model: { name: `${g.group}:${f.name}`, params: { horizon: HORIZON, level: LEVEL } },
    trainedAt: info.trainedAt,
    dataWindow: {
      asOfDate: info.asOfDate,
      labelWindowDays: 0,
      featureStart: isoDay(info.firstDay),
      trainRows: f.validation.forecasts,
      testRows: f.test.forecasts,
      positiveRateTrain: Number.NaN,
      positiveRateTest: Number.NaN,
      split: `Rolling origins every ${g.plan.step} days: ${g.plan.validation.length} validation origins (days ${g.plan.validation[0]}..${g.plan.validation.at(-1)}) choose the strongest baseline and the best model; ${g.plan.test.length} test origins from day ${g.plan.split} judge them; horizons 1..${HORIZON}.`,
    },
    features: [],
    metrics: [
      { name: 'mase', ci: point(f.test.mase) },
      { name: 'validation_mase', ci: point(f.validation.mase) },
      { name: 'mae', ci: point(f.test.mae) },
      { name: 'coverage', ci: point(f.test.coverage) },
    ],
    baselines: g.baselines.map((b) => ({
      name: b.name,
      metrics: [
        { name: 'mase', ci: point(b.test.mase) },
        { name: 'validation_mase', ci: point(b.validation.mase) },
      ],
    })),
    caveats: [
      "MASE: mean absolute error over the horizon divided by the training window's seasonal-naive (7-day) MAE, averaged over (series, origin) pairs; no CI (the test is the Diebold-Mariano p).",
      `The strongest baseline (${base.name}) and the best model were chosen on validation origins only.`,
      ...notes,
    ],
    verdict: { level, text },
    plainVerdict: text,
  };
  return { model: c.model.name, card: c };
}

/** A card per model and per baseline of each group, and the two trending cards. */
export function buildModelCards(run: ForecastRun, info: ForecastRunInfo): PublishedCard[] {
  const family = String(run.tests.length);
  const cards: PublishedCard[] = [];
  for (const g of run.groups) {
    for (const m of g.models) {
      const t = run.tests.find((x) => x.group === g.group && x.model === m.name)!;
      cards.push(card(g, m, t.level, forecastVerdictText(g, m, t).replace('{family}', family), info, g.notes));
    }
    for (const b of g.baselines) cards.push(card(g, b, 'baseline', forecastVerdictText(g, b, undefined), info, []));
  }
  cards.push(...trendingCards(run, info));
  return cards;
}

function trendingCards(run: ForecastRun, info: ForecastRunInfo): PublishedCard[] {
  const t = run.trending;
  const make = (name: string, level: ClaimLevel, text: string, auc: number): PublishedCard => {
    const c: ModelCard & { plainVerdict: string } = {
      useCase: USE_CASE,
      model: { name, params: { window_days: 14, label_days: 90 } },
      trainedAt: info.trainedAt,
      dataWindow: {
        asOfDate: info.asOfDate,
        labelWindowDays: 90,
        featureStart: isoDay(info.firstDay),
        trainRows: t ? t.nTitles - t.testTitles : 0,
        testRows: t?.testTitles ?? 0,
        positiveRateTrain: Number.NaN,
        positiveRateTest: t ? t.testPositives / t.testTitles : Number.NaN,
        split: 'Stratified 70/30 split of titles added inside the data.',
      },
      features: [],
      metrics: Number.isFinite(auc) ? [{ name: 'roc_auc', ci: point(auc) }] : [],
      baselines: [],
      caveats: [run.trendingNote],
      verdict: { level, text },
      plainVerdict: text,
    };
    return { model: name, card: c };
  };
  if (!t) return [make('trending:logistic', 'not_evaluated', `trending: ${run.trendingNote}.`, Number.NaN)];
  const verb = t.level === 'signal' ? 'beats' : 'does not beat';
  return [
    make(
      'trending:logistic',
      t.level,
      `trending: the early-engagement model ${verb} ranking by early views: AUC ${t.model.auc.estimate.toFixed(3)} vs ${t.baseline.auc.estimate.toFixed(3)} on ${t.testTitles} test titles (${t.testPositives} trending); one-sided paired bootstrap p ${t.pValue.toPrecision(2)}, Holm-adjusted ${t.adjustedP.toPrecision(2)}.`,
      t.model.auc.estimate,
    ),
    make(
      'trending:early_views',
      'baseline',
      `trending: ranking by early views (the baseline) has AUC ${t.baseline.auc.estimate.toFixed(3)} on ${t.testTitles} test titles.`,
      t.baseline.auc.estimate,
    ),
  ];
}

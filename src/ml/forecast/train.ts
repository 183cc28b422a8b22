// Forecasting run: the catalogue's daily views and the top titles' series (chosen on the first
// training window only), baselines and models scored on validation origins, each model judged
// against the group's strongest baseline on later test origins (evaluate.ts), 28-day forecasts
// from the chosen forecaster, and the early-engagement trending claim (trending_eval.ts).
import { selectArimaOrder, arima } from './arima.js';
import { loadAugurs, mstlEts, prophetForecaster } from './augurs.js';
import { baselineForecasters, SPARSE_ZERO_SHARE, zeroShare } from './baselines.js';
import {
  judge,
  planOrigins,
  scorePairs,
  strongest,
  testAgainstBaseline,
  type ModelTest,
  type OriginPlan,
  type ScoredForecaster,
} from './evaluate.js';
import { holtWinters } from './holt_winters.js';
import { describeLstmStop, LSTM_DEFAULTS, trainLstm } from './lstm.js';
import { RunProfile } from './profile.js';
import { evaluateTrending, type TrendingResult } from './trending_eval.js';
import type { TitleActivity } from './trending.js';
import { nonNegative, type Forecast, type Forecaster } from './types.js';
import { ML_SETTINGS } from '../settings.js';
import { loadLogisticKernel } from '../classifiers/logistic-kernel.js';

export const HORIZON = ML_SETTINGS.forecast.horizon;
export const LEVEL = ML_SETTINGS.forecast.intervalLevel;
export const CATALOGUE = '__catalogue__';
export const PERIOD = 7;

export type GroupName = 'catalogue' | 'titles';

export interface GroupEvaluation {
  group: GroupName;
  plan: OriginPlan;
  /** Series evaluated (1 for the catalogue). */
  nSeries: number;
  /** Share of zero days in the selection window; at or above SPARSE_ZERO_SHARE the zero forecast is a baseline. */
  zeroShare: number;
  baselines: ScoredForecaster[];
  models: ScoredForecaster[];
  /** The baseline with the lowest validation MASE: the one every model must beat. */
  strongestBaseline: string;
  /** The model with the lowest validation MASE. */
  bestModel: string;
  /** What the published forecasts come from: the best (validation) model among those that earned `signal`, else the strongest baseline. */
  chosen: string;
  /** Notes on how models were configured (ARIMA order, LSTM epochs ...). */
  notes: string[];
}

export interface ForecastRun {
  groups: GroupEvaluation[];
  tests: ModelTest[];
  forecasts: { id: string; model: string; forecast: Forecast }[];
  trending: TrendingResult | null;
  trendingNote: string;
  /** CPU and wall seconds per part (model x origins, LSTM training, forecasts, trending). */
  profile: RunProfile;
}

export interface ForecastInput {
  catalogue: Float64Array;
  /** Series evaluated and published, most viewed in the selection window first. */
  titles: { id: string; series: Float64Array }[];
  activity: TitleActivity[];
  /** Day 0 of every series as days since 1970-01-01 (Prophet needs dates). */
  firstDay: number;
}

export interface ForecastOptions {
  seed: number;
  B?: number;
  titleStep?: number;
  evaluatedTitles?: number;
  /** The LSTM's epoch budget (early stopping usually ends training sooner). */
  lstmMaxEpochs?: number;
  onProgress?: (done: number, total: number, note: string) => void;
}

async function evaluateGroup(
  group: GroupName,
  series: Float64Array[],
  step: number,
  input: ForecastInput,
  options: ForecastOptions,
  progress: (note: string) => void,
  profile: RunProfile,
): Promise<{ evaluation: GroupEvaluation; forecasters: Map<string, Forecaster> }> {
  const { firstWindowDays } = ML_SETTINGS.forecast;
  const plan = planOrigins(series[0].length, firstWindowDays, HORIZON, step);
  const share = zeroShare(series, firstWindowDays);
  const scoreOpts = { horizon: HORIZON, level: LEVEL, period: PERIOD };
  const notes: string[] = [];
  // Configuration uses data before the first validation origin only.
  const firstWindows = series.map((y) => y.subarray(0, plan.validation[0]));
  const order = await profile.time(`${group} arima order selection`, () => selectArimaOrder(firstWindows, PERIOD));
  notes.push(
    `ARIMA order (p,d,q)(P,D,Q)_7 = (${order.order.p},0,${order.order.q})(0,1,${order.order.seasonalQ}) by summed CSS-AIC on the first ${plan.validation[0]} days`,
  );
  progress(`${group}: training the LSTM`);
  const lstmBudget = {
    maxEpochs: options.lstmMaxEpochs ?? ML_SETTINGS.forecast.lstmMaxEpochs,
    patience: LSTM_DEFAULTS.patience,
    maxCpuSeconds: LSTM_DEFAULTS.maxCpuSeconds,
  };
  const lstm = await profile.time(`${group} lstm training`, () =>
    trainLstm(series, {
      horizon: HORIZON,
      trainEnd: plan.validation[0],
      validationOrigins: plan.validation,
      level: LEVEL,
      seed: options.seed,
      ...lstmBudget,
    }),
  );
  notes.push(`LSTM: ${describeLstmStop(lstm, lstmBudget)}; ${lstm.trainWindows} training windows`);
  const models: Forecaster[] = [
    nonNegative(holtWinters(PERIOD)),
    nonNegative(mstlEts([PERIOD])),
    nonNegative({ ...arima(order.order), name: 'arima' }),
    nonNegative(
      prophetForecaster(input.firstDay, { uncertaintySamples: ML_SETTINGS.forecast.prophetUncertaintySamples, seed: options.seed }),
    ),
    lstm,
  ];
  const baselines = baselineForecasters(PERIOD, share >= SPARSE_ZERO_SHARE);
  // Each origin set is one synchronous piece; the profile yields to the event loop after each.
  const score = async (f: Forecaster, kind: 'baseline' | 'model'): Promise<ScoredForecaster> => {
    progress(`${group}: rolling origins of ${f.name}`);
    const validation = await profile.time(`${group} ${f.name} validation origins`, () => scorePairs(series, f, plan.validation, scoreOpts));
    const test = await profile.time(`${group} ${f.name} test origins`, () => scorePairs(series, f, plan.test, scoreOpts));
    // The LSTM is trained once before its origins: its seconds include the training.
    const parts = [...profile.parts.slice(-2), ...(f === lstm ? profile.parts.filter((p) => p.part === `${group} lstm training`) : [])];
    return {
      name: f.name,
      kind,
      validation,
      test,
      seconds: parts.reduce((a, p) => a + p.wallSeconds, 0),
      cpuSeconds: parts.reduce((a, p) => a + p.cpuSeconds, 0),
    };
  };
  const scoredBaselines: ScoredForecaster[] = [];
  for (const b of baselines) scoredBaselines.push(await score(b, 'baseline'));
  const scoredModels: ScoredForecaster[] = [];
  for (const m of models) scoredModels.push(await score(m, 'model'));
  const all = new Map([...baselines, ...models].map((f) => [f.name, f]));
  return {
    evaluation: {
      group,
      plan,
      nSeries: series.length,
      zeroShare: share,
      baselines: scoredBaselines,
      models: scoredModels,
      strongestBaseline: strongest(scoredBaselines).name,
      bestModel: strongest(scoredModels).name,
      chosen: '',
      notes,
    },
    forecasters: all,
  };
}

export async function runForecasts(input: ForecastInput, options: ForecastOptions, profile = new RunProfile()): Promise<ForecastRun> {
  await profile.time('load augurs wasm', () => loadAugurs());
  await loadLogisticKernel(); // the trending classifier's Hessians
  const evaluated = Math.min(input.titles.length, options.evaluatedTitles ?? ML_SETTINGS.forecast.evaluatedTitles);
  const total = 2 * 10 + 2;
  let done = 0;
  const progress = (note: string) => options.onProgress?.(Math.min(done++, total - 1), total, note);
  const plan: [GroupName, Float64Array[], number][] = [
    ['catalogue', [input.catalogue], ML_SETTINGS.forecast.catalogueOriginStep],
    ['titles', input.titles.slice(0, evaluated).map((t) => t.series), options.titleStep ?? ML_SETTINGS.forecast.titleOriginStep],
  ];
  const evaluations: Awaited<ReturnType<typeof evaluateGroup>>[] = [];
  for (const [group, series, step] of plan)
    if (series.length > 0) evaluations.push(await evaluateGroup(group, series, step, input, options, progress, profile));
  const raw = evaluations.flatMap(({ evaluation: g }) => {
    const baseline = g.baselines.find((b) => b.name === g.strongestBaseline)!;
    return testAgainstBaseline(g.group, g.models, baseline, Math.ceil(HORIZON / g.plan.step) - 1);
  });
  const tests = judge(raw);
  for (const { evaluation: g } of evaluations) {
    // Among the models that earned `signal`, the one with the lowest validation MASE.
    const proven = g.models.filter((m) => tests.some((t) => t.group === g.group && t.model === m.name && t.level === 'signal'));
    g.chosen = proven.length ? strongest(proven).name : g.strongestBaseline;
  }
  progress('28-day forecasts');
  const forecasts: ForecastRun['forecasts'] = [];
  for (const { evaluation: g, forecasters } of evaluations) {
    const f = forecasters.get(g.chosen)!;
    const targets = g.group === 'catalogue' ? [{ id: CATALOGUE, series: input.catalogue }] : input.titles;
    await profile.time(`${g.group} 28-day forecasts (${g.chosen}, ${targets.length} series)`, () => {
      for (const t of targets)
        forecasts.push({ id: t.id, model: `${g.group}:${g.chosen}`, forecast: f.forecast(t.series, HORIZON, LEVEL) });
    });
  }
  progress('trending classifier');
  const { trending, note } = await profile.time('trending classifier', () =>
    evaluateTrending(input.activity, options.seed, options.B ?? ML_SETTINGS.bootstrapResamples),
  );
  return { groups: evaluations.map((e) => e.evaluation), tests, forecasts, trending, trendingNote: note, profile };
}

// Forecasting run (pure): the catalogue's daily views and the top-N titles' series, four
// forecasters under rolling-origin evaluation, 28-day forecasts from the best one, and the
// early-engagement "will this title trend?" classifier against the early-views baseline.
import { bootstrapCi, type ConfidenceInterval } from '../core/bootstrap.js';
import { applyStandardiser, fitStandardiser, selectRows, take } from '../core/matrix.js';
import { permutationTest } from '../core/permutation.js';
import { stratifiedSplit } from '../core/splits.js';
import { arima } from './arima.js';
import { holtWinters } from './holt_winters.js';
import { rollingOrigin, type RollingOriginResult } from './rolling_origin.js';
import { seasonalNaive } from './seasonal_naive.js';
import { trendRegression } from './trend_regression.js';
import { earlyEngagementFeatures, earlyViewsBaseline, logisticClassifier, trendingLabels, type TitleActivity } from './trending.js';
import { nonNegative, type Forecast, type Forecaster } from './types.js';
import { ML_SETTINGS } from '../settings.js';

export const HORIZON = ML_SETTINGS.forecast.horizon;
export const LEVEL = ML_SETTINGS.forecast.intervalLevel;
export const CATALOGUE = '__catalogue__';

export function forecasters(): Forecaster[] {
  return [
    nonNegative(seasonalNaive(7)),
    nonNegative(holtWinters(7)),
    nonNegative(arima({ p: 1, d: 0, q: 1, seasonalD: 1, seasonalQ: 1, period: 7 })),
    nonNegative(trendRegression({ transform: 'log1p' })),
  ];
}

export interface GroupEvaluation {
  group: 'catalogue' | 'titles';
  results: RollingOriginResult[];
  best: string;
}

export interface TrendingResult {
  nTitles: number;
  positives: number;
  windowDays: number;
  model: { auc: ConfidenceInterval; pValue: number };
  baseline: { auc: ConfidenceInterval; pValue: number };
}

export interface ForecastRun {
  groups: GroupEvaluation[];
  forecasts: { id: string; model: string; forecast: Forecast }[];
  trending: TrendingResult | null;
  trendingNote: string;
}

export interface ForecastInput {
  catalogue: Float64Array;
  titles: { id: string; series: Float64Array }[];
  activity: TitleActivity[];
}

function bestOf(results: RollingOriginResult[]): string {
  return results.reduce((a, b) => (b.overall.mase < a.overall.mase ? b : a)).model;
}

export function runForecasts(input: ForecastInput, options: { seed: number; B?: number; titleStep?: number; onProgress?: (d: number, t: number, n: string) => void }): ForecastRun {
  const groups: GroupEvaluation[] = [];
  const models = forecasters();
  const plan: ['catalogue' | 'titles', Float64Array[], number][] = [['catalogue', [input.catalogue], ML_SETTINGS.forecast.catalogueOriginStep], ['titles', input.titles.map((t) => t.series), options.titleStep ?? ML_SETTINGS.forecast.titleOriginStep]];
  let n = 0;
  for (const [group, series, step] of plan) {
    const results = models.map((m) => {
      options.onProgress?.(n++, models.length * 2 + 2, `rolling origin: ${m.name} on ${group}`);
      return rollingOrigin(series, m, { horizon: HORIZON, step, minTrain: ML_SETTINGS.forecast.firstWindowDays, level: LEVEL, period: 7 });
    });
    groups.push({ group, results, best: bestOf(results) });
  }
  options.onProgress?.(n++, models.length * 2 + 2, '28-day forecasts');
  const byName = new Map(models.map((m) => [m.name, m]));
  const forecasts = [
    { id: CATALOGUE, model: groups[0].best, forecast: byName.get(groups[0].best)!.forecast(input.catalogue, HORIZON, LEVEL) },
    ...input.titles.map((t) => ({ id: t.id, model: groups[1].best, forecast: byName.get(groups[1].best)!.forecast(t.series, HORIZON, LEVEL) })),
  ];
  options.onProgress?.(n++, models.length * 2 + 2, 'trending classifier');
  const { trending, note } = trendingModel(input.activity, options.seed, options.B ?? ML_SETTINGS.bootstrapResamples);
  return { groups, forecasts, trending, trendingNote: note };
}

function trendingModel(activity: TitleActivity[], seed: number, B: number): { trending: TrendingResult | null; note: string } {
  const windowDays = 14;
  const early = earlyEngagementFeatures(activity, windowDays);
  const labels = trendingLabels(activity, early.titleIds, windowDays, 90, 0.2);
  const rows = Array.from(labels.labels.keys()).filter((i) => labels.labels[i] >= 0);
  const y = take(labels.labels, rows);
  let positives = 0;
  for (const v of y) positives += v;
  if (rows.length < 30 || positives < 5) {
    return { trending: null, note: `too few titles added inside the data with a full 14 + 90 day window (${rows.length} titles, ${positives} trending) to evaluate` };
  }
  const x = selectRows(early.matrix, rows);
  const split = stratifiedSplit(y, 0.3, seed);
  const xTrain = selectRows(x, split.train);
  const std = fitStandardiser(xTrain);
  const yTrain = take(y, split.train);
  const yTest = take(y, split.test);
  const xTest = selectRows(x, split.test);
  const model = logisticClassifier({}).fit(applyStandardiser(std, xTrain), yTrain).predictProba(applyStandardiser(std, xTest));
  const base = earlyViewsBaseline(windowDays).fit(xTrain, yTrain).predictProba(xTest);
  const score = (s: Float64Array) => ({
    auc: bootstrapCi(yTest, s, 'roc_auc', { B, seed, stratified: true }),
    pValue: permutationTest(yTest, s, 'roc_auc', { B: 500, seed }).pValue,
  });
  return {
    trending: { nTitles: rows.length, positives, windowDays, model: score(model), baseline: score(base) },
    note: `${rows.length} titles added inside the data with 14 early days and 90 observed days after; top 20% of later views = trending`,
  };
}

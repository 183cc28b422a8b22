/**
 * The trending claim: the logistic model on early-engagement features against the
 * early-views ranking, on a held-out stratified split. One paired, one-sided test (stratified
 * bootstrap of the AUC difference on the same test titles), Holm-corrected over the trending
 * models (one today, so the family is one test), and a minimum test size below which the verdict
 * is `not_evaluated` rather than a p-value from a handful of titles.
 */
import { bootstrapCi, type ConfidenceInterval } from '../core/bootstrap.js';
import { claimFromAdjustedP, holmAdjust, type ClaimLevel } from '../core/claims.js';
import { applyStandardiser, fitStandardiser, selectRows, take } from '../core/matrix.js';
import { rocAuc } from '../core/metrics.js';
import { createRng } from '../core/rng.js';
import { stratifiedSplit } from '../core/splits.js';
import { earlyEngagementFeatures, earlyViewsBaseline, logisticClassifier, trendingLabels, type TitleActivity } from './trending.js';

/** Early-engagement window and the later window whose views label a title trending. */
export const TRENDING_WINDOW_DAYS = 14;
export const TRENDING_LABEL_DAYS = 90;
/** Days after a title is added that the trending model reads (data.ts loads only these). */
export const TRENDING_DAYS = TRENDING_WINDOW_DAYS + TRENDING_LABEL_DAYS;

/** Fewer test positives or negatives than this and the trending verdict is `not_evaluated`. */
export const TRENDING_MIN_TEST_CLASS = 15;

export interface TrendingResult {
  nTitles: number;
  positives: number;
  windowDays: number;
  testTitles: number;
  testPositives: number;
  model: { auc: ConfidenceInterval };
  baseline: { auc: ConfidenceInterval };
  /** Mean AUC gain over the baseline on the test titles and its one-sided bootstrap p. */
  aucGain: number;
  pValue: number;
  adjustedP: number;
  level: ClaimLevel;
}

/** Share of bootstrap resamples (stratified, same titles for both) where the model does not beat the baseline. */
export function pairedAucPValue(labels: Float64Array, model: Float64Array, baseline: Float64Array, B: number, seed: number): number {
  const rng = createRng(seed);
  const pos: number[] = [];
  const neg: number[] = [];
  labels.forEach((v, i) => (v === 1 ? pos : neg).push(i));
  let notBetter = 0;
  const idx = new Int32Array(labels.length);
  for (let b = 0; b < B; b++) {
    let k = 0;
    for (const group of [pos, neg]) for (let i = 0; i < group.length; i++) idx[k++] = group[rng.int(group.length)];
    const y = take(labels, idx);
    if (rocAuc(y, take(model, idx)) - rocAuc(y, take(baseline, idx)) <= 0) notBetter++;
  }
  return (notBetter + 1) / (B + 1);
}

export function evaluateTrending(
  activity: readonly TitleActivity[],
  seed: number,
  B: number,
): { trending: TrendingResult | null; note: string } {
  const windowDays = TRENDING_WINDOW_DAYS;
  const early = earlyEngagementFeatures(activity, windowDays);
  const labels = trendingLabels(activity, early.titleIds, windowDays, TRENDING_LABEL_DAYS, 0.2);
  const rows = Array.from(labels.labels.keys()).filter((i) => labels.labels[i] >= 0);
  const y = take(labels.labels, rows);
  let positives = 0;
  for (const v of y) positives += v;
  const split = stratifiedSplit(y, 0.3, seed);
  const yTest = take(y, split.test);
  let testPositives = 0;
  for (const v of yTest) testPositives += v;
  const testNegatives = yTest.length - testPositives;
  if (testPositives < TRENDING_MIN_TEST_CLASS || testNegatives < TRENDING_MIN_TEST_CLASS) {
    return {
      trending: null,
      note: `not evaluated: ${rows.length} titles added inside the data with 14 early and 90 observed later days leave ${testPositives} trending and ${testNegatives} other test titles; the test needs at least ${TRENDING_MIN_TEST_CLASS} of each`,
    };
  }
  const x = selectRows(early.matrix, rows);
  const xTrain = selectRows(x, split.train);
  const std = fitStandardiser(xTrain);
  const yTrain = take(y, split.train);
  const xTest = selectRows(x, split.test);
  const model = logisticClassifier({}).fit(applyStandardiser(std, xTrain), yTrain).predictProba(applyStandardiser(std, xTest));
  const base = earlyViewsBaseline(windowDays).fit(xTrain, yTrain).predictProba(xTest);
  const auc = (s: Float64Array) => bootstrapCi(yTest, s, 'roc_auc', { B, seed, stratified: true });
  const pValue = pairedAucPValue(yTest, model, base, B, seed + 1);
  const [adjustedP] = holmAdjust([pValue]);
  return {
    trending: {
      nTitles: rows.length,
      positives,
      windowDays,
      testTitles: yTest.length,
      testPositives,
      model: { auc: auc(model) },
      baseline: { auc: auc(base) },
      aucGain: rocAuc(yTest, model) - rocAuc(yTest, base),
      pValue,
      adjustedP,
      level: claimFromAdjustedP(adjustedP),
    },
    note: `${rows.length} titles added inside the data with 14 early days and 90 observed days after; top 20% of later views = trending; ${yTest.length} test titles (${testPositives} trending)`,
  };
}

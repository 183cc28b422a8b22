// The churn use case without I/O: split, impute, leakage guard, three models against two baselines,
// evaluation with CIs, permutation test and (when the generator's truth is given) fraction of ceiling.
import { fitOneFeature, fitPrior } from '../core/baselines.js';
import { evaluateBinary, type BinaryEvaluation } from '../core/evaluate.js';
import { leakageGuard, type FeatureAuc } from '../core/leakage.js';
import { applyImputer, fitImputer, selectColumns, selectRows, take, type FeatureMatrix, type Imputer } from '../core/matrix.js';
import { kFold, stratifiedSplit, type RowSplit } from '../core/splits.js';
import { childSeed, range } from '../core/rng.js';
import { capRows, type CappedRows } from '../core/cap.js';
import { fitForest } from '../classifiers/forest.js';
import { fitGbt } from '../classifiers/gbt.js';
import { fitLogistic } from '../classifiers/logistic.js';
import { rocAuc } from '../core/metrics.js';
import { rocCurve, type RocPoint } from './curves.js';
import type { ChurnDataset } from './data.js';
import { ML_SETTINGS } from '../settings.js';
import { holmAdjust } from '../core/claims.js';
import { fitRecencyModel, pairedAucDifference, RECENCY_FEATURE, RECENCY_MODEL, type PairedAucComparison } from './recency.js';

export const CHURN_MODELS = ['logistic', 'random_forest', 'gbt'] as const;
export type ChurnModelName = (typeof CHURN_MODELS)[number];

export interface ChurnOptions {
  seed: number;
  testFraction?: number;
  /** Bootstrap replicates and permutations (defaults 300 / 500). */
  B?: number;
  permutations?: number;
  leakageThreshold?: number;
  /** True churn probabilities per row of the dataset (NaN unknown), from ground_truth.json. */
  trueProbability?: Float64Array;
  /** Called between models so the step can show progress. */
  onProgress?: (done: number, total: number, note: string) => void;
  /** Training users the learned models fit on at most (default ML_SETTINGS.churn.maxTrainingUsers). */
  maxTrainingUsers?: number;
  /** Test users scored at most (default ML_SETTINGS.churn.maxEvaluatedUsers). */
  maxEvaluatedUsers?: number;
}

export interface ChurnModelResult {
  name: ChurnModelName;
  params: Record<string, number | string | boolean>;
  evaluation: BinaryEvaluation;
  importance: { feature: string; importance: number }[];
  roc: RocPoint[];
  /** Probability for rows already passed through the run's `prepare`. */
  predictPrepared(x: FeatureMatrix): Float64Array;
  fitSeconds: number;
  /** Against the one-feature recency reference on the same test users (absent without the recency column). */
  vsRecency?: PairedAucComparison;
}

/** The one-feature recency reference (level `baseline`): days since the last session before the as-of date. */
export interface RecencyReference {
  name: typeof RECENCY_MODEL;
  feature: typeof RECENCY_FEATURE;
  neverWatchedDays: number;
  evaluation: BinaryEvaluation;
  roc: RocPoint[];
}

export interface ChurnRun {
  split: RowSplit;
  /** The test users every model is scored on: all of split.test up to ML_SETTINGS.churn.maxEvaluatedUsers, else a seeded sample. */
  evaluated: CappedRows;
  /** Positions within the training rows the learned models fit on: all up to the cap, else a seeded sample. */
  fitted: CappedRows;
  imputer: Imputer;
  /** Raw encoded features -> the model input (training medians filled, indicators added, flagged columns dropped). */
  prepare(x: FeatureMatrix): FeatureMatrix;
  /** Feature columns the models used (after imputation, without leakage-flagged ones). */
  features: string[];
  leakage: { threshold: number; features: FeatureAuc[]; flagged: string[] };
  oneFeature: { feature: string; trainAuc: number };
  baselineRoc: { name: string; roc: RocPoint[] }[];
  models: ChurnModelResult[];
  best: ChurnModelResult;
  /** Null when the feature table has no days_since_last_watch column. */
  recency: RecencyReference | null;
  /** AUC of the true probabilities on the test rows (null without ground truth). */
  ceilingAuc: number | null;
  /** Smallest permutation p over the models times the number of models (Bonferroni), capped at 1. */
  familyPValue: number;
  /** Each model's permutation p after Holm's correction over the models compared (same order as models). */
  holmPValues: number[];
  positiveRate: { train: number; test: number };
  /** The behavioural label on the test users where it is defined, and what share of snapshot churners had already stopped before the as-of date. */
  behavioural: BehaviouralLabelReport;
}

export interface BehaviouralLabelReport {
  /** Test users with a behavioural label (a session in the 90 days before as-of). */
  testUsers: number;
  positiveRate: number;
  /** AUC of each model's scores against the behavioural label (NaN when one class is missing). */
  aucByModel: Record<string, number>;
  /** Snapshot churners (churned = 1) in the test set with no behavioural label: they had already stopped before as-of. */
  snapshotChurnersAlreadyInactive: number;
  snapshotChurners: number;
}

function rate(y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i];
  return y.length ? s / y.length : NaN;
}

/** Drops the named columns (leakage-flagged) from a matrix. */
function withoutColumns(x: FeatureMatrix, drop: readonly string[]): FeatureMatrix {
  if (drop.length === 0) return x;
  const keep = x.names.map((n, j) => (drop.includes(n) ? -1 : j)).filter((j) => j >= 0);
  return selectColumns(x, keep);
}

/** Penalties tried for the logistic regression (on standardised features; sklearn C = 1 / l2). */
export const L2_GRID = [1, 10, 100, 1000];

/**
 * The L2 penalty with the best mean held-out AUC over 3 stratified folds of the training rows.
 * Within a fold the path runs from the strongest penalty to the weakest, each fit warm-started
 * from the previous one (same optimum, fewer Newton steps); the choice is made in grid order.
 */
export function chooseL2(x: FeatureMatrix, y: Float64Array, seed: number): number {
  const folds = kFold(x.nRows, 3, seed, y);
  const path = L2_GRID.map((l2, k) => ({ l2, k })).sort((a, b) => b.l2 - a.l2);
  const auc = L2_GRID.map(() => new Float64Array(folds.length));
  folds.forEach((f, fi) => {
    const xFit = selectRows(x, f.train);
    const yFit = take(y, f.train);
    const xHeld = selectRows(x, f.test);
    const yHeld = take(y, f.test);
    let previous: ReturnType<typeof fitLogistic> | undefined;
    for (const { l2, k } of path) {
      previous = fitLogistic(xFit, yFit, { l2, start: previous });
      auc[k][fi] = rocAuc(yHeld, previous.predictProba(xHeld));
    }
  });
  let best = L2_GRID[0];
  let bestAuc = -Infinity;
  L2_GRID.forEach((l2, k) => {
    let sum = 0;
    for (const a of auc[k]) sum += a;
    if (sum / folds.length > bestAuc + 1e-12) {
      bestAuc = sum / folds.length;
      best = l2;
    }
  });
  return best;
}

export function trainChurn(data: ChurnDataset, options: ChurnOptions): ChurnRun {
  const seed = options.seed;
  const progress = options.onProgress ?? (() => {});
  const split = stratifiedSplit(data.labels, options.testFraction ?? ML_SETTINGS.testFraction, seed);
  const imputer = fitImputer(selectRows(data.x, split.train));
  const xTrainAll = applyImputer(imputer, selectRows(data.x, split.train));
  const yTrain = take(data.labels, split.train);
  // The models are scored on at most maxEvaluatedUsers test users (all of them at scale 1): the
  // bootstrap and permutation tests cost test rows x resamples per model.
  const evaluated = capRows(split.test, options.maxEvaluatedUsers ?? ML_SETTINGS.churn.maxEvaluatedUsers, childSeed(seed, 41));
  const testRows = evaluated.rows;
  const yTest = take(data.labels, testRows);
  const threshold = options.leakageThreshold ?? ML_SETTINGS.leakageThreshold;
  const guard = leakageGuard(xTrainAll, yTrain, threshold);
  const xTrain = withoutColumns(xTrainAll, guard.flagged);
  const xTest = withoutColumns(applyImputer(imputer, selectRows(data.x, testRows)), guard.flagged);
  const prepare = (x: FeatureMatrix) => withoutColumns(applyImputer(imputer, x), guard.flagged);

  const prior = fitPrior(yTrain);
  const oneFeature = fitOneFeature(xTrain, yTrain);
  const baselines = [
    { name: 'prior (majority class)', scores: prior.predict(xTest.nRows), isProbability: true },
    { name: `one-feature heuristic (${oneFeature.feature})`, scores: oneFeature.score(xTest), isProbability: false },
  ];
  // The recency reference reads the raw column: a missing recency means "never watched", not "typical".
  const recencyModel = data.x.names.includes(RECENCY_FEATURE) ? fitRecencyModel(selectRows(data.x, split.train), yTrain) : null;
  const recencyScores = recencyModel ? recencyModel.predictProba(selectRows(data.x, testRows)) : null;
  if (recencyScores) baselines.push({ name: RECENCY_MODEL, scores: recencyScores, isProbability: true });
  let ceilingScores: Float64Array | undefined;
  if (options.trueProbability) {
    const t = take(options.trueProbability, testRows);
    if (t.every((v) => Number.isFinite(v))) ceilingScores = t;
  }
  const evalOptions = {
    B: options.B ?? ML_SETTINGS.bootstrapResamples,
    permutations: options.permutations ?? ML_SETTINGS.permutations,
    seed,
    ceilingScores,
  };

  // The learned models fit on at most maxTrainingUsers training users (all of them at scale 1).
  const maxUsers = options.maxTrainingUsers ?? ML_SETTINGS.churn.maxTrainingUsers;
  const fitted = capRows(range(xTrain.nRows), maxUsers, childSeed(seed, 40));
  const xFit = fitted.sampled ? selectRows(xTrain, fitted.rows) : xTrain;
  const yFit = fitted.sampled ? take(yTrain, fitted.rows) : yTrain;
  const capParams = {
    trainingUsers: fitted.rows.length,
    trainingUsersAvailable: fitted.available,
    trainingUsersCap: maxUsers,
    testUsersScored: evaluated.rows.length,
    testUsersAvailable: evaluated.available,
    testUsersCap: evaluated.cap,
  };

  progress(0, 4, 'choosing the logistic penalty by cross-validation');
  const l2 = chooseL2(xFit, yFit, childSeed(seed, 4));
  // Early stopping for boosting needs rows the trees never see: a stratified fifth of training.
  const inner = stratifiedSplit(yFit, 0.2, childSeed(seed, 1));
  const fits: {
    name: ChurnModelName;
    params: Record<string, number | string | boolean>;
    fit: () => { predictProba(x: FeatureMatrix): Float64Array; importance: { feature: string; importance: number }[] };
  }[] = [
    {
      name: 'logistic',
      params: { l2, l2Grid: L2_GRID.join(' '), l2ChosenBy: '3-fold stratified CV AUC on training users', standardised: true, ...capParams },
      fit: () => {
        const m = fitLogistic(xFit, yFit, { l2 });
        return {
          predictProba: (x) => m.predictProba(x),
          importance: m.importances().map((f) => ({ feature: f.feature, importance: f.importance })),
        };
      },
    },
    {
      name: 'random_forest',
      params: { ...ML_SETTINGS.churn.forest, seed: childSeed(seed, 2), ...capParams },
      fit: () => {
        const m = fitForest(xFit, yFit, { ...ML_SETTINGS.churn.forest, seed: childSeed(seed, 2) });
        return { predictProba: (x) => m.predictProba(x), importance: m.featureImportance };
      },
    },
    {
      name: 'gbt',
      params: { ...ML_SETTINGS.churn.gbt, validationFraction: 0.2, seed: childSeed(seed, 3), ...capParams },
      fit: () => {
        const m = fitGbt(selectRows(xFit, inner.train), take(yFit, inner.train), {
          ...ML_SETTINGS.churn.gbt,
          seed: childSeed(seed, 3),
          validation: { x: selectRows(xFit, inner.test), labels: take(yFit, inner.test) },
        });
        return { predictProba: (x) => m.predictProba(x), importance: m.featureImportance };
      },
    },
  ];

  const models: ChurnModelResult[] = [];
  const testScores: Float64Array[] = [];
  fits.forEach((f, k) => {
    progress(k + 1, fits.length + 1, `fitting ${f.name}`);
    const t0 = performance.now();
    const fitted = f.fit();
    const fitSeconds = (performance.now() - t0) / 1000;
    const scores = fitted.predictProba(xTest);
    testScores.push(scores);
    const vsRecency = recencyScores
      ? pairedAucDifference(yTest, scores, recencyScores, { B: evalOptions.B, seed: childSeed(seed, 10 + k) })
      : undefined;
    models.push({
      vsRecency,
      name: f.name,
      params: f.params,
      evaluation: evaluateBinary(yTest, scores, baselines, evalOptions),
      importance: [...fitted.importance].sort((a, b) => b.importance - a.importance),
      roc: rocCurve(yTest, scores),
      predictPrepared: (x) => fitted.predictProba(x),
      fitSeconds,
    });
  });
  progress(fits.length + 1, fits.length + 1, 'evaluated');
  const best = models.reduce((a, b) => (b.evaluation.metrics.roc_auc!.estimate > a.evaluation.metrics.roc_auc!.estimate ? b : a));
  const minP = Math.min(...models.map((m) => m.evaluation.permutation.pValue));
  // A model may claim signal only when its permutation p survives Holm's correction over the
  // models compared in this run (core/claims.ts); the per-model verdict alone does not correct.
  const holmPValues = holmAdjust(models.map((m) => m.evaluation.permutation.pValue));
  models.forEach((m, k) => {
    const v = m.evaluation.verdict;
    if (v.level === 'signal' && !(holmPValues[k] <= ML_SETTINGS.alpha)) {
      m.evaluation.verdict = {
        level: 'no_signal',
        text: `no signal after Holm's correction over ${models.length} models (adjusted p = ${holmPValues[k].toFixed(3)}); before it: ${v.text}`,
      };
    }
  });
  const recency: RecencyReference | null =
    recencyModel && recencyScores
      ? {
          name: RECENCY_MODEL,
          feature: RECENCY_FEATURE,
          neverWatchedDays: recencyModel.neverWatchedDays,
          evaluation: evaluateBinary(yTest, recencyScores, baselines.slice(0, 1), evalOptions),
          roc: rocCurve(yTest, recencyScores),
        }
      : null;
  // A reference is never a claim: its own permutation test is reported, its level is `baseline`.
  if (recency) recency.evaluation.verdict = { level: 'baseline', text: recency.evaluation.verdict.text };
  return {
    recency,
    behavioural: behaviouralReport(data, testRows, models, testScores),
    split,
    evaluated,
    fitted,
    imputer,
    prepare,
    features: xTrain.names.slice(),
    leakage: { threshold, features: guard.features, flagged: guard.flagged },
    oneFeature: { feature: oneFeature.feature, trainAuc: oneFeature.trainAuc },
    baselineRoc: [
      { name: baselines[1].name, roc: rocCurve(yTest, baselines[1].scores) },
      ...(recency ? [{ name: recency.name, roc: recency.roc }] : []),
      ...(ceilingScores ? [{ name: 'ground truth (ceiling)', roc: rocCurve(yTest, ceilingScores) }] : []),
    ],
    models,
    best,
    ceilingAuc: ceilingScores ? rocAuc(yTest, ceilingScores) : null,
    familyPValue: Math.min(1, minP * models.length),
    holmPValues,
    positiveRate: { train: rate(yTrain), test: rate(yTest) },
  };
}

/** Scores the fitted models against the behavioural label on the test users where it is defined. */
function behaviouralReport(
  data: ChurnDataset,
  testRows: Int32Array,
  models: ChurnModelResult[],
  testScores: Float64Array[],
): BehaviouralLabelReport {
  const behaviour = take(data.behaviouralLabels ?? new Float64Array(data.labels.length).fill(NaN), testRows);
  const snapshot = take(data.labels, testRows);
  const keep: number[] = [];
  let churners = 0;
  let alreadyInactive = 0;
  for (let i = 0; i < behaviour.length; i++) {
    if (Number.isFinite(behaviour[i])) keep.push(i);
    if (snapshot[i] === 1) {
      churners++;
      if (!Number.isFinite(behaviour[i])) alreadyInactive++;
    }
  }
  const y = Float64Array.from(keep, (i) => behaviour[i]);
  const positives = y.reduce((a, b) => a + b, 0);
  const aucByModel: Record<string, number> = {};
  models.forEach((m, k) => {
    aucByModel[m.name] =
      positives > 0 && positives < y.length
        ? rocAuc(
            y,
            Float64Array.from(keep, (i) => testScores[k][i]),
          )
        : NaN;
  });
  return {
    testUsers: y.length,
    positiveRate: y.length ? positives / y.length : NaN,
    aucByModel,
    snapshotChurnersAlreadyInactive: alreadyInactive,
    snapshotChurners: churners,
  };
}

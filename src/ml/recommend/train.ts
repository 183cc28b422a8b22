// Fits every recommender on the time holdout, evaluates them at k = 10 with bootstrap CIs and tests
// each against the strongest baseline, chosen beforehand on a validation period inside the training
// interactions (baselines.ts), with a paired bootstrap + sign test and Holm over the models.
// Pure: no engine; step.ts does the reading and writing.
import { fitAls } from './als.js';
import { fitBpr } from './bpr.js';
import { buildItemFeatures, fitContentBased } from './content_based.js';
import { compareModels, evaluateRanking, type RankingEvaluation } from './evaluate.js';
import { interactionMatrix, timeHoldout, type Holdout } from './holdout.js';
import { fitGenrePopularity } from './genre_popularity.js';
import { fitItemKnn } from './item_knn.js';
import { fitNcf } from './ncf.js';
import {
  BASELINE_NAMES,
  chooseBaselineOnValidation,
  fitBaseline,
  RECENT_DAYS,
  randomRanking,
  recentDemand,
  recentPopularity,
  type BaselineChoice,
} from './baselines.js';
import { fitPopularity } from './popularity.js';
import type { Recommender } from './recommender.js';
import type { PairedComparison } from './significance.js';
import type { CsrMatrix } from './sparse.js';
import type { RecommendData } from './data.js';
import { dayNumber } from './true_choice.js';
import { ML_SETTINGS } from '../settings.js';
import { holmAdjust } from '../core/claims.js';
import { capRows, type CappedRows } from '../core/cap.js';
import { childSeed } from '../core/rng.js';

export const K = ML_SETTINGS.recommend.listLength;
export { RECENT_DAYS, randomRanking, recentDemand, recentPopularity };

export interface FittedModel {
  name: string;
  kind: 'model' | 'baseline' | 'ceiling';
  params: Record<string, number | string | boolean>;
  fitSeconds: number;
  evaluation: RankingEvaluation;
  /** Against the strongest baseline (models only). */
  vsPopularity?: PairedComparison;
  /** One-sided p of "beats the strongest baseline": the larger of the paired bootstrap and sign test p. */
  pValue?: number;
  /** That p after Holm's correction over the models compared. */
  holmPValue?: number;
  beatsPopularity?: boolean;
}

export interface RecommendRun {
  cutoff: string;
  holdout: Holdout;
  nTrainInteractions: number;
  nTestInteractions: number;
  models: FittedModel[];
  /** The baseline the models are tested against: the best on the validation period, chosen before test (baselineChoice). */
  popularityBaseline: string;
  baselineChoice: BaselineChoice;
  /** Best candidate by NDCG@10 (a baseline if no model beats it). */
  best: FittedModel;
  /** Significance level of "beats popularity"; each model's p is Holm-adjusted over the models first. */
  alpha: number;
  /** Test users with no training history: every model serves them the cold-start list (recent popularity). */
  coldStartUsers: number;
  /** The test users every model is scored on: all of them up to ML_SETTINGS.recommend.maxEvaluatedUsers, else a seeded sample. */
  evaluatedUsers: CappedRows;
  /** BPR's and NCF's SGD samples per epoch: one per training entry up to ML_SETTINGS.recommend.maxSgdSamplesPerEpoch. */
  sgdSamplesPerEpoch: number;
}

/** SGD samples per epoch for a training matrix: one per entry, at most the cap. */
export function sgdSamplesPerEpoch(train: CsrMatrix, cap: number = ML_SETTINGS.recommend.maxSgdSamplesPerEpoch): number {
  return Math.min(train.indices.length, cap);
}

/** Seed of the evaluated-user sample (a child of the run's seed, apart from the models' own). */
export const EVALUATED_USERS_SEED_INDEX = 101;

export interface RecommendTrainOptions {
  seed: number;
  /** Bootstrap resamples for CIs and paired tests (default 300). */
  resamples?: number;
  /** Ground-truth score for the ceiling (user index, item index), when the generator's truth is known. */
  trueScore?: (user: number, item: number) => number;
  /** Smaller settings for tests. */
  fast?: boolean;
  /** Test users evaluated at most (default ML_SETTINGS.recommend.maxEvaluatedUsers). */
  maxEvaluatedUsers?: number;
  /** BPR's and NCF's SGD samples per epoch at most (default ML_SETTINGS.recommend.maxSgdSamplesPerEpoch). */
  maxSgdSamplesPerEpoch?: number;
  onProgress?: (done: number, total: number, note: string) => void;
}

function genrePop(data: RecommendData, train: CsrMatrix, toDay: number): Recommender {
  const c = data.catalogue;
  return fitGenrePopularity(train, c.genres, c.genreNames.length, recentDemand(data, toDay - RECENT_DAYS, toDay));
}

export function trainRecommenders(data: RecommendData, cutoff: string, options: RecommendTrainOptions): RecommendRun {
  const cutoffDay = dayNumber(cutoff);
  const holdout = timeHoldout(data.interactions, cutoffDay);
  if (holdout.testUsers.length === 0)
    throw new Error(`ml.recommend: no user watched a new title on or after the cutoff ${cutoff}; nothing to evaluate`);
  const train: CsrMatrix = holdout.train;
  const boot = { resamples: options.resamples ?? ML_SETTINGS.bootstrapResamples, seed: options.seed };
  const fast = options.fast ?? false;
  const features = buildItemFeatures(data.catalogue.tokens, { idf: true });
  const maxUsers = options.maxEvaluatedUsers ?? ML_SETTINGS.recommend.maxEvaluatedUsers;
  const evaluatedUsers = capRows(holdout.testUsers, maxUsers, childSeed(options.seed, EVALUATED_USERS_SEED_INDEX));
  const samplesPerEpoch = sgdSamplesPerEpoch(train, options.maxSgdSamplesPerEpoch);
  // Cards state the per-epoch sample count only when the cap shortened the epochs.
  const sgdParams: FittedModel['params'] =
    samplesPerEpoch < train.indices.length ? { samplesPerEpoch, trainingEntries: train.indices.length } : {};
  type Spec = { name: string; kind: FittedModel['kind']; params: FittedModel['params']; fit: () => Recommender };
  // Every model, baselines included, serves cold-start users the recent-popularity list (as served).
  const coldStart = recentPopularity(data, cutoffDay - RECENT_DAYS, cutoffDay);
  const baselineParams: Record<(typeof BASELINE_NAMES)[number], FittedModel['params']> = {
    random: { seed: options.seed },
    popularity: { window: 'all training days' },
    popularity_recent_28d: { days: RECENT_DAYS },
  };
  // The bar is set before any test interaction is scored: on the validation days before the cutoff.
  const baselineChoice = chooseBaselineOnValidation(data, cutoffDay, dayAfterData(data) - cutoffDay, {
    seed: options.seed,
    k: K,
    maxUsers,
  });
  const specs: Spec[] = [
    ...BASELINE_NAMES.map((name) => ({
      name,
      kind: 'baseline' as const,
      params: baselineParams[name],
      fit: () => fitBaseline(name, data, train, cutoffDay, options.seed),
    })),
    { name: 'item_knn', kind: 'model', params: { k: 50, shrinkage: 10 }, fit: () => fitItemKnn(train, { k: 50, shrinkage: 10 }) },
    {
      name: 'als',
      kind: 'model',
      params: { factors: 32, regularization: 200, alpha: 10, iterations: fast ? 4 : 10, values: 'binary' },
      fit: () => fitAls(train, { factors: 32, iterations: fast ? 4 : 10, seed: options.seed }),
    },
    {
      name: 'bpr',
      kind: 'model',
      params: { factors: 32, epochs: fast ? 10 : 50, ...sgdParams },
      fit: () => fitBpr(train, { factors: 32, epochs: fast ? 10 : 50, seed: options.seed, samplesPerEpoch }),
    },
    {
      name: 'genre_x_recent_popularity',
      kind: 'model',
      params: { days: RECENT_DAYS, prior: 2, secondaryWeight: 0.5 },
      fit: () => genrePop(data, train, cutoffDay),
    },
    {
      name: 'content_based',
      kind: 'model',
      params: { features: 'genre, type, language, decade (idf)' },
      fit: () => fitContentBased(train, features),
    },
    {
      name: 'ncf_gmf',
      kind: 'model',
      params: { factors: 8, epochs: fast ? 3 : 10, negatives: 4, ...sgdParams },
      fit: () => fitNcf(train, { factors: 8, epochs: fast ? 3 : 10, seed: options.seed, samplesPerEpoch }),
    },
  ];
  const total = specs.length + (options.trueScore ? 1 : 0);
  const models: FittedModel[] = [];
  specs.forEach((s, n) => {
    options.onProgress?.(n, total, `fitting ${s.name}`);
    const started = performance.now();
    const model = s.fit();
    const fitSeconds = (performance.now() - started) / 1000;
    const evaluation = evaluateRanking({ ...model, name: s.name, scoreUser: model.scoreUser.bind(model) }, holdout, {
      k: K,
      bootstrap: boot,
      coldStart,
      users: evaluatedUsers.rows,
    });
    models.push({ name: s.name, kind: s.kind, params: s.params, fitSeconds, evaluation });
  });
  if (options.trueScore) {
    options.onProgress?.(specs.length, total, 'ceiling from the true choice model');
    const score = options.trueScore;
    const ceiling: Recommender = {
      name: 'true_choice_ceiling',
      nItems: train.nCols,
      scoreUser(u, out) {
        for (let i = 0; i < out.length; i++) out[i] = score(u, i);
      },
    };
    models.push({
      name: ceiling.name,
      kind: 'ceiling',
      params: {},
      fitSeconds: 0,
      evaluation: evaluateRanking(ceiling, holdout, { k: K, bootstrap: boot, users: evaluatedUsers.rows }),
    });
  }
  const baselines = models.filter((m) => m.kind === 'baseline');
  const pop = baselines.find((m) => m.name === baselineChoice.chosen)!;
  const candidates = models.filter((m) => m.kind === 'model');
  const alpha = ML_SETTINGS.alpha;
  for (const m of candidates) {
    m.vsPopularity = compareModels(m.evaluation, pop.evaluation, 'ndcg', boot);
    m.pValue = Math.max(m.vsPopularity.bootstrapPValue, m.vsPopularity.signTestPValue);
  }
  // Holm over the models compared: a model claims signal only when its adjusted p is at most alpha.
  const adjusted = holmAdjust(candidates.map((m) => m.pValue!));
  candidates.forEach((m, k) => {
    m.holmPValue = adjusted[k];
    m.beatsPopularity = adjusted[k] <= alpha && m.vsPopularity!.meanDifference.lower > 0;
  });
  let coldStartUsers = 0;
  for (const u of holdout.testUsers) if (train.indptr[u + 1] === train.indptr[u]) coldStartUsers++;
  const best = [...candidates, ...baselines].reduce((a, b) =>
    b.evaluation.summary.ndcg.estimate > a.evaluation.summary.ndcg.estimate ? b : a,
  );
  let nTest = 0;
  for (const u of holdout.testUsers) nTest += holdout.test.indptr[u + 1] - holdout.test.indptr[u];
  return {
    cutoff,
    holdout,
    nTrainInteractions: train.indices.length,
    nTestInteractions: nTest,
    models,
    popularityBaseline: pop.name,
    baselineChoice,
    best,
    alpha,
    coldStartUsers,
    evaluatedUsers,
    sgdSamplesPerEpoch: samplesPerEpoch,
  };
}

/** The day after the last interaction (a loop: spreading a million days into Math.max overflows the stack). */
export function dayAfterData(data: RecommendData): number {
  let max = -Infinity;
  for (const d of data.interactions.day) if (d > max) max = d;
  return max + 1;
}

/** Every interaction as one user x title matrix: what the production model is refitted on, and what each list leaves out. */
export function allInteractions(data: RecommendData): CsrMatrix {
  return interactionMatrix(data.interactions);
}

/** Refits one named model on every interaction (`all`, from allInteractions) for the gold top-N table. */
export function refitOnAll(name: string, data: RecommendData, all: CsrMatrix, seed: number, fast = false): Recommender {
  const lastDay = dayAfterData(data);
  switch (name) {
    case 'random':
      return randomRanking(all.nCols, seed);
    case 'popularity':
      return fitPopularity(all);
    case 'popularity_recent_28d':
      return recentPopularity(data, lastDay - RECENT_DAYS, lastDay);
    case 'item_knn':
      return fitItemKnn(all, { k: 50, shrinkage: 10 });
    case 'als':
      return fitAls(all, { factors: 32, iterations: fast ? 4 : 10, seed });
    case 'bpr':
      return fitBpr(all, { factors: 32, epochs: fast ? 10 : 50, seed, samplesPerEpoch: sgdSamplesPerEpoch(all) });
    case 'genre_x_recent_popularity':
      return genrePop(data, all, lastDay);
    case 'content_based':
      return fitContentBased(all, buildItemFeatures(data.catalogue.tokens, { idf: true }));
    case 'ncf_gmf':
      return fitNcf(all, { factors: 8, epochs: fast ? 3 : 10, seed, samplesPerEpoch: sgdSamplesPerEpoch(all) });
    default:
      throw new Error(`ml.recommend: cannot refit unknown model ${name}`);
  }
}

/**
 * Evaluates a recommender on a holdout: top-k per test user (watched titles excluded), the four
 * ranking metrics per user, their means with bootstrap CIs, and catalogue coverage. Also the
 * "best achievable" ceiling: the same metrics for a ranking by the true affinities.
 */
import type { Holdout } from './holdout.js';
import { averagePrecisionAtK, ndcgAtK, precisionAtK, recallAtK } from './ranking_metrics.js';
import { recommenderFromScoreFn, topNForUser, type Recommender } from './recommender.js';
import { meanCi, pairedComparison, type ConfidenceInterval, type PairedComparison, type ResampleOptions } from './significance.js';

export const RANKING_METRICS = ['precision', 'recall', 'ndcg', 'map'] as const;
export type RankingMetric = (typeof RANKING_METRICS)[number];

export interface RankingEvaluation {
  readonly model: string;
  readonly k: number;
  /** The evaluated users, in the order of the per-user arrays. */
  readonly users: Int32Array;
  readonly perUser: Record<RankingMetric, Float64Array>;
  readonly summary: Record<RankingMetric, ConfidenceInterval>;
  /** Share of the catalogue that appears in at least one user's top k. */
  readonly coverage: number;
  readonly seconds: number;
}

export interface EvaluateOptions {
  k?: number;
  /** Defaults to holdout.testUsers. */
  users?: Int32Array;
  bootstrap?: ResampleOptions;
  /**
   * The list served to users with no training history (as topNForUsers serves them). Without it a
   * factor model would score them all 0 and show the first titles by id, which is not what users see.
   */
  coldStart?: Recommender;
}

export function evaluateRanking(model: Recommender, holdout: Holdout, options: EvaluateOptions = {}): RankingEvaluation {
  const started = performance.now();
  const k = options.k ?? 10;
  const users = options.users ?? holdout.testUsers;
  const { train, test } = holdout;
  const perUser: Record<RankingMetric, Float64Array> = {
    precision: new Float64Array(users.length),
    recall: new Float64Array(users.length),
    ndcg: new Float64Array(users.length),
    map: new Float64Array(users.length),
  };
  const scores = new Float64Array(model.nItems);
  const recommended = new Uint8Array(model.nItems);
  for (let n = 0; n < users.length; n++) {
    const u = users[n];
    const cold = train.indptr[u + 1] === train.indptr[u];
    const ranked = topNForUser(cold && options.coldStart ? options.coldStart : model, u, k, train, scores).items;
    for (const i of ranked) recommended[i] = 1;
    const relevant = new Set<number>();
    for (let e = test.indptr[u]; e < test.indptr[u + 1]; e++) relevant.add(test.indices[e]);
    perUser.precision[n] = precisionAtK(ranked, relevant, k);
    perUser.recall[n] = recallAtK(ranked, relevant, k);
    perUser.ndcg[n] = ndcgAtK(ranked, relevant, k);
    perUser.map[n] = averagePrecisionAtK(ranked, relevant, k);
  }
  let covered = 0;
  for (const r of recommended) covered += r;
  const summary = {} as Record<RankingMetric, ConfidenceInterval>;
  for (const m of RANKING_METRICS) summary[m] = meanCi(perUser[m], options.bootstrap);
  return {
    model: model.name,
    k,
    users,
    perUser,
    summary,
    coverage: model.nItems === 0 ? 0 : covered / model.nItems,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Best achievable metrics: rank each user's unwatched titles by the true affinity
 * `trueScore(user, item)` (from the generator's ground truth) and score that ranking against
 * the same held-out watches. No model that only sees behaviour should beat it by more than noise.
 */
export function ceilingEvaluation(
  trueScore: (user: number, item: number) => number,
  holdout: Holdout,
  options: EvaluateOptions = {},
): RankingEvaluation {
  return evaluateRanking(recommenderFromScoreFn('true_affinity_ceiling', holdout.train.nCols, trueScore), holdout, options);
}

/** Paired "candidate beats baseline" on one metric over the same users. */
export function compareModels(
  candidate: RankingEvaluation,
  baseline: RankingEvaluation,
  metric: RankingMetric = 'ndcg',
  options: ResampleOptions = {},
): PairedComparison {
  if (candidate.users.length !== baseline.users.length || candidate.users.some((u, n) => baseline.users[n] !== u)) {
    throw new Error(`compareModels: ${candidate.model} and ${baseline.model} were evaluated on different users`);
  }
  return pairedComparison(candidate.perUser[metric], baseline.perUser[metric], options);
}

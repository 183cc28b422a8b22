// The recommendation baselines (random, all-time popularity, recent popularity) and the choice of
// the strongest one BEFORE the test period is touched: the baselines are refitted on the training
// interactions up to a validation cutoff and scored on the titles first watched between that
// cutoff and the real one. The winner there is the one baseline every learned model is tested
// against on the test period (train.ts); choosing it on test would let the test pick its own bar.
import type { RecommendData } from './data.js';
import { evaluateRanking } from './evaluate.js';
import { timeHoldout } from './holdout.js';
import { fitPopularity } from './popularity.js';
import type { Recommender } from './recommender.js';
import type { CsrMatrix } from './sparse.js';
import { sharedOrderTopN } from './top_n.js';
import { ML_SETTINGS } from '../settings.js';
import { capRows } from '../core/cap.js';
import { childSeed } from '../core/rng.js';

/** Days before the cutoff that count as "recent" for the recent-popularity baseline. */
export const RECENT_DAYS = ML_SETTINGS.recommend.recentDays;

export const BASELINE_NAMES = ['random', 'popularity', 'popularity_recent_28d'] as const;
export type BaselineName = (typeof BASELINE_NAMES)[number];

/** Distinct users per title among interactions first seen in [from, to). */
export function recentDemand(data: RecommendData, fromDay: number, toDay: number): Float64Array {
  const counts = new Float64Array(data.interactions.items.size);
  const { item, day } = data.interactions;
  for (let k = 0; k < item.length; k++) if (day[k] >= fromDay && day[k] < toDay) counts[item[k]]++;
  return counts;
}

/** A seeded random ranking: the floor every recommender must clear (a baseline, never a claim). */
export function randomRanking(nItems: number, seed: number): Recommender {
  return {
    name: 'random',
    nItems,
    scoreUser(u, out) {
      // A hash of (seed, user, item): the same user gets the same random list, independent of call order.
      for (let i = 0; i < out.length; i++) {
        let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(u + 1, 0xc2b2ae35) ^ Math.imul(i + 1, 0x27d4eb2f);
        h ^= h >>> 15;
        h = Math.imul(h, 0x2c1b3c6d);
        h ^= h >>> 12;
        out[i] = (h >>> 0) / 4294967296;
      }
    },
  };
}

/** Recent demand, ties broken by all-time viewers. */
export function recentPopularity(data: RecommendData, fromDay: number, toDay: number): Recommender {
  const counts = recentDemand(data, fromDay, toDay);
  const { item, day } = data.interactions;
  // All-time counts break ties (and rank titles with no recent viewer) without outweighing recency.
  const allTime = new Float64Array(counts.length);
  for (let k = 0; k < item.length; k++) if (day[k] < toDay) allTime[item[k]]++;
  let max = 1;
  for (const c of allTime) max = Math.max(max, c);
  const scores = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) scores[i] = counts[i] + allTime[i] / (max + 1);
  return {
    name: 'popularity_recent_28d',
    nItems: counts.length,
    scoreUser(_u, out) {
      out.set(scores);
    },
    topN: sharedOrderTopN(scores),
  };
}

/** One baseline fitted on `train` (the interactions before `cutoffDay`). */
export function fitBaseline(name: BaselineName, data: RecommendData, train: CsrMatrix, cutoffDay: number, seed: number): Recommender {
  switch (name) {
    case 'random':
      return randomRanking(train.nCols, seed);
    case 'popularity':
      return fitPopularity(train);
    case 'popularity_recent_28d':
      return recentPopularity(data, cutoffDay - RECENT_DAYS, cutoffDay);
  }
}

export interface BaselineChoice {
  /** The baseline every model is tested against. */
  chosen: BaselineName;
  /** How it was chosen, in words built from this run's figures. */
  reason: string;
  /** Validation period [validationCutoffDay, cutoffDay) and its size; null cutoff when there was none. */
  validationCutoffDay: number | null;
  validationDays: number;
  validationUsers: number;
  /** Mean NDCG@K of each baseline on the validation users (empty without validation users). */
  validationNdcg: Partial<Record<BaselineName, number>>;
  /**
   * The list served when no model beats the bar: the better popularity variant on validation. A
   * random ranking can be the bar (on data without signal it may score best), but it is the floor
   * to clear, never a list to show users.
   */
  servedFallback: Exclude<BaselineName, 'random'>;
}

/**
 * Chooses the strongest baseline on the last `validationDays` before the cutoff (the same length as
 * the test period, at least 28 and at most 90 days), using only interactions dated before the cutoff.
 * Ties keep the earlier name in BASELINE_NAMES. Without a single validation user it falls back to
 * recent popularity, the list cold-start users are served, and says so.
 */
export function chooseBaselineOnValidation(
  data: RecommendData,
  cutoffDay: number,
  testDays: number,
  options: { seed: number; k: number; /** Validation users scored at most (a seeded sample above it). */ maxUsers?: number },
): BaselineChoice {
  const validationDays = Math.max(28, Math.min(90, Math.round(testDays)));
  const validationCutoffDay = cutoffDay - validationDays;
  const holdout = timeHoldout(data.interactions, validationCutoffDay, cutoffDay);
  if (holdout.testUsers.length === 0) {
    return {
      chosen: 'popularity_recent_28d',
      reason: `no user watched a new title in the ${validationDays} validation days before the cutoff, so the baseline is popularity_recent_28d, the list served to users without history`,
      validationCutoffDay: null,
      validationDays,
      validationUsers: 0,
      validationNdcg: {},
      servedFallback: 'popularity_recent_28d',
    };
  }
  const coldStart = recentPopularity(data, validationCutoffDay - RECENT_DAYS, validationCutoffDay);
  const scored = capRows(holdout.testUsers, options.maxUsers ?? holdout.testUsers.length, childSeed(options.seed, 102));
  const validationNdcg: Partial<Record<BaselineName, number>> = {};
  let chosen: BaselineName = BASELINE_NAMES[0];
  for (const name of BASELINE_NAMES) {
    const model = fitBaseline(name, data, holdout.train, validationCutoffDay, options.seed);
    // No bootstrap: only the means decide, and the choice is never reported as a test.
    const ev = evaluateRanking(model, holdout, {
      k: options.k,
      coldStart,
      users: scored.rows,
      bootstrap: { resamples: 1, seed: options.seed },
    });
    validationNdcg[name] = ev.summary.ndcg.estimate;
    if (ev.summary.ndcg.estimate > validationNdcg[chosen]!) chosen = name;
  }
  const servedFallback = validationNdcg.popularity! > validationNdcg.popularity_recent_28d! ? 'popularity' : 'popularity_recent_28d';
  const figures = BASELINE_NAMES.map((n) => `${n} ${validationNdcg[n]!.toFixed(4)}`).join(', ');
  return {
    chosen,
    reason: `chosen before the test period was scored: best NDCG@${options.k} on ${scored.sampled ? `a seeded sample of ${scored.rows.length} of ${scored.available}` : holdout.testUsers.length} validation users (titles first watched in the ${validationDays} days before the cutoff, baselines refitted on the days before those): ${figures}`,
    validationCutoffDay,
    validationDays,
    validationUsers: holdout.testUsers.length,
    validationNdcg,
    servedFallback,
  };
}

// The strongest recommendation baseline is chosen on a validation period inside the training
// interactions, before the test period is scored; the models are then tested against that one.
import { describe, expect, it } from 'vitest';
import { chooseBaselineOnValidation, fitBaseline } from '../../../src/ml/recommend/baselines.js';
import type { RecommendData } from '../../../src/ml/recommend/data.js';
import { evaluateRanking } from '../../../src/ml/recommend/evaluate.js';
import { buildInteractions, timeHoldout, type InteractionRow } from '../../../src/ml/recommend/holdout.js';
import { IdMap } from '../../../src/ml/recommend/sparse.js';
import { trainRecommenders } from '../../../src/ml/recommend/train.js';
import { buildModelCard, metricRows, type RecommendRunInfo } from '../../../src/ml/recommend/report.js';
import { dayNumber } from '../../../src/ml/recommend/true_choice.js';

const BASE = dayNumber('2025-01-01');
const CUTOFF = '2025-10-28'; // BASE + 300
const N_ITEMS = 10;
const INFO: RecommendRunInfo = { runId: 'r1', trainedAt: '2025-10-29T00:00:00Z', seed: 1, groundTruthFile: null, lastDay: '2025-11-25' };

/**
 * Users 0-39 watched title 0 early, users 0-29 title 1, users 0-19 title 2 (all-time popularity
 * 0 > 1 > 2). Users 40-49 watched title 5 just before the validation cutoff (day 270).
 * Validation [270, 300): `validationTitle` is watched by users 30-39; users 70-79 (no history)
 * watch title 7 at day 280. Test [300, 330): users 20-29 watch title 7.
 * With validationTitle = 1 all-time popularity wins on validation (title 1 is its first unwatched
 * pick) while recent popularity wins on test (title 7 is recent and first); with validationTitle
 * = 5 recent popularity wins on both.
 */
function dataSet(validationTitle: number): RecommendData {
  const rows: InteractionRow[] = [];
  const add = (u: number, i: number, d: number) => rows.push({ userId: `u${u}`, itemId: `m${i}`, day: BASE + d, weight: 1 });
  for (let u = 0; u < 40; u++) add(u, 0, 10);
  for (let u = 0; u < 30; u++) add(u, 1, 20);
  for (let u = 0; u < 20; u++) add(u, 2, 30);
  for (let u = 40; u < 50; u++) add(u, 5, 250);
  for (let u = 30; u < 40; u++) add(u, validationTitle, 275);
  for (let u = 70; u < 80; u++) add(u, 7, 280);
  for (let u = 20; u < 30; u++) add(u, 7, 310 + (u - 20) * 2);
  const items = IdMap.from(Array.from({ length: N_ITEMS }, (_, i) => `m${i}`));
  const interactions = buildInteractions(rows, new IdMap(), items);
  const ids = items.ids.slice();
  return {
    interactions,
    catalogue: {
      ids,
      addedToPlatform: ids.map(() => null),
      tokens: ids.map((_, i) => [`genre:g${i % 2}`, 'type:Movie']),
      genres: ids.map((_, i) => [i % 2, -1] as [number, number]),
      genreNames: ['g0', 'g1'],
    },
    allUsers: interactions.users.ids.slice(),
    firstDay: '2025-01-11',
    lastDay: '2025-11-25',
  };
}

function testNdcg(data: RecommendData, name: 'popularity' | 'popularity_recent_28d'): number {
  const cutoff = dayNumber(CUTOFF);
  const holdout = timeHoldout(data.interactions, cutoff);
  const coldStart = fitBaseline('popularity_recent_28d', data, holdout.train, cutoff, 1);
  const model = fitBaseline(name, data, holdout.train, cutoff, 1);
  return evaluateRanking(model, holdout, { k: 10, coldStart, bootstrap: { resamples: 1 } }).summary.ndcg.estimate;
}

describe('strongest recommendation baseline chosen on validation', () => {
  it('keeps the validation winner even when another baseline scores higher on test', () => {
    const data = dataSet(1);
    // The test period alone would have picked recent popularity ...
    expect(testNdcg(data, 'popularity_recent_28d')).toBeGreaterThan(testNdcg(data, 'popularity'));
    // ... but the bar is set before test: all-time popularity, the better one on validation.
    const choice = chooseBaselineOnValidation(data, dayNumber(CUTOFF), 30, { seed: 1, k: 10 });
    expect(choice.chosen).toBe('popularity');
    expect(choice.validationDays).toBe(30);
    expect(choice.validationUsers).toBe(20); // users 30-39 and the cold-start users 70-79
    expect(choice.validationNdcg.popularity!).toBeGreaterThan(choice.validationNdcg.popularity_recent_28d!);
    expect(choice.reason).toContain('20 validation users');
    expect(choice.servedFallback).toBe('popularity');

    const run = trainRecommenders(data, CUTOFF, { seed: 1, fast: true, resamples: 50 });
    expect(run.popularityBaseline).toBe('popularity');
    for (const m of run.models.filter((x) => x.kind === 'model')) expect(m.vsPopularity).toBeDefined();
  });

  it('picks recent popularity when it is the better baseline on validation', () => {
    const data = dataSet(5);
    const choice = chooseBaselineOnValidation(data, dayNumber(CUTOFF), 30, { seed: 1, k: 10 });
    expect(choice.chosen).toBe('popularity_recent_28d');
    const run = trainRecommenders(data, CUTOFF, { seed: 1, fast: true, resamples: 50 });
    expect(run.popularityBaseline).toBe('popularity_recent_28d');
  });

  it('falls back to the cold-start list, saying so, when the validation period is empty', () => {
    const data = dataSet(1);
    // A cutoff before any validation-period watch: nobody watched a new title in [10 - 28, 10).
    const choice = chooseBaselineOnValidation(data, BASE + 10, 5, { seed: 1, k: 10 });
    expect(choice.validationDays).toBe(28);
    expect(choice.validationUsers).toBe(0);
    expect(choice.chosen).toBe('popularity_recent_28d');
    expect(choice.reason).toMatch(/no user watched a new title/);
  });
});

describe('recommendation evaluation cap (ML_SETTINGS.recommend.maxEvaluatedUsers)', () => {
  it('scores every test user under the cap and says so in the card', () => {
    const data = dataSet(1);
    const run = trainRecommenders(data, CUTOFF, { seed: 1, fast: true, resamples: 50 });
    expect(run.evaluatedUsers.sampled).toBe(false);
    expect(run.evaluatedUsers.rows).toBe(run.holdout.testUsers);
    for (const m of run.models) expect(m.evaluation.users).toBe(run.holdout.testUsers);
    const card = buildModelCard(
      run,
      run.models.find((m) => m.name === 'item_knn')!,
      INFO,
      '2025-10-28',
    );
    expect(card.caveats).toContain(
      `Test users scored (every model, the same users): all ${run.holdout.testUsers.length} (cap 7,500 not reached); the intervals are those of that many users.`,
    );
  });

  it('scores a seeded sample of the test users above the cap, the same users for every model, and the card states it', () => {
    const data = dataSet(1);
    const all = trainRecommenders(data, CUTOFF, { seed: 1, fast: true, resamples: 50 });
    const run = trainRecommenders(data, CUTOFF, { seed: 1, fast: true, resamples: 50, maxEvaluatedUsers: 4 });
    expect(all.holdout.testUsers.length).toBe(10);
    expect(run.evaluatedUsers.rows.length).toBe(4);
    const allUsers = new Set(all.holdout.testUsers);
    for (const u of run.evaluatedUsers.rows) expect(allUsers.has(u)).toBe(true);
    for (const m of run.models) expect(Array.from(m.evaluation.users)).toEqual(Array.from(run.evaluatedUsers.rows));
    const card = buildModelCard(
      run,
      run.models.find((m) => m.name === 'item_knn')!,
      INFO,
      '2025-10-28',
    );
    expect(card.caveats).toContain(
      'Test users scored (every model, the same users): a seeded sample of 4 of 10 (cap 4); the intervals are those of that many users.',
    );
    const rows = metricRows(run, INFO, []);
    expect(rows.find((r) => r.metric === 'evaluated_test_users')!.value).toBe(4);
    expect(rows.find((r) => r.metric === 'test_users')!.value).toBe(10);
  });

  it('shortens BPR and NCF epochs only above the SGD cap, and the card says by how much', () => {
    const data = dataSet(1);
    const run = trainRecommenders(data, CUTOFF, { seed: 1, fast: true, resamples: 50, maxSgdSamplesPerEpoch: 50 });
    expect(run.nTrainInteractions).toBeGreaterThan(50);
    expect(run.sgdSamplesPerEpoch).toBe(50);
    const bpr = run.models.find((m) => m.name === 'bpr')!;
    expect(bpr.params.samplesPerEpoch).toBe(50);
    const card = buildModelCard(run, bpr, INFO, '2025-10-28');
    expect(card.caveats.some((c) => c.startsWith('Each SGD epoch drew 50 samples'))).toBe(true);
    const uncapped = trainRecommenders(data, CUTOFF, { seed: 1, fast: true, resamples: 50 });
    expect(uncapped.models.find((m) => m.name === 'bpr')!.params.samplesPerEpoch).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { fitAls } from '../../../src/ml/recommend/als.js';
import { fitBpr } from '../../../src/ml/recommend/bpr.js';
import { buildItemFeatures, fitContentBased, yearBucket } from '../../../src/ml/recommend/content_based.js';
import { ceilingEvaluation, compareModels, evaluateRanking } from '../../../src/ml/recommend/evaluate.js';
import { buildInteractions, timeHoldout } from '../../../src/ml/recommend/holdout.js';
import { fitItemKnn } from '../../../src/ml/recommend/item_knn.js';
import { fitNcf } from '../../../src/ml/recommend/ncf.js';
import { fitPopularity } from '../../../src/ml/recommend/popularity.js';
import { topNForUsers } from '../../../src/ml/recommend/recommender.js';
import { csrFromTriplets, logScaled } from '../../../src/ml/recommend/sparse.js';
import { syntheticWatchLog } from '../../../bench/peers/recommend_synthetic.js';

// 4 users x 4 items: u0 {0,1}, u1 {0,1,2}, u2 {2,3}, u3 {1,2}.
const small = csrFromTriplets(4, 4, [0, 0, 1, 1, 1, 2, 2, 3, 3], [0, 1, 0, 1, 2, 2, 3, 1, 2], new Float64Array(9).fill(1));

describe('item-kNN on a 4x4 example', () => {
  it('cosine similarities match hand values', () => {
    const model = fitItemKnn(small, { k: 3, shrinkage: 0 });
    const nb = model.neighbours;
    const sim = (i: number, j: number) => {
      for (let k = nb.indptr[i]; k < nb.indptr[i + 1]; k++) if (nb.indices[k] === j) return nb.values[k];
      return 0;
    };
    expect(sim(0, 1)).toBeCloseTo(2 / Math.sqrt(6), 6);
    expect(sim(0, 2)).toBeCloseTo(1 / Math.sqrt(6), 6);
    expect(sim(1, 2)).toBeCloseTo(2 / 3, 6);
    expect(sim(2, 3)).toBeCloseTo(1 / Math.sqrt(3), 6);
    expect(sim(0, 3)).toBe(0);
    const scores = new Float64Array(4);
    model.scoreUser(0, scores);
    expect(scores[2]).toBeCloseTo(1 / Math.sqrt(6) + 2 / 3, 6);
    expect(scores[3]).toBe(0);
  });
  it('keeps only the top K neighbours and applies shrinkage', () => {
    const top1 = fitItemKnn(small, { k: 1, shrinkage: 0 });
    expect(Array.from(top1.neighbours.indices)).toEqual([1, 0, 1, 2]);
    const scores = new Float64Array(4);
    top1.scoreUser(0, scores);
    expect(scores[2]).toBe(0); // neither item 0 nor item 1 keeps item 2 as its single neighbour
    const shrunk = fitItemKnn(small, { k: 3, shrinkage: 1 });
    expect(shrunk.neighbours.values[0]).toBeCloseTo(2 / (Math.sqrt(6) + 1), 6);
  });
});

describe('content-based', () => {
  it('scores titles by feature overlap with the watch history', () => {
    const features = buildItemFeatures(
      [
        ['genre:Drama', yearBucket(1994)],
        ['genre:Drama', yearBucket(2021)],
        ['genre:Horror', yearBucket(2021)],
        ['genre:Comedy', ''],
      ],
      { idf: false },
    );
    expect(features.names).toEqual(['genre:Drama', 'decade:1990', 'decade:2020', 'genre:Horror', 'genre:Comedy']);
    const watched = csrFromTriplets(1, 4, [0], [0], [1]);
    const model = fitContentBased(watched, features);
    const scores = new Float64Array(4);
    model.scoreUser(0, scores);
    // item0 = (1,1,0,0,0)/√2; item1 = (1,0,1,0,0)/√2 -> dot 1/2; item2 and item3 share nothing.
    expect(scores[1]).toBeCloseTo(0.5, 12);
    expect(scores[2]).toBe(0);
    expect(scores[3]).toBe(0);
  });
});

describe('ALS solver', () => {
  it('conjugate gradient with as many steps as factors matches the exact Cholesky solve', () => {
    const cg = fitAls(small, { factors: 3, iterations: 4, cgSteps: 3, alpha: 2, regularization: 0.1, seed: 5 });
    const exact = fitAls(small, { factors: 3, iterations: 4, solver: 'cholesky', alpha: 2, regularization: 0.1, seed: 5 });
    for (let k = 0; k < exact.userFactors.length; k++) expect(cg.userFactors[k]).toBeCloseTo(exact.userFactors[k], 6);
  });
  it('is deterministic for a seed and changes with it', () => {
    const a = fitAls(small, { factors: 2, iterations: 2, seed: 1 });
    const b = fitAls(small, { factors: 2, iterations: 2, seed: 1 });
    const c = fitAls(small, { factors: 2, iterations: 2, seed: 2 });
    expect(Array.from(a.itemFactors)).toEqual(Array.from(b.itemFactors));
    expect(Array.from(a.itemFactors)).not.toEqual(Array.from(c.itemFactors));
  });
});

describe('sampling models are seeded', () => {
  it('NCF and BPR give identical factors for a seed and different ones for another', () => {
    const ncf = (seed: number) => Array.from(fitNcf(small, { factors: 2, epochs: 3, seed }).itemFactors);
    const bpr = (seed: number) => Array.from(fitBpr(small, { factors: 2, epochs: 3, seed }).itemFactors);
    expect(ncf(1)).toEqual(ncf(1));
    expect(ncf(1)).not.toEqual(ncf(2));
    expect(bpr(1)).toEqual(bpr(1));
    expect(bpr(1)).not.toEqual(bpr(2));
  });
});

describe('top-N cold start', () => {
  it('users without history get the cold-start model, others the main model', () => {
    const watched = csrFromTriplets(3, 4, [0, 0, 1], [0, 1, 2], [1, 1, 1]); // user 2 has no history
    const als = fitAls(watched, { factors: 2, iterations: 3, regularization: 0.1, seed: 1 });
    const lists = topNForUsers(als, [0, 2], 2, watched, fitPopularity(watched));
    expect(lists.map((l) => l.model)).toEqual(['als', 'popularity']);
    expect(Array.from(lists[1].items)).toEqual([0, 1]); // counts 1,1,1,0: ties to the lower index
    expect(Array.from(lists[0].items)).not.toContain(0);
  });

  it('evaluation serves the cold-start list to users without history, as they are served', () => {
    // u0 watched a before the cutoff; u1 has no history and watches c after it.
    const data = buildInteractions([
      { userId: 'u0', itemId: 'a', day: 1, weight: 1 },
      { userId: 'u2', itemId: 'c', day: 2, weight: 1 },
      { userId: 'u3', itemId: 'c', day: 3, weight: 1 },
      { userId: 'u1', itemId: 'c', day: 11, weight: 1 },
    ]);
    const h = timeHoldout(data, 10);
    const u1 = data.users.get('u1')!;
    expect(Array.from(h.testUsers)).toEqual([u1]);
    // A model that scores a cold user all zero ranks by id: a first, c last, c missed at k = 1.
    const zero = {
      name: 'zero',
      nItems: h.train.nCols,
      scoreUser(_u: number, out: Float64Array) {
        out.fill(0);
      },
    };
    const without = evaluateRanking(zero, h, { k: 1 });
    const served = evaluateRanking(zero, h, { k: 1, coldStart: fitPopularity(h.train) });
    expect(without.summary.ndcg.estimate).toBe(0);
    expect(served.summary.ndcg.estimate).toBe(1); // popularity puts c (2 viewers) first
  });
});

describe('holdout', () => {
  it('trains before the cutoff and tests only on newly watched titles', () => {
    const data = buildInteractions([
      { userId: 'u1', itemId: 'a', day: 1, weight: 30 },
      { userId: 'u1', itemId: 'a', day: 12, weight: 30 }, // rewatch: not a target
      { userId: 'u1', itemId: 'b', day: 11, weight: 5 },
      { userId: 'u1', itemId: 'b', day: 13, weight: 5 }, // second test session of b: counted once
      { userId: 'u2', itemId: 'c', day: 2, weight: 10 }, // u2 has no test items
    ]);
    const h = timeHoldout(data, 10);
    expect(Array.from(h.testUsers)).toEqual([0]);
    expect(Array.from(h.test.indices)).toEqual([1]);
    expect(Array.from(h.test.values)).toEqual([1]);
    expect(Array.from(h.train.values)).toEqual([30, 10]);
  });
});

describe('models on a planted-taste watch log', () => {
  const log = syntheticWatchLog({ users: 600, items: 120, genres: 6, meanInteractions: 12, taste: 4, seed: 11 });
  const holdout = timeHoldout(log.interactions, 600);
  const popularity = evaluateRanking(fitPopularity(holdout.train), holdout, { bootstrap: { resamples: 200 } });

  const cases = [
    // ALS confidences need scaled values (1 + alpha * minutes would swamp everything).
    // Regularisation is not scaled by data size, so 600 users need far less than the scale-1 default.
    ['als', () => fitAls(logScaled(holdout.train, 10), { factors: 8, iterations: 10, alpha: 5, regularization: 10, seed: 3 })],
    ['bpr', () => fitBpr(holdout.train, { factors: 8, epochs: 30, seed: 3 })],
    ['item_knn', () => fitItemKnn(holdout.train, { k: 30, shrinkage: 5, binary: true })],
    ['ncf_gmf', () => fitNcf(holdout.train, { factors: 8, epochs: 8, seed: 3 })],
    ['content_based', () => fitContentBased(holdout.train, buildItemFeatures(log.itemGenres.map((gs) => gs.map((g) => `genre:${g}`))))],
  ] as const;

  for (const [name, fit] of cases) {
    it(`${name} beats popularity on NDCG@10 (paired, p < 0.05)`, () => {
      const model = fit();
      const result = evaluateRanking(model, holdout, { bootstrap: { resamples: 200 } });
      const test = compareModels(result, popularity, 'ndcg', { resamples: 500 });
      expect(result.summary.ndcg.estimate).toBeGreaterThan(popularity.summary.ndcg.estimate);
      expect(test.bootstrapPValue).toBeLessThan(0.05);
      expect(result.coverage).toBeGreaterThan(popularity.coverage);
    });
  }

  it('the true-affinity ceiling is at least as good as ALS; a perfect oracle scores NDCG 1', () => {
    const als = evaluateRanking(fitAls(logScaled(holdout.train, 10), { factors: 8, alpha: 5, regularization: 10, seed: 3 }), holdout);
    const ceiling = ceilingEvaluation(log.trueScore, holdout);
    expect(ceiling.summary.ndcg.estimate).toBeGreaterThan(als.summary.ndcg.estimate - 0.02);
    const oracle = ceilingEvaluation((u, i) => {
      for (let k = holdout.test.indptr[u]; k < holdout.test.indptr[u + 1]; k++) if (holdout.test.indices[k] === i) return 1;
      return 0;
    }, holdout);
    expect(oracle.summary.ndcg.estimate).toBeCloseTo(1, 12);
    expect(oracle.summary.recall.lower).toBeLessThanOrEqual(oracle.summary.recall.estimate);
  });

  it('top-N leaves out watched titles and is seeded', () => {
    const a = fitBpr(holdout.train, { factors: 4, epochs: 2, seed: 9 });
    const b = fitBpr(holdout.train, { factors: 4, epochs: 2, seed: 9 });
    const lists = topNForUsers(a, [0, 1, 2], 10, holdout.train);
    expect(lists.map((l) => Array.from(l.items))).toEqual(topNForUsers(b, [0, 1, 2], 10, holdout.train).map((l) => Array.from(l.items)));
    for (const { user, items, scores } of lists) {
      expect(items.length).toBe(10);
      for (let k = holdout.train.indptr[user]; k < holdout.train.indptr[user + 1]; k++) {
        expect(Array.from(items)).not.toContain(holdout.train.indices[k]);
      }
      for (let k = 1; k < scores.length; k++) expect(scores[k]).toBeLessThanOrEqual(scores[k - 1]);
    }
  });
});

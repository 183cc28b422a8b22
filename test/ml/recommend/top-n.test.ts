// Every model's exact top-n shortcut (top_n.ts) against the full scoring it replaces: scoreUser over
// every title, then topNFromScores. Same titles, same order, same score numbers, for every user,
// several list lengths, with and without the watched titles excluded, on logs built to have ties.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/ml/core/rng.js';
import { fitAls } from '../../../src/ml/recommend/als.js';
import { recentPopularity } from '../../../src/ml/recommend/baselines.js';
import { fitBpr } from '../../../src/ml/recommend/bpr.js';
import { fitGenrePopularity } from '../../../src/ml/recommend/genre_popularity.js';
import { buildInteractions } from '../../../src/ml/recommend/holdout.js';
import { fitItemKnn } from '../../../src/ml/recommend/item_knn.js';
import { fitNcf } from '../../../src/ml/recommend/ncf.js';
import { fitPopularity } from '../../../src/ml/recommend/popularity.js';
import { topNFromScores, type Recommender } from '../../../src/ml/recommend/recommender.js';
import { csrFromTriplets, IdMap, type CsrMatrix } from '../../../src/ml/recommend/sparse.js';
import { BestN, innerProductTopN } from '../../../src/ml/recommend/top_n.js';
import type { RecommendData } from '../../../src/ml/recommend/data.js';

const N_USERS = 80;
const N_ITEMS = 400;
const N_GENRES = 10;

function log(seed: number, maxPerUser: number): CsrMatrix {
  const rng = createRng(seed);
  const rows: number[] = [];
  const cols: number[] = [];
  // Skewed titles (a few popular, a long tail) and a few users without any title.
  for (let u = 0; u < N_USERS - 4; u++)
    for (let k = 0; k < 1 + rng.int(maxPerUser); k++) {
      rows.push(u);
      cols.push(Math.floor(N_ITEMS * rng.next() ** 3));
    }
  return csrFromTriplets(N_USERS, N_ITEMS, rows, cols, new Float64Array(rows.length).fill(1));
}

/** Asserts model.topN equals the full scoring for every user and list length. */
function expectSameAsFullScoring(model: Recommender, train: CsrMatrix): void {
  expect(model.topN).toBeDefined();
  const buffer = new Float64Array(model.nItems);
  for (const n of [1, 10, 37, N_ITEMS + 3])
    for (const exclude of [train, undefined])
      for (let u = 0; u < N_USERS; u++) {
        model.scoreUser(u, buffer);
        const items = topNFromScores(buffer, n, exclude, u);
        const got = model.topN!(u, n, exclude);
        expect(Array.from(got.items), `${model.name} user ${u} n ${n}`).toEqual(Array.from(items));
        expect(Array.from(got.scores)).toEqual(Array.from(items, (i) => buffer[i]));
      }
}

describe('exact top-n shortcuts equal the full scoring', () => {
  const train = log(5, 25);
  const sparse = log(6, 3);

  it('BestN ranks like topNFromScores whatever the order titles are offered in', () => {
    const rng = createRng(3);
    for (let trial = 0; trial < 50; trial++) {
      // Few distinct values: many ties, which must break towards the lower index.
      const scores = Float64Array.from({ length: 200 }, () => (rng.next() < 0.05 ? Number.NaN : rng.int(8)));
      const expected = Array.from(topNFromScores(scores, 15));
      const best = new BestN(15);
      const order = Array.from({ length: 200 }, (_, i) => i).sort(() => rng.next() - 0.5);
      for (const i of order) best.offer(i, scores[i]);
      expect(Array.from(best.result().items)).toEqual(expected);
    }
  });

  it('popularity (ties on counts) and recent popularity: one shared order', () => {
    expectSameAsFullScoring(fitPopularity(train), train);
    const rng = createRng(8);
    const user: number[] = [];
    const item: number[] = [];
    const day: number[] = [];
    for (let u = 0; u < train.nRows; u++)
      for (let k = train.indptr[u]; k < train.indptr[u + 1]; k++) {
        user.push(u);
        item.push(train.indices[k]);
        day.push(rng.int(100));
      }
    const users = new IdMap();
    const items = new IdMap();
    for (let u = 0; u < N_USERS; u++) users.add(`u${u}`);
    for (let i = 0; i < N_ITEMS; i++) items.add(`m${i}`);
    const interactions = buildInteractions(
      user.map((u, k) => ({ userId: `u${u}`, itemId: `m${item[k]}`, day: day[k], weight: 1 })),
      users,
      items,
    );
    const data = { interactions } as RecommendData;
    expectSameAsFullScoring(recentPopularity(data, 72, 100), train);
  });

  it('genre x recent popularity: threshold algorithm over the genre lists', () => {
    const rng = createRng(9);
    const genres = Array.from({ length: N_ITEMS }, () => {
      const g = rng.int(N_GENRES);
      return [g, rng.next() < 0.5 ? (g + 1 + rng.int(N_GENRES - 1)) % N_GENRES : -1] as [number, number];
    });
    // Mostly zero demand: long runs of equal shares, the hard case for an early stop.
    const demand = Float64Array.from({ length: N_ITEMS }, () => (rng.next() < 0.7 ? 0 : rng.int(30)));
    expectSameAsFullScoring(fitGenrePopularity(train, genres, N_GENRES, demand), train);
    expectSameAsFullScoring(fitGenrePopularity(sparse, genres, N_GENRES, demand, { demandFloor: 0 }), sparse);
  });

  it('item-kNN: neighbours of the watched titles, zeros by index when the list is not full', () => {
    expectSameAsFullScoring(fitItemKnn(train, { k: 20, shrinkage: 10 }), train);
    expectSameAsFullScoring(fitItemKnn(sparse, { k: 5, shrinkage: 10 }), sparse);
  });

  it('factor models: ALS, BPR and NCF-GMF (item biases) with the norm bound', () => {
    expectSameAsFullScoring(fitAls(train, { factors: 8, iterations: 3, seed: 1 }), train);
    expectSameAsFullScoring(fitBpr(train, { factors: 8, epochs: 3, seed: 1 }), train);
    expectSameAsFullScoring(fitNcf(train, { factors: 4, epochs: 2, seed: 1 }), train);
  });

  it('the norm bound prunes: a user aligned with a few long item vectors scores only a fraction of the titles', () => {
    const f = 4;
    const rng = createRng(2);
    const nItems = 2000;
    // A long tail of short vectors and a handful of long ones, as popularity makes them.
    const items = Float64Array.from({ length: nItems * f }, (_, k) => rng.normal() * (Math.floor(k / f) < 20 ? 5 : 0.05));
    const users = Float64Array.from({ length: 3 * f }, () => rng.normal());
    const topN = innerProductTopN('test', f, users, items, 3, nItems);
    const got = topN(0, 5);
    expect(got.items.length).toBe(5);
    expect(topN.scanned).toBeGreaterThanOrEqual(20);
    expect(topN.scanned).toBeLessThan(nItems / 4);
    const out = new Float64Array(nItems);
    for (let i = 0; i < nItems; i++) {
      let s = 0;
      for (let d = 0; d < f; d++) s += users[d] * items[i * f + d];
      out[i] = s;
    }
    expect(Array.from(got.items)).toEqual(Array.from(topNFromScores(out, 5)));
  });
});

// Content-based and genre x recent popularity score only the non-zero terms of each title; these
// tests hold them to the dense formulas they replace, number for number.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/ml/core/rng.js';
import { buildItemFeatures, fitContentBased } from '../../../src/ml/recommend/content_based.js';
import { fitGenrePopularity } from '../../../src/ml/recommend/genre_popularity.js';
import { csrFromTriplets } from '../../../src/ml/recommend/sparse.js';

const N_USERS = 60;
const N_ITEMS = 300;
const N_GENRES = 12;
const rng = createRng(11);
const genres = Array.from({ length: N_ITEMS }, () => {
  const g = rng.int(N_GENRES);
  const second = rng.next() < 0.5 ? (g + 1 + rng.int(N_GENRES - 1)) % N_GENRES : -1;
  return [g, second] as [number, number];
});
const rows: number[] = [];
const cols: number[] = [];
const vals: number[] = [];
for (let u = 0; u < N_USERS - 5; u++)
  for (let k = 0; k < 1 + rng.int(15); k++) {
    rows.push(u);
    cols.push(rng.int(N_ITEMS));
    vals.push(1 + rng.int(3));
  }
const train = csrFromTriplets(N_USERS, N_ITEMS, rows, cols, vals);

describe('sparse scoring equals the dense formulas', () => {
  it('content-based: profile . features over every column', () => {
    const tokens = genres.map(([g, s], i) => [`genre:${g}`, s >= 0 ? `genre:${s}` : '', `type:${i % 2}`, `decade:${1950 + 10 * (i % 7)}`]);
    const features = buildItemFeatures(tokens, { idf: true });
    const nf = features.names.length;
    const model = fitContentBased(train, features);
    const out = new Float64Array(N_ITEMS);
    for (let u = 0; u < N_USERS; u++) {
      model.scoreUser(u, out);
      const profile = new Float64Array(nf);
      for (let k = train.indptr[u]; k < train.indptr[u + 1]; k++)
        for (let c = 0; c < nf; c++) profile[c] += train.values[k] * features.matrix[train.indices[k] * nf + c];
      for (let i = 0; i < N_ITEMS; i++) {
        let s = 0;
        for (let c = 0; c < nf; c++) s += profile[c] * features.matrix[i * nf + c];
        expect(out[i]).toBe(s);
      }
    }
  });

  it('genre x recent popularity: every genre term added for every title', () => {
    const demand = Float64Array.from({ length: N_ITEMS }, () => rng.int(20));
    const model = fitGenrePopularity(train, genres, N_GENRES, demand);
    const out = new Float64Array(N_ITEMS);
    // The dense reference, as the model computed it before it skipped the zero terms.
    const listing = (i: number, g: number) => (genres[i][0] === g ? 1 : genres[i][1] === g ? 0.5 : 0);
    const share = Array.from({ length: N_GENRES }, (_, g) => {
      const s = Float64Array.from({ length: N_ITEMS }, (_, i) => listing(i, g) * (demand[i] + 0.1));
      const sum = s.reduce((a, b) => a + b, 0);
      return sum > 0 ? s.map((v) => v / sum) : s;
    });
    const global = new Float64Array(N_GENRES);
    for (const i of train.indices) {
      global[genres[i][0]] += 1;
      if (genres[i][1] >= 0) global[genres[i][1]] += 0.5;
    }
    const gs = global.reduce((a, b) => a + b, 0);
    for (let g = 0; g < N_GENRES; g++) global[g] /= gs;
    for (let u = 0; u < N_USERS; u++) {
      model.scoreUser(u, out);
      const profile = Float64Array.from(global, (v) => 2 * v);
      let total = 2;
      for (let k = train.indptr[u]; k < train.indptr[u + 1]; k++) {
        const i = train.indices[k];
        const w = genres[i][1] >= 0 ? 1.5 : 1;
        profile[genres[i][0]] += 1 / w;
        if (genres[i][1] >= 0) profile[genres[i][1]] += 0.5 / w;
        total += 1;
      }
      const expected = new Float64Array(N_ITEMS);
      for (let g = 0; g < N_GENRES; g++) {
        const p = profile[g] / total;
        if (p === 0) continue;
        for (let i = 0; i < N_ITEMS; i++) expected[i] += p * share[g][i];
      }
      for (let i = 0; i < N_ITEMS; i++) expect(out[i]).toBe(expected[i]);
    }
  });
});

// The published sizes at scale 1, with blank rates within one percentage point of the contract.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CONTRACTS } from '../../src/contracts/index.js';
import { readCsv } from './csv.js';
import { generateInTemp } from './fixtures.js';

let dir = '';
let cleanup = () => {};
beforeAll(async () => {
  ({ dir, cleanup } = await generateInTemp({ scale: 1, seed: 42 }));
});
afterAll(() => cleanup());

it('writes exactly the published row counts and blank rates', () => {
  const expected: Record<string, number> = {
    users: 10_300,
    movies: 1_040,
    watch_history: 105_000,
    recommendation_logs: 52_000,
    search_logs: 26_500,
    reviews: 15_450,
  };
  for (const contract of CONTRACTS) {
    const csv = readCsv(dir, contract.file);
    expect(csv.rows.length, contract.name).toBe(expected[contract.name]);
    contract.columns.forEach((col, k) => {
      const blank = csv.rows.filter((r) => r[k] === '').length / csv.rows.length;
      expect(Math.abs(blank - col.expectedBlankRate), `${contract.name}.${col.name}: ${blank}`).toBeLessThanOrEqual(0.01);
    });
  }
});

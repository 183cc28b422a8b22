// The false-claim audit at its smallest: two --signal none seeds at a tiny scale through the whole
// pipeline (bench/lib/audit-ml.ts, the same code `npm run audit:ml` runs for 10 seeds). No card of
// recommendations, segmentation or churn may claim signal where nothing is planted. Forecasting and
// trending are counted too (their verdicts belong to src/ml/forecast); the full table is in
// bench/RESULTS.md.
import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countClaims, generateAndRun, shuffleColumns, splitCsvLine, type CardClaims } from '../../bench/lib/audit-ml.js';

const base = mkdtempSync(join(tmpdir(), 'marquee-audit-test-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('audit helpers', () => {
  it('splits quoted CSV lines and shuffles columns together, keeping every value', () => {
    expect(splitCsvLine('a,"b, ""c""",,d')).toEqual(['a', 'b, "c"', '', 'd']);
    const file = join(base, 'x.csv');
    const rows = Array.from({ length: 40 }, (_, i) => `${i},${i % 5},"text, ${i}",${i * 2}`);
    writeFileSync(file, ['id,rating,text,score', ...rows].join('\n') + '\n');
    expect(shuffleColumns(file, ['rating', 'score'], 3)).toBe(40);
    const out = readFileSync(file, 'utf8').trim().split('\n').slice(1).map(splitCsvLine);
    expect(out.map((r) => r[0])).toEqual(rows.map((_, i) => String(i))); // ids and texts stay
    expect(out.map((r) => r[2])).toEqual(rows.map((_, i) => `text, ${i}`));
    expect(out.map((r) => (Number(r[3]) / 2) % 5)).toEqual(out.map((r) => Number(r[1]))); // moved together
    expect(out.map((r) => r[3]).sort()).toEqual(rows.map((_, i) => String(i * 2)).sort());
    expect(out.map((r) => r[3])).not.toEqual(rows.map((_, i) => String(i * 2)));
  });
});

describe('false-claim audit, two seeds', () => {
  const results: CardClaims[] = [];
  it('runs every use case on --signal none data and none of recommendations, segmentation, churn claims signal', async () => {
    for (const seed of [1001, 1002]) {
      const data = join(base, `none-${seed}`);
      const warehouse = join(base, `wh-${seed}`);
      generateAndRun(data, warehouse, { scale: 0.05, seed, signal: 'none' });
      results.push(await countClaims(warehouse));
    }
    for (const r of results) {
      // Every use case ran and wrote cards.
      for (const u of ['forecasting', 'recommendations', 'segmentation', 'churn', 'sentiment', 'search_intent'] as const)
        expect(r.cards[u], u).toBeGreaterThan(0);
      expect(r.claimed.filter((c) => ['recommendations', 'segmentation', 'churn'].includes(c.useCase))).toEqual([]);
    }
  }, 900_000);
});

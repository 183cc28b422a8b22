// Bronze against the generator's output (files shaped like the published ones): every valid row
// loads, nothing is quarantined, the published quirks survive and every count conserves.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/generate/index.js';
import { runBronze } from './run-bronze.js';
import { CONTRACTS } from '../../src/contracts/index.js';
import { configFor, count, withEngine } from './helpers.js';

describe('bronze on a small generated data set', () => {
  it('loads every line, quarantines none, and keeps the quirks', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'marquee-gen-')), 'data');
    const generated = await generateDataset({ out, scale: 0.02, seed: 7 });
    await withEngine(async (engine) => {
      const result = await runBronze(engine, configFor(out), 'run-1');
      for (const contract of CONTRACTS) {
        const ingestion = result.ingestions.find((i) => i.table === contract.name)!;
        expect(ingestion.rowsQuarantined, contract.name).toBe(0);
        expect(ingestion.rowsLoaded, contract.name).toBe(generated.rows[contract.name] ?? generated.rows[contract.file]);
        expect(await count(engine, `bronze.${contract.name}`)).toBe(ingestion.rowsLoaded);
      }
      // Float-written whole numbers arrive as whole DOUBLEs; blanks stay NULL, never 0.
      const [ages] = await engine.query(
        `SELECT count(*) FILTER (WHERE age IS NULL) AS blank, count(*) FILTER (WHERE age <> round(age)) AS fractional FROM bronze.users`,
      );
      expect(Number(ages.blank)).toBeGreaterThan(0);
      expect(Number(ages.fractional)).toBe(0);
      // Review texts with commas came through whole.
      expect(await count(engine, 'bronze.reviews', `review_text LIKE '%,%'`)).toBeGreaterThan(0);
      expect(result.checks.filter((c) => c.action === 'fail' && !c.passed)).toEqual([]);
    });
  }, 60_000);
});

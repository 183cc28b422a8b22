import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { ensureWarehouse } from '../../src/warehouse/schema.js';
import { profileTable, recordProfiles, HISTOGRAM_BINS } from '../../src/quality/profile.js';

async function withEngine(fn: (engine: DuckDbEngine) => Promise<void>) {
  const engine = await DuckDbEngine.open({ path: ':memory:' });
  try {
    await fn(engine);
  } finally {
    await engine.close();
  }
}

describe('column profiling', () => {
  it('computes counts, blanks, distinct, moments, quantiles, top values, histograms and structural blanks', async () => {
    await withEngine(async (engine) => {
      await engine.exec(`CREATE SCHEMA s; CREATE TABLE s.t AS SELECT * FROM (VALUES
        (1.0, 'Movie', 100, DATE '2024-01-01', TRUE, 'a'),
        (2.0, 'Movie', NULL, DATE '2024-01-11', FALSE, 'a'),
        (3.0, 'TV Series', NULL, DATE '2024-01-21', TRUE, '  '),
        (4.0, 'TV Series', 50, NULL, TRUE, 'b'),
        (NULL, NULL, NULL, DATE '2024-01-01', NULL, 'a')) v(x, kind, budget, d, flag, s)`);
      const profiles = await profileTable(engine, 's.t', [
        { name: 'x', kind: 'numeric', typeName: 'DOUBLE', expectedBlankRate: 0.1 },
        {
          name: 'budget',
          kind: 'numeric',
          typeName: 'BIGINT',
          structuralBlank: { column: 'kind', values: ['Movie'], label: 'only for Movie' },
        },
        { name: 'd', kind: 'date', typeName: 'DATE' },
        { name: 'flag', kind: 'boolean', typeName: 'BOOLEAN' },
        { name: 's', kind: 'string', typeName: 'VARCHAR' },
      ]);
      const [x, budget, d, flag, s] = profiles;
      expect(x).toMatchObject({
        rowCount: 5,
        blankCount: 1,
        blankPct: 0.2,
        expectedBlankPct: 0.1,
        distinctCount: 4,
        min: '1.0',
        max: '4.0',
        mean: 2.5,
        p50: 2.5,
        p25: 1.75,
        p75: 3.25,
      });
      expect(x.stddev).toBeCloseTo(Math.sqrt(5 / 3), 10);
      expect(x.histogram?.counts).toHaveLength(HISTOGRAM_BINS);
      expect(x.histogram?.counts[0]).toBe(1);
      expect(x.histogram?.counts[HISTOGRAM_BINS - 1]).toBe(1);
      expect(x.histogram?.counts.reduce((a, b) => a + b, 0)).toBe(4);
      // Blank budgets: row 2 (a Movie: truly missing), rows 3 (TV Series: structural) and 5 (kind unknown: not structural).
      expect(budget).toMatchObject({ blankCount: 3, structuralBlankCount: 1 });
      expect(d).toMatchObject({ blankCount: 1, distinctCount: 3, min: '2024-01-01', max: '2024-01-21' });
      expect(d.histogram).toMatchObject({ unit: 'day', min: 19723, max: 19743 });
      expect(flag).toMatchObject({ blankCount: 1, distinctCount: 2, mean: 0.75 });
      expect(flag.topValues).toEqual([
        { value: 'true', count: 3 },
        { value: 'false', count: 1 },
      ]);
      // A whitespace-only string counts as blank.
      expect(s).toMatchObject({ blankCount: 1, distinctCount: 3 });
      expect(s.topValues[0]).toEqual({ value: 'a', count: 3 });

      await ensureWarehouse(engine);
      await recordProfiles(engine, 'run-1', 'bronze', profiles);
      await recordProfiles(engine, 'run-1', 'bronze', profiles);
      const rows = await engine.query(
        `SELECT column_name, blank_pct, structural_blank_count, top_values_json FROM meta.column_profiles ORDER BY column_name`,
      );
      expect(rows.map((r) => r.column_name)).toEqual(['budget', 'd', 'flag', 's', 'x']);
      expect(JSON.parse(String(rows[2].top_values_json))).toEqual(flag.topValues);
    });
  });

  it("records several tables' profiles at once, replacing only this run's rows of this layer and those tables", async () => {
    await withEngine(async (engine) => {
      await ensureWarehouse(engine);
      await engine.exec(
        `CREATE TABLE gold.a AS SELECT * FROM (VALUES (1.0), (2.0)) v(x); CREATE TABLE gold.b AS SELECT * FROM (VALUES ('p')) v(s)`,
      );
      const x = { name: 'x', kind: 'numeric', typeName: 'DOUBLE' } as const;
      const s = { name: 's', kind: 'string', typeName: 'VARCHAR' } as const;
      const profiles = [...(await profileTable(engine, 'gold.a', [x])), ...(await profileTable(engine, 'gold.b', [s]))];
      await recordProfiles(engine, 'run-0', 'gold', profiles); // an earlier run: kept
      await recordProfiles(engine, 'run-1', 'silver', profiles); // another layer of this run: kept
      await recordProfiles(engine, 'run-1', 'gold', profiles);
      await recordProfiles(engine, 'run-1', 'gold', profiles);
      const rows = await engine.query(
        `SELECT run_id, layer, dataset, column_name, row_count FROM meta.column_profiles ORDER BY run_id, layer, dataset`,
      );
      expect(rows.map((r) => `${r.run_id} ${r.layer} ${r.dataset}.${r.column_name} ${r.row_count}`)).toEqual([
        'run-0 gold gold.a.x 2',
        'run-0 gold gold.b.s 1',
        'run-1 gold gold.a.x 2',
        'run-1 gold gold.b.s 1',
        'run-1 silver gold.a.x 2',
        'run-1 silver gold.b.s 1',
      ]);
    });
  });

  it('profiles an empty table without failing', async () => {
    await withEngine(async (engine) => {
      await engine.exec(`CREATE SCHEMA s; CREATE TABLE s.e (x DOUBLE, s VARCHAR)`);
      const [x, s] = await profileTable(engine, 's.e', [
        { name: 'x', kind: 'numeric', typeName: 'DOUBLE' },
        { name: 's', kind: 'string', typeName: 'VARCHAR' },
      ]);
      expect(x).toMatchObject({ rowCount: 0, blankCount: 0, blankPct: 0, mean: null, histogram: null });
      expect(s.topValues).toEqual([]);
    });
  });
});

import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { LayerStage } from '../../src/pipeline/publish.js';

describe('LayerStage', () => {
  it('holds swaps of its layer back, reads the held version, and publishes or discards them together', async () => {
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    try {
      await engine.exec(`CREATE SCHEMA silver; CREATE TABLE silver.a AS SELECT 1 AS v; CREATE TABLE silver.ab AS SELECT 10 AS v`);
      const stage = new LayerStage(engine, 'silver');
      await stage.exec(`CREATE TABLE silver.a__tmp_r AS SELECT 2 AS v`);
      await stage.swapTable('silver.a__tmp_r', 'silver.a');
      // The layer reads this run's version; a comment with an apostrophe, a literal and a longer name are left alone.
      expect(
        await stage.query(
          `-- the title's length\nSELECT v, 'silver.a' AS label FROM silver.a /* it's */ UNION ALL SELECT v, 'x' FROM silver.ab ORDER BY v`,
        ),
      ).toEqual([
        { v: 2, label: 'silver.a' },
        { v: 10, label: 'x' },
      ]);
      // The rest of the world still sees the published version.
      expect(await engine.query(`SELECT v FROM silver.a`)).toEqual([{ v: 1 }]);
      expect(await stage.discard()).toEqual(['silver.a']);
      expect(await engine.query(`SELECT v FROM silver.a`)).toEqual([{ v: 1 }]);
      expect(await engine.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name LIKE '%tmp%'`)).toEqual([{ n: 0 }]);

      await stage.exec(`CREATE TABLE silver.a__tmp_s AS SELECT 3 AS v; CREATE TABLE silver.c__tmp_s AS SELECT 4 AS v`);
      await stage.swapTable('silver.a__tmp_s', 'silver.a');
      await stage.swapTable('silver.c__tmp_s', 'silver.c');
      expect((await stage.listTables('silver')).map((t) => t.table_name).sort()).toContain('c');
      expect(await stage.publish()).toEqual(['silver.a', 'silver.c']);
      expect(await engine.query(`SELECT (SELECT v FROM silver.a) AS a, (SELECT v FROM silver.c) AS c`)).toEqual([{ a: 3, c: 4 }]);
    } finally {
      await engine.close();
    }
  });

  it('forks onto a new connection that reads the held versions, and closes only that connection', async () => {
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    try {
      await engine.exec(`CREATE SCHEMA gold; CREATE TABLE gold.a AS SELECT 1 AS v`);
      const stage = new LayerStage(engine, 'gold');
      await stage.exec(`CREATE TABLE gold.a__tmp_r AS SELECT 2 AS v`);
      await stage.swapTable('gold.a__tmp_r', 'gold.a');
      const fork = await stage.fork!();
      expect(await fork.query(`SELECT v FROM gold.a`)).toEqual([{ v: 2 }]);
      // The fork holds with the stage: its swap publishes with the layer.
      await fork.exec(`CREATE TABLE gold.b__tmp_r AS SELECT 3 AS v`);
      await fork.swapTable('gold.b__tmp_r', 'gold.b');
      await fork.close();
      await expect(fork.query(`SELECT 1`)).rejects.toThrow();
      // The stage's own connection stays open, and so does the runner's.
      expect(await stage.query(`SELECT (SELECT v FROM gold.a) AS a, (SELECT v FROM gold.b) AS b`)).toEqual([{ a: 2, b: 3 }]);
      expect(await stage.publish()).toEqual(['gold.a', 'gold.b']);
      await stage.close();
      expect(await engine.query(`SELECT v FROM gold.b`)).toEqual([{ v: 3 }]);
    } finally {
      await engine.close();
    }
  });

  it('has no fork when its engine has none', () => {
    const engine = { name: 'spark' } as unknown as DuckDbEngine;
    expect(new LayerStage(engine, 'gold').fork).toBeUndefined();
  });
});

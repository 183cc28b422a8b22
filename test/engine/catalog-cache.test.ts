import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { readOnlyWithCatalogCache, tableExists } from '../../src/engine/catalog.js';

describe('readOnlyWithCatalogCache', () => {
  it('asks the engine once per schema and table, hands out copies, and refuses writes', async () => {
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    try {
      await engine.exec(`CREATE SCHEMA s; CREATE TABLE s.a (x INTEGER, y VARCHAR); CREATE TABLE s.b (z DOUBLE)`);
      const asked: string[] = [];
      const counting = Object.create(engine) as DuckDbEngine;
      counting.listTables = (schema) => (asked.push(`tables ${schema}`), engine.listTables(schema));
      counting.listColumns = (table) => (asked.push(`columns ${table}`), engine.listColumns(table));
      const view = readOnlyWithCatalogCache(counting);

      expect(await tableExists(view, 's.a')).toBe(true);
      expect(await tableExists(view, 's.missing')).toBe(false);
      const first = await view.listColumns('s.a');
      first.pop();
      expect((await view.listColumns('s.a')).map((c) => c.column_name)).toEqual(['x', 'y']);
      expect((await view.listTables()).map((t) => t.table_name).sort()).toEqual(['a', 'b']);
      expect(asked).toEqual(['tables s', 'columns s.a', 'tables undefined']);
      expect(await view.query(`SELECT count(*) AS n FROM s.a`)).toEqual([{ n: 0 }]);

      await expect(view.exec(`DROP TABLE s.a`)).rejects.toThrow(/read-only/);
      await expect(view.writeRows('s.a', [{ name: 'x', type: 'BIGINT' }], [[1]])).rejects.toThrow(/read-only/);
      await expect(view.transaction(async () => 1)).rejects.toThrow(/read-only/);
      await view.close();
      expect(await engine.listTables('s')).toHaveLength(2);
    } finally {
      await engine.close();
    }
  });

  it('forks into a second read-only view that shares its answers; closing the fork leaves the view and engine open', async () => {
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    try {
      await engine.exec(`CREATE SCHEMA s; CREATE TABLE s.a (x INTEGER, y VARCHAR); INSERT INTO s.a VALUES (1, 'p')`);
      const view = readOnlyWithCatalogCache(engine);
      expect((await view.listColumns('s.a')).map((c) => c.column_name)).toEqual(['x', 'y']);
      await engine.exec(`ALTER TABLE s.a ADD COLUMN z DOUBLE`);
      const fork = await view.fork!();
      // The answer the view remembered, not the engine's new one: the cache is shared (the view is for
      // work that changes no table, so in real use the two cannot disagree).
      expect((await fork.listColumns('s.a')).map((c) => c.column_name)).toEqual(['x', 'y']);
      expect(await fork.query(`SELECT x, y FROM s.a`)).toEqual([{ x: 1, y: 'p' }]);
      await expect(fork.exec(`DROP TABLE s.a`)).rejects.toThrow(/read-only/);
      await fork.close();
      expect(await view.query(`SELECT count(*) AS n FROM s.a`)).toEqual([{ n: 1 }]);
      expect(await engine.query(`SELECT count(*) AS n FROM s.a`)).toEqual([{ n: 1 }]);
      // An engine without a second connection gives a view without one.
      expect(readOnlyWithCatalogCache({ ...engine, fork: undefined } as unknown as DuckDbEngine).fork).toBeUndefined();
    } finally {
      await engine.close();
    }
  });

  it('does not remember a failed lookup', async () => {
    let calls = 0;
    const flaky = {
      listColumns: async () => {
        calls++;
        if (calls === 1) throw new Error('catalog busy');
        return [{ column_name: 'x', data_type: 'INTEGER' }];
      },
    } as unknown as DuckDbEngine;
    const view = readOnlyWithCatalogCache(flaky);
    await expect(view.listColumns('s.a')).rejects.toThrow('catalog busy');
    expect(await view.listColumns('s.a')).toEqual([{ column_name: 'x', data_type: 'INTEGER' }]);
    expect(await view.listColumns('s.a')).toHaveLength(1);
    expect(calls).toBe(2);
  });
});

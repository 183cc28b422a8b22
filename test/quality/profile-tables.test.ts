import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import type { Engine } from '../../src/engine/engine.js';
import { profileTable, profileTables, type ProfileColumn } from '../../src/quality/profile.js';

const num = (name: string): ProfileColumn => ({ name, kind: 'numeric', typeName: 'DOUBLE' });
const text = (name: string): ProfileColumn => ({ name, kind: 'string', typeName: 'VARCHAR' });

/** The engine, counting the forks it opens and closes and which connection ran each profile query. */
function counting(engine: DuckDbEngine) {
  const seen = { forks: 0, closed: 0, queriesOnFork: 0 };
  const wrapped = Object.create(engine) as DuckDbEngine;
  wrapped.fork = async () => {
    seen.forks++;
    const fork = await engine.fork();
    const forkView = Object.create(fork) as DuckDbEngine;
    forkView.query = (async (q: string) => {
      seen.queriesOnFork++;
      return fork.query(q);
    }) as DuckDbEngine['query'];
    forkView.close = async () => {
      seen.closed++;
      await fork.close();
    };
    return forkView;
  };
  return { wrapped, seen };
}

describe('profileTables', () => {
  it('gives each table the profile profileTable gives it, in the order asked, on two connections', async () => {
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    try {
      await engine.exec(`CREATE SCHEMA s;
        CREATE TABLE s.a AS SELECT i * 1.5 AS x, 'k' || (i % 7) AS k FROM range(5000) r(i);
        CREATE TABLE s.b AS SELECT (i * 37) % 101 AS x, NULL::VARCHAR AS k FROM range(3000) r(i);
        CREATE TABLE s.c AS SELECT CASE WHEN i % 3 = 0 THEN NULL ELSE i END AS x, 'v' AS k FROM range(10) r(i)`);
      const tables = ['s.a', 's.b', 's.c'].map((dataset, i) => ({ dataset, columns: [num('x'), text('k')], statisticsOnly: i === 2 }));
      const one = [];
      for (const t of tables) one.push(await profileTable(engine, t.dataset, t.columns, t.dataset, { statisticsOnly: t.statisticsOnly }));
      const { wrapped, seen } = counting(engine);
      const together = await profileTables(wrapped, tables);
      expect(together).toEqual(one);
      expect(together.map((p) => p[0].dataset)).toEqual(['s.a', 's.b', 's.c']);
      expect(together[2][0].distinctCount).toBe(0); // statistics only, as asked
      expect(seen).toMatchObject({ forks: 1, closed: 1 });
      expect(seen.queriesOnFork).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
  });

  it('uses one connection for one table or an engine without forks, and closes the fork when a table fails', async () => {
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    try {
      await engine.exec(`CREATE SCHEMA s; CREATE TABLE s.a AS SELECT 1.0 AS x`);
      const { wrapped, seen } = counting(engine);
      await profileTables(wrapped, [{ dataset: 's.a', columns: [num('x')] }]);
      expect(seen.forks).toBe(0);

      const noForks = Object.create(engine) as Engine;
      Object.defineProperty(noForks, 'fork', { value: undefined });
      const [[a], [b]] = await profileTables(noForks, [
        { dataset: 's.a', columns: [num('x')] },
        { dataset: 's.a', columns: [num('x')] },
      ]);
      expect(a).toEqual(b);

      await expect(
        profileTables(wrapped, [
          { dataset: 's.a', columns: [num('x')] },
          { dataset: 's.missing', columns: [num('x')] },
          { dataset: 's.a', columns: [num('x')] },
        ]),
      ).rejects.toThrow(/missing/);
      expect(seen).toMatchObject({ forks: 1, closed: 1 });
    } finally {
      await engine.close();
    }
  });
});

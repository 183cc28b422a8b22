// ensureWarehouse: the schemas with IF NOT EXISTS every time; the meta tables listed first and only
// the missing ones created: all on a new warehouse, none on a complete one, one that is gone again.
import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { ensureWarehouse, META_TABLES, SCHEMAS } from '../../src/warehouse/schema.js';

/** The engine with every exec recorded (ensureWarehouse creates through exec). */
function recording(engine: DuckDbEngine) {
  const statements: string[] = [];
  const runner = {
    exec: async (statement: string) => {
      statements.push(statement);
      await engine.exec(statement);
    },
    listTables: (schema?: string) => engine.listTables(schema),
  };
  return { runner, statements };
}

describe('ensureWarehouse', () => {
  it('creates every schema and meta table on a new warehouse, and no table once they exist', async () => {
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    try {
      const first = recording(engine);
      await ensureWarehouse(first.runner);
      expect(first.statements).toHaveLength(SCHEMAS.length + Object.keys(META_TABLES).length);
      const meta = (await engine.listTables('meta')).map((t) => t.table_name).sort();
      expect(meta).toEqual(Object.keys(META_TABLES).sort());
      const schemas = (await engine.query<{ s: string }>('SELECT DISTINCT schema_name AS s FROM information_schema.schemata')).map((r) => r.s);
      for (const schema of SCHEMAS) expect(schemas).toContain(schema);

      const second = recording(engine);
      await ensureWarehouse(second.runner);
      expect(second.statements).toEqual(SCHEMAS.map((schema) => `CREATE SCHEMA IF NOT EXISTS ${schema}`));
    } finally {
      await engine.close();
    }
  });

  it('brings back a meta table that is gone, with its columns, and leaves the others and their rows', async () => {
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    try {
      await ensureWarehouse(engine);
      await engine.exec(`INSERT INTO meta.runs (run_id, status) VALUES ('r1', 'ok')`);
      await engine.exec('DROP TABLE meta.lineage');
      const again = recording(engine);
      await ensureWarehouse(again.runner);
      expect(again.statements.filter((s) => s.startsWith('CREATE TABLE'))).toEqual([`CREATE TABLE IF NOT EXISTS meta.lineage (${META_TABLES.lineage})`]);
      expect((await engine.listColumns('meta.lineage')).map((c) => c.column_name)).toEqual(['run_id', 'upstream', 'downstream', 'kind']);
      expect(await engine.query('SELECT run_id, status FROM meta.runs')).toEqual([{ run_id: 'r1', status: 'ok' }]);
    } finally {
      await engine.close();
    }
  });
});

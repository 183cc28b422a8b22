// ensureWarehouse asks the catalog first and creates only what is missing: everything on a new
// warehouse, nothing on a complete one, and a meta table or schema that is gone comes back.
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
  it('creates every schema and meta table on a new warehouse, and nothing once they exist', async () => {
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    try {
      const first = recording(engine);
      await ensureWarehouse(first.runner);
      expect(first.statements).toHaveLength(SCHEMAS.length + Object.keys(META_TABLES).length);
      const meta = (await engine.listTables('meta')).map((t) => t.table_name).sort();
      expect(meta).toEqual(Object.keys(META_TABLES).sort());
      const schemas = (await engine.query<{ s: string }>('SELECT DISTINCT schema_name AS s FROM information_schema.schemata')).map((r) => r.s);
      for (const schema of SCHEMAS) expect(schemas).toContain(schema);

      // Schemas without a table cannot be seen in the table list, so they are created again (IF NOT EXISTS).
      for (const schema of SCHEMAS.filter((s) => s !== 'meta')) await engine.exec(`CREATE TABLE ${schema}.t AS SELECT 1 AS x`);
      const second = recording(engine);
      await ensureWarehouse(second.runner);
      expect(second.statements).toEqual([]);
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

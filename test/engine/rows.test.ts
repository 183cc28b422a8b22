// deleteRows / updateRows: the same result whether the engine runs DELETE/UPDATE itself (DuckDB)
// or the table is rebuilt and swapped in (engines without row-level DML, e.g. Spark's Parquet
// tables). The rebuild path is exercised on DuckDB by hiding its ability.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import type { Engine } from '../../src/engine/engine.js';
import { deleteRows, updateRows } from '../../src/engine/rows.js';
import { sql } from '../../src/engine/sql.js';

/** The same engine, claiming it cannot UPDATE or DELETE (so rows.ts takes the rebuild path). */
function withoutRowLevelDml(engine: DuckDbEngine): Engine {
  return new Proxy(engine, {
    get(target, key) {
      if (key === 'supportsRowLevelDml') return false;
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Engine;
}

describe.each([
  ['DELETE/UPDATE', (e: DuckDbEngine): Engine => e],
  ['rebuild and swap', withoutRowLevelDml],
])('rows.ts via %s', (_label, wrap) => {
  let duck: DuckDbEngine;
  let engine: Engine;
  beforeEach(async () => {
    duck = await DuckDbEngine.open({ path: ':memory:' });
    engine = wrap(duck);
    await duck.exec(`CREATE SCHEMA meta; CREATE TABLE meta.t (id BIGINT, status VARCHAR, seen_at TIMESTAMP, note VARCHAR)`);
    await duck.exec(
      `INSERT INTO meta.t VALUES (1, 'loaded', TIMESTAMP '2025-01-01 00:00:00', 'a'), (2, 'loaded', NULL, NULL), (3, 'skipped', NULL, 'c')`,
    );
  });
  afterEach(async () => duck.close());

  it('deletes exactly the matching rows (NULL predicate keeps the row) and leaves no temp table', async () => {
    await deleteRows(engine, 'meta.t', sql`note = ${'a'} OR id = ${3}`);
    expect(await duck.query(`SELECT id FROM meta.t ORDER BY id`)).toEqual([{ id: 2 }]);
    await deleteRows(engine, 'meta.t', sql`id = ${99}`);
    expect(await duck.query(`SELECT count(*) AS n FROM meta.t`)).toEqual([{ n: 1 }]);
    expect((await duck.listTables('meta')).map((t) => t.table_name)).toEqual(['t']);
  });

  it('updates the matching rows, keeps column order and types, and evaluates values on the old row', async () => {
    await updateRows(
      engine,
      'meta.t',
      { status: sql`${'superseded'}`, note: sql`status || '!'`, seen_at: sql`CAST(${'2025-02-03 04:05:06'} AS TIMESTAMP)` },
      sql`status = ${'loaded'}`,
    );
    expect(await duck.query(`SELECT id, status, CAST(seen_at AS VARCHAR) AS seen_at, note FROM meta.t ORDER BY id`)).toEqual([
      { id: 1, status: 'superseded', seen_at: '2025-02-03 04:05:06', note: 'loaded!' },
      { id: 2, status: 'superseded', seen_at: '2025-02-03 04:05:06', note: 'loaded!' },
      { id: 3, status: 'skipped', seen_at: null, note: 'c' },
    ]);
    expect(await duck.listColumns('meta.t')).toEqual([
      { column_name: 'id', data_type: 'BIGINT' },
      { column_name: 'status', data_type: 'VARCHAR' },
      { column_name: 'seen_at', data_type: 'TIMESTAMP' },
      { column_name: 'note', data_type: 'VARCHAR' },
    ]);
  });

  it('refuses names that are not plain schema.table and unknown columns', async () => {
    await expect(deleteRows(engine, 'meta.t; DROP TABLE x', sql`TRUE`)).rejects.toThrow(/plain schema\.table/);
    await expect(updateRows(engine, 'meta.t', { 'a b': sql`1` }, sql`TRUE`)).rejects.toThrow(/bad column name/);
  });
});

describe('listTables / listColumns on DuckDB', () => {
  it('lists a schema and gives [] for a missing table', async () => {
    const duck = await DuckDbEngine.open({ path: ':memory:' });
    try {
      await duck.exec(`CREATE SCHEMA s; CREATE TABLE s.b (x INTEGER); CREATE TABLE s.a (y DOUBLE)`);
      expect(await duck.listTables('s')).toEqual([
        { table_schema: 's', table_name: 'a' },
        { table_schema: 's', table_name: 'b' },
      ]);
      expect(await duck.listTables()).toEqual(expect.arrayContaining([{ table_schema: 's', table_name: 'a' }]));
      expect(await duck.listColumns('s.a')).toEqual([{ column_name: 'y', data_type: 'DOUBLE' }]);
      expect(await duck.listColumns('s.missing')).toEqual([]);
      expect(await duck.listColumns('nope.missing')).toEqual([]);
    } finally {
      await duck.close();
    }
  });

  it('gives the names and types information_schema gives, whichever way the table is looked up', async () => {
    const duck = await DuckDbEngine.open({ path: ':memory:' });
    try {
      await duck.exec(`CREATE SCHEMA s; CREATE SCHEMA "we.ird";
        CREATE TABLE s.t (a INTEGER, "B c" DECIMAL(18,3), t TIMESTAMPTZ, l INTEGER[], st STRUCT(x INTEGER), m MAP(VARCHAR, INTEGER), e ENUM('x', 'y'));
        CREATE TABLE "we.ird"."Ta""ble" AS SELECT * FROM s.t; CREATE VIEW s.v AS SELECT e, a FROM s.t`);
      const expected = async (schema: string, table: string) =>
        duck.query(sql`SELECT column_name, upper(data_type) AS data_type FROM information_schema.columns
          WHERE table_schema = ${schema} AND table_name = ${table} ORDER BY ordinal_position`);
      const columns = await duck.listColumns('s.t');
      expect(columns.map((c) => c.data_type)).toEqual([
        'INTEGER',
        'DECIMAL(18,3)',
        'TIMESTAMP WITH TIME ZONE',
        'INTEGER[]',
        'STRUCT(X INTEGER)',
        'MAP(VARCHAR, INTEGER)',
        "ENUM('X', 'Y')",
      ]);
      expect(columns).toEqual(await expected('s', 't'));
      expect(await duck.listColumns('s.v')).toEqual(await expected('s', 'v'));
      // A name that needs quoting is looked up in information_schema.
      const weird = await duck.listColumns('we.ird.Ta"ble');
      expect(weird).toHaveLength(7);
      expect(weird).toEqual(await expected('we.ird', 'Ta"ble'));
    } finally {
      await duck.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../src/engine/duckdb/engine.js';
import { ident, sql } from '../../../src/engine/sql.js';

describe('DuckDB engine', () => {
  it('binds values, quotes identifiers and returns plain values', async () => {
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    await engine.exec(`CREATE TABLE "odd name" AS SELECT 7::BIGINT AS n, DATE '2024-02-29' AS d, 'a''b' AS s`);
    const rows = await engine.query(sql`SELECT n, d, s FROM ${ident('odd name')} WHERE s = ${"a'b"}`);
    expect(rows).toEqual([{ n: 7, d: '2024-02-29', s: "a'b" }]);
    await engine.close();
  });

  it('swaps a table atomically and keeps the old one when the swap fails', async () => {
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    await engine.exec('CREATE SCHEMA s; CREATE TABLE s.t AS SELECT 1 AS v; CREATE TABLE s.t__new AS SELECT 2 AS v');
    await engine.swapTable('s.t__new', 's.t');
    expect(await engine.query('SELECT v FROM s.t')).toEqual([{ v: 2 }]);
    await expect(engine.swapTable('s.missing', 's.t')).rejects.toThrow();
    expect(await engine.query('SELECT v FROM s.t')).toEqual([{ v: 2 }]);
    await engine.close();
  });
});

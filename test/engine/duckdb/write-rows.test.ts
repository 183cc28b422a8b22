// DuckDB's bulk writer names the table, row and column of a cell it cannot store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../src/engine/duckdb/engine.js';

describe('DuckDbEngine.writeRows', () => {
  let engine: DuckDbEngine;
  beforeEach(async () => {
    engine = await DuckDbEngine.open({ path: ':memory:' });
    await engine.exec('CREATE TABLE t (id BIGINT, d DATE, ts TIMESTAMP)');
  });
  afterEach(async () => {
    await engine.close();
  });
  const columns = [
    { name: 'id', type: 'BIGINT' },
    { name: 'd', type: 'DATE' },
    { name: 'ts', type: 'TIMESTAMP' },
  ] as const;

  it('appends typed rows', async () => {
    await engine.writeRows('t', columns, [
      [1, '2026-01-02', '2026-01-02 03:04:05'],
      [2, null, null],
    ]);
    expect(await engine.query('SELECT id, CAST(d AS VARCHAR) AS d FROM t ORDER BY id')).toEqual([
      { id: 1, d: '2026-01-02' },
      { id: 2, d: null },
    ]);
  });

  it('names the row and column of an impossible date or timestamp', async () => {
    await expect(
      engine.writeRows('t', columns, [
        [1, '2026-01-02', null],
        [2, '2026-02-30', null],
      ]),
    ).rejects.toThrow(/t row 2 column d: expected a date/);
    await expect(engine.writeRows('t', columns, [[1, null, '2026-01-02 25:00:00']])).rejects.toThrow(
      /t row 1 column ts: time out of range/,
    );
  });
});

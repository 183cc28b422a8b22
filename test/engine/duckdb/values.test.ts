// The plain values Engine.query and Engine.stream give on DuckDB (duckdb/values.ts): the conventions
// spark/values.ts matches, so the cross-engine suite can compare rows with toEqual.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../src/engine/duckdb/engine.js';
import { sql } from '../../../src/engine/sql.js';

let engine: DuckDbEngine;
beforeEach(async () => {
  engine = await DuckDbEngine.open({ path: ':memory:' });
});
afterEach(async () => {
  await engine.close();
});

describe('DuckDB values', () => {
  it('gives numbers, exact text for wide integers and decimals, and dates and timestamps as text', async () => {
    const [row] =
      await engine.query(`SELECT 42::BIGINT AS small, 9007199254740993::BIGINT AS wide, 170141183460469231731687303715884105727::HUGEINT AS huge,
      0.3::DECIMAL(4,1) AS dec, 'nan'::DOUBLE AS nan, DATE '2024-02-29' AS d, TIMESTAMP '2024-01-02 03:04:05.123456' AS ts,
      TIMESTAMP '2024-01-02 03:04:05' AS ts_whole, NULL AS nothing, true AS yes`);
    expect(row).toEqual({
      small: 42,
      wide: '9007199254740993',
      huge: '170141183460469231731687303715884105727',
      dec: 0.3,
      nan: NaN,
      d: '2024-02-29',
      ts: '2024-01-02 03:04:05.123456',
      ts_whole: '2024-01-02 03:04:05',
      nothing: null,
      yes: true,
    });
  });

  it('converts inside lists and structs by the element type', async () => {
    const [row] = await engine.query(`SELECT [1, NULL, 9007199254740993]::BIGINT[] AS ids,
      {'day': DATE '2020-01-01', 'share': 0.5::DECIMAL(3,1), 'tags': ['a', 'b']} AS info`);
    expect(row).toEqual({ ids: [1, null, '9007199254740993'], info: { day: '2020-01-01', share: 0.5, tags: ['a', 'b'] } });
  });
});

describe('DuckDB stream', () => {
  it('yields the rows of query in order, chunk by chunk, with bound values', async () => {
    const query = sql`SELECT i AS n, DATE '2024-01-01' + CAST(i % 7 AS INTEGER) AS d FROM range(${5000}) t(i) ORDER BY i`;
    const batches: number[] = [];
    const streamed: unknown[] = [];
    for await (const batch of engine.stream(query)) {
      batches.push(batch.length);
      streamed.push(...batch);
    }
    expect(batches.length).toBeGreaterThan(1);
    expect(streamed).toEqual(await engine.query(query));
    expect(streamed[4999]).toEqual({ n: 4999, d: '2024-01-02' });
  });

  it('stops cleanly when the reader leaves early, and the connection stays usable', async () => {
    let seen = 0;
    for await (const batch of engine.stream('SELECT i FROM range(100000) t(i)')) {
      seen += batch.length;
      break;
    }
    expect(seen).toBeGreaterThan(0);
    expect(await engine.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});

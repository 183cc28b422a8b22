// Engine.writeRows, the bulk append the ML steps write through: every column type, NULLs and
// awkward strings must read back the same on DuckDB (appender) and on Spark (Arrow LocalRelation,
// split into several batches here). The Spark half needs a server (see helpers/spark.ts); the
// spark- prefix puts the file in vitest's one-file-at-a-time Spark project.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { SparkEngine } from '../../src/engine/spark/engine.js';
import type { Engine, WriteColumn, WriteValue } from '../../src/engine/engine.js';
import { epochDay, epochMicros } from '../../src/engine/write-values.js';
import { SPARK_URL, scratchSchema, sparkIsUp } from './helpers/spark.js';

const COLUMNS: WriteColumn[] = [
  { name: 's', type: 'VARCHAR' },
  { name: 'd', type: 'DOUBLE' },
  { name: 'n', type: 'BIGINT' },
  { name: 'b', type: 'BOOLEAN' },
  { name: 'day', type: 'DATE' },
  { name: 'ts', type: 'TIMESTAMP' },
];

const FIXED: WriteValue[][] = [
  ['plain', 1.5, 3, true, '2025-10-01', '2025-10-01 12:34:56.123456'],
  [null, null, null, null, null, null],
  ['it\'s "quoted"; -- not a comment', -0.1, -9007199254740991, false, '1969-12-31', '1970-01-01 00:00:00'],
  ['ünïcødé ✓ 日本', 0.1 + 0.2, 9007199254740991, true, '2024-02-29', '1999-12-31 23:59:59.5'],
  ['', 1e-300, 0, false, '2000-01-01', '2000-01-01 00:00:00.000001'],
];

/** FIXED plus `extra` generated rows, so Spark's writeRows needs several batches. */
function rows(extra: number): WriteValue[][] {
  const generated = Array.from({ length: extra }, (_, i): WriteValue[] => [
    `row ${i}`,
    i / 7,
    i,
    i % 2 === 0,
    '2025-01-01',
    '2025-01-01 00:00:01',
  ]);
  return [...FIXED, ...generated];
}

async function roundTrip(engine: Engine, table: string, data: WriteValue[][]): Promise<unknown[][]> {
  await engine.exec(`CREATE TABLE ${table} (s VARCHAR, d DOUBLE, n BIGINT, b BOOLEAN, day DATE, ts TIMESTAMP)`);
  await engine.writeRows(table, COLUMNS, data);
  const back = await engine.query(`SELECT s, d, n, b, CAST(day AS VARCHAR) AS day, ts FROM ${table}`);
  return back.map((r) => [r.s, r.d, r.n, r.b, r.day, r.ts]);
}

const sortRows = (a: unknown[][]) => [...a].sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
/** The timestamps as the engines print them: no trailing zeros in the fraction. */
const expected = (data: WriteValue[][]) =>
  sortRows(
    data.map((r) => r.map((v, c) => (c === 5 && typeof v === 'string' ? v.replace(/\.?0+$/, (m) => (m.startsWith('.') ? '' : m)) : v))),
  );

describe('write-values', () => {
  it('encodes dates as days and timestamps as microseconds since 1970-01-01', () => {
    expect(epochDay('1970-01-02', 'x')).toBe(1);
    expect(epochDay('1969-12-31', 'x')).toBe(-1);
    expect(epochMicros('1970-01-01 00:00:01.5', 'x')).toBe(1_500_000n);
    expect(epochMicros('1970-01-02T00:00:00Z', 'x')).toBe(86_400_000_000n);
    expect(() => epochDay('2023-02-29', 't row 1 column day')).toThrow(/t row 1 column day: expected a date/);
    expect(() => epochMicros('2023-01-01 12:00', 'w')).toThrow(/w: expected a timestamp/);
  });
});

describe('writeRows on DuckDB', () => {
  it('appends every type and NULLs exactly', async () => {
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    try {
      const data = rows(1000);
      expect(sortRows(await roundTrip(engine, 'main.w', data))).toEqual(expected(data));
      // Appending again adds rows; it never replaces.
      await engine.writeRows('main.w', COLUMNS, FIXED);
      expect(await engine.query('SELECT count(*) AS n FROM main.w')).toEqual([{ n: data.length + FIXED.length }]);
    } finally {
      await engine.close();
    }
  });
});

const up = await sparkIsUp();

describe.skipIf(!up)('writeRows on Spark', () => {
  let engine: SparkEngine;
  const schema = scratchSchema('write');
  beforeAll(async () => {
    engine = await SparkEngine.connect(SPARK_URL, { writeBatchRows: 400 });
    await engine.exec(`CREATE SCHEMA ${schema}`);
  });
  afterAll(async () => {
    await engine?.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await engine?.close();
  });

  it('appends every type and NULLs exactly, over several Arrow batches', async () => {
    const data = rows(1000);
    expect(sortRows(await roundTrip(engine, `${schema}.w`, data))).toEqual(expected(data));
    await engine.writeRows(`${schema}.w`, COLUMNS, FIXED);
    expect(await engine.query(`SELECT count(*) AS n FROM ${schema}.w`)).toEqual([{ n: data.length + FIXED.length }]);
  }, 120_000);

  it('fails clearly when the table does not exist', async () => {
    await expect(engine.writeRows(`${schema}.missing`, COLUMNS, FIXED)).rejects.toThrow(/TABLE_OR_VIEW_NOT_FOUND|cannot be found/);
  }, 60_000);
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../src/engine/duckdb/engine.js';
import { tableExists } from '../../../src/engine/catalog.js';
import { cellValue, writeCells, writeTable, writeTableBatches, type TableSpec } from '../../../src/ml/publish/store.js';

const SPEC: TableSpec = {
  name: 'ml.t',
  columns: [
    { name: 'run_id', type: 'VARCHAR' },
    { name: 'use_case', type: 'VARCHAR' },
    { name: 'v', type: 'DOUBLE' },
    { name: 'n', type: 'BIGINT' },
    { name: 'ok', type: 'BOOLEAN' },
    { name: 'd', type: 'DATE' },
  ],
};

describe('cellValue', () => {
  it('passes values of the column type through and turns non-finite numbers into NULL', () => {
    expect(cellValue("it's", 'VARCHAR', 'x')).toBe("it's");
    expect(cellValue(0.1 + 0.2, 'DOUBLE', 'x')).toBe(0.30000000000000004);
    expect(cellValue(NaN, 'DOUBLE', 'x')).toBeNull();
    expect(cellValue(null, 'BIGINT', 'x')).toBeNull();
    expect(cellValue(true, 'BOOLEAN', 'x')).toBe(true);
    expect(cellValue('2025-10-01', 'DATE', 'x')).toBe('2025-10-01');
    expect(cellValue('2025-10-01T12:34:56.789Z', 'TIMESTAMP', 'x')).toBe('2025-10-01 12:34:56.789');
  });

  it('names the table, row and column of a value that does not fit', () => {
    expect(() => cellValue(1.5, 'BIGINT', 'ml.t row 3 column n')).toThrow(/ml.t row 3 column n: expected an integer, got 1.5/);
    expect(() => cellValue('abc', 'DOUBLE', 'ml.t row 1 column v')).toThrow(/row 1 column v: expected a number/);
    expect(() => cellValue('2025/10/01', 'DATE', 'w')).toThrow(/expected YYYY-MM-DD/);
    expect(() => cellValue('2025-02-30', 'DATE', 'w')).toThrow(/w: expected a date/);
    expect(() => cellValue('2025-10-01 25:00:00', 'TIMESTAMP', 'w')).toThrow(/w: time out of range/);
    expect(() => cellValue('yes', 'BOOLEAN', 'w')).toThrow(/expected a boolean/);
  });
});

describe('writeCells', () => {
  it('orders cells by the spec and numbers rows from 1 in errors', () => {
    expect(writeCells(SPEC, [{ d: '2025-01-01', ok: true, n: 2, v: 0.5, use_case: 'u', run_id: 'r' }])).toEqual([
      ['r', 'u', 0.5, 2, true, '2025-01-01'],
    ]);
    expect(() => writeCells(SPEC, [{ n: 1 }, { n: 'x' }])).toThrow(/ml.t row 2 column n/);
  });
});

describe('writeTable', () => {
  let engine: DuckDbEngine;
  beforeEach(async () => {
    engine = await DuckDbEngine.open({ path: ':memory:' });
  });
  afterEach(async () => {
    await engine.close();
  });

  const row = (run: string, useCase: string, v: number) => ({ run_id: run, use_case: useCase, v, n: 1, ok: false, d: '2025-10-01' });

  it('creates the schema and table, round-trips values, and leaves no temp table', async () => {
    const rows = Array.from({ length: 1203 }, (_, i) => row('r1', 'churn', i / 7));
    expect(await writeTable(engine, SPEC, rows, { runId: 'r1' })).toBe(1203);
    const out = await engine.query<{ n: number; s: number }>('SELECT count(*) AS n, sum(v) AS s FROM ml.t');
    expect(out[0].n).toBe(1203);
    expect(out[0].s).toBeCloseTo(
      rows.reduce((a, r) => a + r.v, 0),
      9,
    );
    const temps = await engine.query(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%__tmp_%'`);
    expect(temps).toEqual([]);
  });

  it('keeps the rows matching keepWhere and replaces the rest', async () => {
    await writeTable(engine, SPEC, [row('r1', 'churn', 1), row('r1', 'segmentation', 2)], { runId: 'r1' });
    await writeTable(engine, SPEC, [row('r2', 'churn', 3)], { runId: 'r2', keepWhere: "use_case <> 'churn'" });
    const out = await engine.query('SELECT run_id, use_case, v FROM ml.t ORDER BY use_case');
    expect(out).toEqual([
      { run_id: 'r2', use_case: 'churn', v: 3 },
      { run_id: 'r1', use_case: 'segmentation', v: 2 },
    ]);
  });

  it('keeps the old table when a row is invalid', async () => {
    await writeTable(engine, SPEC, [row('r1', 'churn', 1)], { runId: 'r1' });
    await expect(writeTable(engine, SPEC, [row('r2', 'churn', 2), { ...row('r2', 'churn', 3), n: 0.5 }], { runId: 'r2' })).rejects.toThrow(
      /row 2 column n/,
    );
    expect(await engine.query('SELECT run_id FROM ml.t')).toEqual([{ run_id: 'r1' }]);
    expect(await tableExists(engine, 'ml.t__tmp_r2')).toBe(false);
  });

  it('writes batches into one table, numbers rows across batches, and keeps the old table when a later batch fails', async () => {
    function* batches(bad: boolean) {
      yield [row('r2', 'churn', 1), row('r2', 'churn', 2)];
      yield [row('r2', 'churn', 3), bad ? { ...row('r2', 'churn', 4), n: 'x' } : row('r2', 'churn', 4)];
    }
    await writeTable(engine, SPEC, [row('r1', 'churn', 1)], { runId: 'r1' });
    await expect(writeTableBatches(engine, SPEC, batches(true), { runId: 'r2' })).rejects.toThrow(/ml.t row 4 column n/);
    expect(await engine.query('SELECT run_id FROM ml.t')).toEqual([{ run_id: 'r1' }]);
    expect(await tableExists(engine, 'ml.t__tmp_r2')).toBe(false);
    expect(await writeTableBatches(engine, SPEC, batches(false), { runId: 'r2' })).toBe(4);
    expect(await engine.query('SELECT v FROM ml.t ORDER BY v')).toEqual([{ v: 1 }, { v: 2 }, { v: 3 }, { v: 4 }]);
  });
});

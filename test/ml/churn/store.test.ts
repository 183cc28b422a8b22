import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../src/engine/duckdb.js';
import { INSERT_BATCH_ROWS, insertStatements, sqlValue, tableExists, writeTable, type TableSpec } from '../../../src/ml/store.js';

const SPEC: TableSpec = {
  name: 'ml.t',
  columns: [
    { name: 'run_id', type: 'VARCHAR' }, { name: 'use_case', type: 'VARCHAR' }, { name: 'v', type: 'DOUBLE' },
    { name: 'n', type: 'BIGINT' }, { name: 'ok', type: 'BOOLEAN' }, { name: 'd', type: 'DATE' },
  ],
};

describe('sqlValue', () => {
  it('quotes strings, keeps full double precision, maps null and non-finite numbers to NULL', () => {
    expect(sqlValue("it's", 'VARCHAR', 'x')).toBe("'it''s'");
    expect(sqlValue(0.1 + 0.2, 'DOUBLE', 'x')).toBe('CAST(0.30000000000000004 AS DOUBLE)');
    expect(sqlValue(NaN, 'DOUBLE', 'x')).toBe('NULL');
    expect(sqlValue(null, 'BIGINT', 'x')).toBe('NULL');
    expect(sqlValue(true, 'BOOLEAN', 'x')).toBe('TRUE');
    expect(sqlValue('2025-10-01', 'DATE', 'x')).toBe("CAST('2025-10-01' AS DATE)");
  });

  it('rejects values of the wrong type, naming where', () => {
    expect(() => sqlValue(1.5, 'BIGINT', 'ml.t row 3 column n')).toThrow(/ml.t row 3 column n: expected an integer, got 1.5/);
    expect(() => sqlValue('abc', 'DOUBLE', 'ml.t row 1 column v')).toThrow(/row 1 column v: expected a number/);
    expect(() => sqlValue('2025/10/01', 'DATE', 'w')).toThrow(/expected YYYY-MM-DD/);
    expect(() => sqlValue('yes', 'BOOLEAN', 'w')).toThrow(/expected a boolean/);
  });
});

describe('insertStatements', () => {
  it('batches rows into multi-row INSERTs', () => {
    const rows = Array.from({ length: 2 * INSERT_BATCH_ROWS + 1 }, (_, i) => ({ run_id: 'r', use_case: 'u', v: i, n: i, ok: true, d: '2025-01-01' }));
    const statements = insertStatements('ml.t_tmp', SPEC, rows);
    expect(statements).toHaveLength(3);
    const tuples = (s: string) => s.split('),\n(').length;
    expect(statements.map(tuples)).toEqual([INSERT_BATCH_ROWS, INSERT_BATCH_ROWS, 1]);
    expect(statements[0]).toMatch(/^INSERT INTO ml.t_tmp \("run_id", "use_case", "v", "n", "ok", "d"\) VALUES \('r', 'u', CAST\(0 AS DOUBLE\), 0, TRUE, CAST\('2025-01-01' AS DATE\)\)/);
  });
});

describe('writeTable', () => {
  let engine: DuckDbEngine;
  beforeEach(async () => { engine = await DuckDbEngine.open({ path: ':memory:' }); });
  afterEach(async () => { await engine.close(); });

  const row = (run: string, useCase: string, v: number) => ({ run_id: run, use_case: useCase, v, n: 1, ok: false, d: '2025-10-01' });

  it('creates the schema and table, round-trips values, and leaves no temp table', async () => {
    const rows = Array.from({ length: 1203 }, (_, i) => row('r1', 'churn', i / 7));
    expect(await writeTable(engine, SPEC, rows, { runId: 'r1' })).toBe(1203);
    const out = await engine.query<{ n: number; s: number }>('SELECT count(*) AS n, sum(v) AS s FROM ml.t');
    expect(out[0].n).toBe(1203);
    expect(out[0].s).toBeCloseTo(rows.reduce((a, r) => a + r.v, 0), 9);
    const temps = await engine.query(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%__tmp_%'`);
    expect(temps).toEqual([]);
  });

  it('keeps the rows matching keepWhere and replaces the rest', async () => {
    await writeTable(engine, SPEC, [row('r1', 'churn', 1), row('r1', 'segmentation', 2)], { runId: 'r1' });
    await writeTable(engine, SPEC, [row('r2', 'churn', 3)], { runId: 'r2', keepWhere: "use_case <> 'churn'" });
    const out = await engine.query('SELECT run_id, use_case, v FROM ml.t ORDER BY use_case');
    expect(out).toEqual([{ run_id: 'r2', use_case: 'churn', v: 3 }, { run_id: 'r1', use_case: 'segmentation', v: 2 }]);
  });

  it('keeps the old table when a row is invalid', async () => {
    await writeTable(engine, SPEC, [row('r1', 'churn', 1)], { runId: 'r1' });
    await expect(writeTable(engine, SPEC, [row('r2', 'churn', 2), { ...row('r2', 'churn', 3), n: 0.5 }], { runId: 'r2' })).rejects.toThrow(/row 2 column n/);
    expect(await engine.query('SELECT run_id FROM ml.t')).toEqual([{ run_id: 'r1' }]);
    expect(await tableExists(engine, 'ml.t__tmp_r2')).toBe(false);
  });
});

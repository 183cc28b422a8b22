// The whole pipeline on DuckDB and on Spark (through Spark Connect) must give the same warehouse:
// every bronze, silver and gold table equal (same columns, same rows, floats within tolerance) and
// the same check outcomes. Runs when a Spark Connect server answers at MARQUEE_SPARK_URL (start
// one with scripts/spark/start.sh); MARQUEE_TEST_SPARK=1 makes a missing server a failure.
// The Spark side writes the cluster's warehouse schemas (bronze, silver, gold, quarantine, meta:
// Spark's catalog has one set) with --full-refresh: do not point it at a cluster you care about.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb.js';
import { SparkEngine } from '../../src/engine/spark.js';
import type { Engine, Row } from '../../src/engine/engine.js';
import { SPARK_URL, sparkIsUp } from '../engine/helpers/spark.js';

const root = join(import.meta.dirname, '..', '..');
/** `marquee ...` as a child process, awaited without blocking the test worker (a run takes minutes on Spark). */
const marquee = (...args: string[]) => new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
  execFile(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'src', 'cli', 'main.ts'), ...args],
    { cwd: root, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' }, timeout: 25 * 60_000, maxBuffer: 64 << 20 },
    (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }));
});

/** The layers compared table by table. */
const LAYERS = ['bronze', 'silver', 'gold'] as const;

/**
 * Columns that legitimately differ between two runs (on any engine): when and under which run or
 * batch a row was written. Every other column must be equal.
 */
const VOLATILE_COLUMNS = new Set(['_batch_id', '_ingested_at', 'run_id', 'batch_id', 'quarantined_at', 'checked_at', 'ingested_at']);

/** Relative tolerance for floating-point values (sums and averages may add up in another order). */
const FLOAT_TOLERANCE = 1e-9;

const up = await sparkIsUp();

/**
 * A value with floats rounded to `digits` significant digits (|x| < 1e-12 is rounding noise of a sum
 * that should be 0: 1.2e-17 on one engine, 0 on the other). Used for sort keys and nested values.
 */
function rounded(value: unknown, digits: number): unknown {
  if (typeof value === 'number' && !Number.isInteger(value)) return Math.abs(value) < 1e-12 ? 0 : Number(value.toPrecision(digits));
  if (Array.isArray(value)) return value.map((v) => rounded(v, digits));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v, digits)]));
  return value;
}
const comparable = (value: unknown) => rounded(value, 9);

async function tableRows(engine: Engine, table: string, columns: readonly string[]): Promise<Row[]> {
  const rows = await engine.query(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM ${table}`);
  // Sorted by all columns (floats to 6 digits in the key, so float noise never reorders rows);
  // the values themselves are compared with FLOAT_TOLERANCE.
  const key = (r: Row) => JSON.stringify(columns.map((c) => rounded(r[c], 6)));
  return rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c]])) as Row)
    .map((r) => ({ r, k: key(r) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0)).map(({ r }) => r);
}

/** Rows equal, floats within FLOAT_TOLERANCE; returns the first difference, or undefined. */
function firstDifference(a: readonly Row[], b: readonly Row[]): string | undefined {
  if (a.length !== b.length) return `row counts differ: duckdb ${a.length}, spark ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    for (const [column, x] of Object.entries(a[i])) {
      const y = b[i][column];
      const close = typeof x === 'number' && typeof y === 'number'
        ? Math.abs(x - y) <= FLOAT_TOLERANCE * Math.max(1, Math.abs(x), Math.abs(y))
        : JSON.stringify(comparable(x)) === JSON.stringify(comparable(y));
      if (!close) return `row ${i} column ${column}: duckdb ${JSON.stringify(x)}, spark ${JSON.stringify(y)} (duckdb row ${JSON.stringify(a[i])}, spark row ${JSON.stringify(b[i])})`;
    }
  }
  return undefined;
}

describe.skipIf(!up)('the pipeline on DuckDB and on Spark', () => {
  let duck: DuckDbEngine;
  let spark: SparkEngine;
  const runs: Record<'duckdb' | 'spark', { status: number | null; stdout: string; stderr: string }> = {} as never;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'marquee-cross-'));
    const input = join(dir, 'data');
    const generated = await marquee('generate', '--out', input, '--scale', '0.01', '--seed', '5');
    expect(generated.status, generated.stderr).toBe(0);
    const common = ['run', '--input', input, '--through', 'gold', '--full-refresh'];
    runs.duckdb = await marquee(...common, '--warehouse', join(dir, 'wh-duckdb'));
    runs.spark = await marquee(...common, '--warehouse', join(dir, 'wh-spark'), '--engine', 'spark', '--spark-url', SPARK_URL);
    duck = await DuckDbEngine.open({ path: join(dir, 'wh-duckdb', 'marquee.duckdb') });
    spark = await SparkEngine.connect(SPARK_URL);
  }, 30 * 60_000);

  afterAll(async () => {
    await duck?.close();
    await spark?.close();
  });

  it('runs to the end on both engines', () => {
    expect(runs.duckdb.status, runs.duckdb.stderr).toBe(0);
    expect(runs.spark.status, runs.spark.stderr).toBe(0);
  });

  it('builds the same tables with the same columns', async () => {
    for (const layer of LAYERS) {
      const names = async (e: Engine) => (await e.listTables(layer)).map((t) => t.table_name).filter((t) => !t.includes('__')).sort();
      const duckTables = await names(duck);
      expect(duckTables.length).toBeGreaterThan(0);
      // The cluster's catalog outlives a run (tables of later layers, e.g. ML outputs in gold, may
      // remain from earlier runs), so every table DuckDB built must exist on Spark, not only those.
      expect(await names(spark), layer).toEqual(expect.arrayContaining(duckTables));
      for (const table of duckTables) {
        const columns = async (e: Engine) => (await e.listColumns(`${layer}.${table}`)).map((c) => c.column_name);
        expect(await columns(spark), `${layer}.${table}`).toEqual(await columns(duck));
      }
    }
  }, 10 * 60_000);

  it.each(LAYERS)('fills every %s table with the same rows and values', async (layer) => {
    const tables = (await duck.listTables(layer)).map((t) => t.table_name).sort();
    const differences: string[] = [];
    for (const table of tables) {
      const qualified = `${layer}.${table}`;
      const columns = (await duck.listColumns(qualified)).map((c) => c.column_name).filter((c) => !VOLATILE_COLUMNS.has(c));
      const difference = firstDifference(await tableRows(duck, qualified, columns), await tableRows(spark, qualified, columns));
      if (difference) differences.push(`${qualified}: ${difference}`);
    }
    expect(differences).toEqual([]);
  }, 10 * 60_000);

  it('records the same check results (names, passed and failed counts)', async () => {
    const checks = async (e: Engine) => {
      const [run] = await e.query<{ run_id: string }>(`SELECT run_id FROM meta.runs ORDER BY started_at DESC LIMIT 1`);
      const rows = await e.query(`SELECT layer, dataset, check_name, action, passed, passed_records, failed_records
        FROM meta.check_results WHERE run_id = '${run.run_id}'`);
      return rows.map((r) => comparable(r) as Row).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    };
    const duckChecks = await checks(duck);
    expect(duckChecks.length).toBeGreaterThan(100);
    expect(await checks(spark)).toEqual(duckChecks);
  }, 5 * 60_000);

  it('quarantines the same lines for the same reasons', async () => {
    const quarantined = async (e: Engine) => {
      const out: Row[] = [];
      for (const { table_name: t } of await e.listTables('quarantine')) {
        if (/__/.test(t)) continue;
        for (const r of await e.query(`SELECT layer, line_number, reason_code, reason, raw_line FROM quarantine.${t}`)) out.push({ t, ...r });
      }
      return out.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    };
    expect(await quarantined(spark)).toEqual(await quarantined(duck));
  }, 5 * 60_000);
});

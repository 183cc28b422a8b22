// Bronze on Spark quarantines the same lines, with the same reasons and line numbers, as on DuckDB,
// and loads the same rows: the good fixtures with five bad files laid over them (bad values,
// field counts, an unclosed quote, blank lines, reordered columns; one file per source table).
// Needs a Spark Connect server (see pipeline.test.ts); writes the cluster's bronze/quarantine schemas.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { SparkEngine } from '../../src/engine/spark/engine.js';
import type { Engine, Row } from '../../src/engine/engine.js';
import { SOURCE_TABLES } from '../../src/contracts/index.js';
import { SPARK_URL, sparkIsUp } from '../engine/helpers/spark.js';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures');
/** `marquee ...` as a child process, awaited without blocking the test worker (a run takes minutes on Spark). */
const marquee = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      join(root, 'node_modules', '.bin', 'tsx'),
      [join(root, 'src', 'cli', 'main.ts'), ...args],
      { cwd: root, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' }, timeout: 15 * 60_000, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });

/** One bad case per source table (test/fixtures/bad/README.md). */
const CASES = ['bad-values', 'field-count', 'bad-quoting', 'blank-lines', 'reordered'];
/** When and under which batch a row was written: differs between any two runs. */
const VOLATILE = new Set(['_batch_id', '_ingested_at', 'run_id', 'batch_id', 'quarantined_at']);

const up = await sparkIsUp();

async function rows(engine: Engine, table: string): Promise<string[]> {
  const columns = (await engine.listColumns(table)).map((c) => c.column_name).filter((c) => !VOLATILE.has(c));
  const out = await engine.query(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM ${table}`);
  return out.map((r: Row) => JSON.stringify(columns.map((c) => r[c]))).sort();
}

describe.skipIf(!up)('bronze on bad input: DuckDB and Spark agree', () => {
  let duck: DuckDbEngine;
  let spark: SparkEngine;
  let input: string;
  const runs: Record<string, Awaited<ReturnType<typeof marquee>>> = {};

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'marquee-cross-bad-'));
    input = join(dir, 'input');
    mkdirSync(input);
    for (const f of readdirSync(join(fixtures, 'good'))) copyFileSync(join(fixtures, 'good', f), join(input, f));
    for (const c of CASES) for (const f of readdirSync(join(fixtures, 'bad', c))) copyFileSync(join(fixtures, 'bad', c, f), join(input, f));
    const common = ['run', '--input', input, '--through', 'bronze', '--full-refresh'];
    runs.duckdb = await marquee(...common, '--warehouse', join(dir, 'wh-duckdb'));
    runs.spark = await marquee(...common, '--warehouse', join(dir, 'wh-spark'), '--engine', 'spark', '--spark-url', SPARK_URL);
    duck = await DuckDbEngine.open({ path: join(dir, 'wh-duckdb', 'marquee.duckdb') });
    spark = await SparkEngine.connect(SPARK_URL);
  }, 20 * 60_000);

  afterAll(async () => {
    await duck?.close();
    await spark?.close();
  });

  it('ends the same way on both engines', () => {
    expect(runs.spark.status, runs.spark.stderr).toBe(runs.duckdb.status);
  });

  it.each(SOURCE_TABLES)(
    'loads and quarantines the same %s lines',
    async (table) => {
      const quarantine = await rows(duck, `quarantine.${table}`);
      expect(await rows(spark, `bronze.${table}`)).toEqual(await rows(duck, `bronze.${table}`));
      expect(await rows(spark, `quarantine.${table}`)).toEqual(quarantine);
    },
    5 * 60_000,
  );

  it('quarantined what the bad cases contain (so the comparison is not vacuous)', async () => {
    const codes = await duck.query(`SELECT reason_code, count(*) AS n FROM (
      SELECT reason_code FROM quarantine.users UNION ALL SELECT reason_code FROM quarantine.watch_history
      UNION ALL SELECT reason_code FROM quarantine.reviews UNION ALL SELECT reason_code FROM quarantine.search_logs)
      GROUP BY reason_code ORDER BY reason_code`);
    expect(codes.map((r) => r.reason_code)).toEqual([
      'BAD_BOOLEAN',
      'BAD_DATE',
      'BAD_FLOAT',
      'BAD_INTEGER',
      'BAD_QUOTING',
      'BAD_TIMESTAMP',
      'FIELD_COUNT',
      'OUT_OF_RANGE',
    ]);
  });
});

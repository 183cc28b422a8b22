// The whole pipeline on DuckDB and on Spark (through Spark Connect) must give the same warehouse:
// every bronze, silver, gold and ml table equal (same columns, same rows, floats within tolerance;
// the ML steps are seeded and read their inputs in a fixed order), the same check outcomes, and
// the same dashboard figures (the Spark side's read from `marquee report --engine spark`'s
// snapshot). Runs when a Spark Connect server answers at MARQUEE_SPARK_URL (start one with
// scripts/spark/start.sh); MARQUEE_TEST_SPARK=1 makes a missing server a failure.
// The Spark side DROPS and rebuilds the cluster's warehouse schemas (bronze, silver, gold, ml,
// quarantine, meta: Spark's catalog has one set): never point it at a cluster you care about.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { SparkEngine } from '../../src/engine/spark/engine.js';
import type { Engine, Row } from '../../src/engine/engine.js';
import { SCHEMAS } from '../../src/warehouse/schema.js';
import { SPARK_URL, sparkIsUp } from '../engine/helpers/spark.js';
import { comparable, firstDifference, tableRows, withoutVolatileJson } from './compare.js';
import { figureDifferences, pageFigures, qualityFigures } from './report-figures.js';
import { RUN_SPECIFIC_COLUMNS } from '../reliability/helpers.js';

const root = join(import.meta.dirname, '..', '..');
/** Both warehouses pseudonymise with one key (each would otherwise make its own), so silver compares equal. */
const CROSS_ENGINE_KEY = 'cross-engine-suite-pseudonym-key';
/** `marquee ...` as a child process, awaited without blocking the test worker (a run takes minutes on Spark). */
const marquee = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      join(root, 'node_modules', '.bin', 'tsx'),
      [join(root, 'src', 'cli', 'main.ts'), ...args],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, TZ: 'UTC', MARQUEE_PSEUDONYM_KEY: CROSS_ENGINE_KEY },
        timeout: 25 * 60_000,
        maxBuffer: 64 << 20,
      },
      (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });

/** The layers compared table by table. */
const LAYERS = ['bronze', 'silver', 'gold', 'ml'] as const;

/**
 * Columns that legitimately differ between two runs (on any engine): when and under which run or
 * batch a row was written, and how long a model took to fit. Every other column must be equal.
 */
const VOLATILE_COLUMNS = new Set([
  // Load times, run and batch ids (history validity and snapshots are load times when a file name holds no month).
  ...RUN_SPECIFIC_COLUMNS,
  'checked_at',
  'ingested_at',
  'trained_at',
  'fit_seconds',
]);

const up = await sparkIsUp();

describe.skipIf(!up)('the pipeline on DuckDB and on Spark', () => {
  let duck: DuckDbEngine;
  let spark: SparkEngine;
  type Outcome = { status: number | null; stdout: string; stderr: string };
  const runs: Record<'duckdb' | 'spark', Outcome> = {} as never;
  const reports: Record<'duckdb' | 'spark', Outcome> = {} as never;
  let warehouses: Record<'duckdb' | 'spark', string>;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'marquee-cross-'));
    const input = join(dir, 'data');
    const generated = await marquee('generate', '--out', input, '--scale', '0.01', '--seed', '5');
    expect(generated.status, generated.stderr).toBe(0);
    // Both warehouses start empty: the cluster's catalog outlives runs (meta history, ML history
    // tables, tables of other suites), the DuckDB side is a new folder.
    spark = await SparkEngine.connect(SPARK_URL);
    for (const schema of SCHEMAS) await spark.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    const common = ['run', '--input', input, '--full-refresh'];
    runs.duckdb = await marquee(...common, '--warehouse', join(dir, 'wh-duckdb'));
    runs.spark = await marquee(...common, '--warehouse', join(dir, 'wh-spark'), '--engine', 'spark', '--spark-url', SPARK_URL);
    reports.duckdb = await marquee('report', '--warehouse', join(dir, 'wh-duckdb'));
    reports.spark = await marquee('report', '--warehouse', join(dir, 'wh-spark'), '--engine', 'spark', '--spark-url', SPARK_URL);
    warehouses = { duckdb: join(dir, 'wh-duckdb'), spark: join(dir, 'wh-spark') };
    duck = await DuckDbEngine.open({ path: join(dir, 'wh-duckdb', 'marquee.duckdb') });
  }, 40 * 60_000);

  afterAll(async () => {
    await duck?.close();
    await spark?.close();
  });

  it('runs to the end on both engines', () => {
    expect(runs.duckdb.status, runs.duckdb.stderr).toBe(0);
    expect(runs.spark.status, runs.spark.stderr).toBe(0);
  });

  it(
    'builds the same tables with the same columns',
    async () => {
      for (const layer of LAYERS) {
        const names = async (e: Engine) =>
          (await e.listTables(layer))
            .map((t) => t.table_name)
            .filter((t) => !t.includes('__'))
            .sort();
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
    },
    10 * 60_000,
  );

  it.each(LAYERS)(
    'fills every %s table with the same rows and values',
    async (layer) => {
      const tables = (await duck.listTables(layer)).map((t) => t.table_name).sort();
      const differences: string[] = [];
      for (const table of tables) {
        const qualified = `${layer}.${table}`;
        const columns = (await duck.listColumns(qualified)).map((c) => c.column_name).filter((c) => !VOLATILE_COLUMNS.has(c));
        const rows = async (e: Engine) => (await tableRows(e, qualified, columns)).map(withoutVolatileJson);
        const difference = firstDifference(await rows(duck), await rows(spark));
        if (difference) differences.push(`${qualified}: ${difference}`);
      }
      expect(differences).toEqual([]);
    },
    10 * 60_000,
  );

  it(
    'records the same check results (names, passed and failed counts)',
    async () => {
      const checks = async (e: Engine) => {
        const [run] = await e.query<{ run_id: string }>(`SELECT run_id FROM meta.runs ORDER BY started_at DESC LIMIT 1`);
        const rows = await e.query(`SELECT layer, dataset, check_name, action, passed, passed_records, failed_records
        FROM meta.check_results WHERE run_id = '${run.run_id}'`);
        return rows.map((r) => comparable(r) as Row).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
      };
      const duckChecks = await checks(duck);
      expect(duckChecks.length).toBeGreaterThan(100);
      expect(await checks(spark)).toEqual(duckChecks);
    },
    5 * 60_000,
  );

  it(
    'quarantines the same lines for the same reasons',
    async () => {
      const quarantined = async (e: Engine) => {
        const out: Row[] = [];
        for (const { table_name: t } of await e.listTables('quarantine')) {
          if (/__/.test(t)) continue;
          for (const r of await e.query(`SELECT layer, line_number, reason_code, reason, raw_line FROM quarantine.${t}`))
            out.push({ t, ...r });
        }
        return out.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
      };
      expect(await quarantined(spark)).toEqual(await quarantined(duck));
    },
    5 * 60_000,
  );
  it('writes the report from the Spark warehouse through a local snapshot', () => {
    expect(reports.duckdb.status, reports.duckdb.stderr).toBe(0);
    expect(reports.spark.status, reports.spark.stderr).toBe(0);
    expect(reports.spark.stdout).toMatch(/Copied \d+ tables \([\d,]+ rows\) from Spark into .*spark-snapshot\/marquee\.duckdb/);
    expect(reports.spark.stdout).toMatch(/Wrote .*dashboard\.html/);
  });

  it(
    'shows the same figures on every dashboard page',
    async () => {
      const duckFigures = await pageFigures(duck);
      const snapshot = await DuckDbEngine.open({ path: join(warehouses.spark, 'spark-snapshot', 'marquee.duckdb'), readOnly: true });
      const sparkFigures = await pageFigures(snapshot).finally(() => snapshot.close());
      // The pages must really hold figures, from every layer including ml.
      const ok = Object.values(duckFigures).filter((v) => (v as { status: string }).status === 'ok');
      expect(ok.length).toBeGreaterThan(40);
      expect(figureDifferences(duckFigures, sparkFigures)).toEqual([]);
    },
    5 * 60_000,
  );
  it('writes the same quality report (gold.quality_report) on both engines', () => {
    const duckReport = qualityFigures(join(warehouses.duckdb, 'reports', 'quality.json'));
    expect(JSON.stringify(duckReport)).toMatch(/"dataset":"gold\./);
    expect(figureDifferences(duckReport, qualityFigures(join(warehouses.spark, 'reports', 'quality.json')))).toEqual([]);
  });
});

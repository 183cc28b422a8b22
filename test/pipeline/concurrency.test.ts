// `marquee run --concurrency N` must build exactly what the one-at-a-time run builds: the same data
// set through gold twice, with a concurrency of 1 and of 3, compared table by table (every bronze,
// quarantine, silver and gold table, and the meta tables that hold results rather than timings).
// Likewise the ML layer run in worker threads (`--threads 2`) and in the main thread (`--threads 1`).
import { cpSync, mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, marquee, RUN_SPECIFIC_COLUMNS, tempDir, warehouseChecksums } from '../reliability/helpers.js';
import { runCli } from '../helpers/cli.js';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import {
  defaultConcurrency,
  inputCsvBytes,
  SMALL_DATA_CONCURRENCY,
  SMALL_INPUT_BYTES,
  SMALL_WAREHOUSE_BYTES,
} from '../../src/cli/concurrency.js';
import { warehouseDbPath } from '../../src/warehouse/layout.js';

// Two warehouses compared row by row must share one pseudonym key (each would otherwise make its own).
const ENV = { MARQUEE_PSEUDONYM_KEY: 'concurrency-test-shared-pseudonym-key' };
// Columns that say when, not what: batch ids, load and check times, durations.
const WHEN: string[] = [
  ...RUN_SPECIFIC_COLUMNS,
  'checked_at',
  'dropped_batch_id',
  'surviving_batch_id',
  'old_batch_id',
  'new_batch_id',
  'ingested_at',
  'duration_ms',
];
const RESULT_TABLES = ['check_results', 'dedup_log', 'change_log', 'column_profiles', 'imputation_log', 'ingestions'];

describe('concurrent steps', () => {
  let root: string;
  beforeAll(async () => {
    root = tempDir('concurrency');
    await generate(join(root, 'data'), 0.03, 11);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a run with --concurrency 3 writes the same tables as a run with --concurrency 1', async () => {
    const sums: Record<string, string>[] = [];
    const metaSums: Record<string, string>[] = [];
    for (const concurrency of ['1', '3']) {
      const warehouse = join(root, `w${concurrency}`);
      const args = ['run', '--input', join(root, 'data'), '--warehouse', warehouse, '--through', 'gold', '--concurrency', concurrency];
      const r = await runCli(args, { env: ENV, timeoutMs: 580_000 });
      expect(r.status, r.stderr).toBe(0);
      // Doubles to 6 decimals: DuckDB's parallel sums may differ in the last bits from run to run
      // whatever the concurrency (two runs with --concurrency 1 at scale 1 do).
      sums.push(await warehouseChecksums(warehouse, ['bronze', 'quarantine', 'silver', 'gold'], WHEN, 6));
      // The profiles of load-time columns (snapshot_at ...) profile load times: left out like the columns.
      const engine = await DuckDbEngine.open({ path: join(warehouse, 'marquee.duckdb') });
      try {
        await engine.exec(`DELETE FROM meta.column_profiles WHERE column_name IN (${WHEN.map((c) => `'${c}'`).join(', ')})`);
      } finally {
        await engine.close();
      }
      const meta = await warehouseChecksums(warehouse, ['meta'], WHEN, 6);
      metaSums.push(Object.fromEntries(RESULT_TABLES.map((t) => [t, meta[`meta.${t}`]])));
    }
    expect(Object.keys(sums[0]).length).toBeGreaterThan(40);
    expect(sums[1]).toEqual(sums[0]);
    expect(metaSums[1]).toEqual(metaSums[0]);
  }, 600_000);

  it('the ML steps in worker threads side by side write the same tables as one by one in the main thread', async () => {
    // From the gold warehouse the first test built: the ml layer (and the gold steps that wait for it) twice.
    const built = join(root, 'w1');
    const sums: Record<string, string>[] = [];
    for (const threads of ['1', '2']) {
      const warehouse = join(root, `ml-threads${threads}`);
      cpSync(built, warehouse, { recursive: true });
      const args = ['run', '--input', join(root, 'data'), '--warehouse', warehouse, '--select', 'ml+', '--threads', threads];
      const r = await runCli(args, { env: ENV, timeoutMs: 580_000 });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/ok ml\.recommend/);
      // A card's JSON holds its training time; its verdict columns are compared.
      sums.push(await warehouseChecksums(warehouse, ['ml', 'gold'], [...WHEN, 'trained_at', 'fit_seconds', 'card_json'], 6));
      // --threads bounds the ML steps at once, whatever --concurrency (3 by default on this small set).
      expect(r.stdout).toMatch(/runner: up to 3 steps of a layer side by side/);
      expect(await mostMlStepsAtOnce(warehouse)).toBe(Number(threads));
    }
    expect(Object.keys(sums[0]).filter((t) => t.startsWith('ml.')).length).toBeGreaterThan(5);
    expect(sums[1]).toEqual(sums[0]);
  }, 600_000);

  it('refuses a concurrency below 1', async () => {
    const r = await marquee(['run', '--input', join(root, 'data'), '--warehouse', join(root, 'w0'), '--concurrency', '0'], ENV);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--concurrency must be at least 1, got '0'/);
  });

  it('`run` and `start` run several steps at once on a small data set, one on a large one, unless told; a concurrency below 1 is refused', async () => {
    for (const command of ['run', 'start']) {
      const help = await marquee([command, '--help'], ENV);
      expect(help.status).toBe(0);
      expect(help.stdout.replace(/\s+/g, ' ')).toMatch(
        /--concurrency <n> run up to N independent (SQL )?steps of a layer at once, .*\(default 3 /,
      );
    }
    const r = await marquee(['start', '--input', join(root, 'data'), '--warehouse', join(root, 'ws0'), '--concurrency', '0'], ENV);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--concurrency must be at least 1, got '0'/);

    // The run says what it chose and on what sizes.
    const small = await marquee(['run', '--input', join(root, 'data'), '--warehouse', join(root, 'ws1'), '--through', 'bronze'], ENV);
    expect(small.status).toBe(0);
    expect(small.stdout).toMatch(/runner: up to 3 steps of a layer side by side \(input \d+ MB of CSV, warehouse 0 MB: a small data set/);
    const told = await marquee(
      ['run', '--input', join(root, 'data'), '--warehouse', join(root, 'ws1'), '--through', 'bronze', '--concurrency', '1'],
      ENV,
    );
    expect(told.status).toBe(0);
    expect(told.stdout).not.toMatch(/side by side|one step at a time/);
  });
});

/** The most ML steps of the warehouse's last run that were running at one moment (from meta.step_runs). */
async function mostMlStepsAtOnce(warehouse: string): Promise<number> {
  const engine = await DuckDbEngine.open({ path: join(warehouse, 'marquee.duckdb'), readOnly: true });
  try {
    const steps = await engine.query<{ started: number; finished: number }>(`
      SELECT epoch_ms(started_at) AS started, epoch_ms(started_at) + duration_ms AS finished FROM meta.step_runs
      WHERE layer = 'ml' AND run_id = (SELECT max(run_id) FROM meta.step_runs)`);
    expect(steps.length).toBeGreaterThan(5);
    // At each step's start, how many steps were running (a step that ended as another started does not count).
    return Math.max(
      ...steps.map((a) => steps.filter((b) => Number(b.started) <= Number(a.started) && Number(b.finished) > Number(a.started)).length),
    );
  } finally {
    await engine.close();
  }
}

describe('the default concurrency', () => {
  const config = (input: string, warehouse: string) => ({ engine: 'duckdb' as const, input, warehouse });

  it('is 3 under 64 MB of input CSV and a warehouse file under 256 MB, else 1, and 1 on Spark', () => {
    const dir = tempDir('concurrency-default');
    try {
      const input = join(dir, 'in');
      const warehouse = join(dir, 'w');
      mkdirSync(input);
      mkdirSync(warehouse);
      // Sparse files: the sizes are what counts, not the contents.
      writeFileSync(join(input, 'users.csv'), '');
      truncateSync(join(input, 'users.csv'), SMALL_INPUT_BYTES - 1);
      writeFileSync(join(input, 'notes.txt'), '');
      truncateSync(join(input, 'notes.txt'), SMALL_INPUT_BYTES * 4);
      expect(inputCsvBytes(input)).toBe(SMALL_INPUT_BYTES - 1);
      expect(defaultConcurrency(config(input, warehouse))).toMatchObject({ concurrency: SMALL_DATA_CONCURRENCY });
      expect(SMALL_DATA_CONCURRENCY).toBe(3);

      writeFileSync(join(input, 'movies.csv'), 'x');
      expect(defaultConcurrency(config(input, warehouse))).toEqual({
        concurrency: 1,
        reason: 'one step at a time (input 64 MB of CSV, warehouse 0 MB: a large data set; --concurrency sets it)',
      });

      rmSync(join(input, 'movies.csv'));
      writeFileSync(warehouseDbPath(warehouse), '');
      truncateSync(warehouseDbPath(warehouse), SMALL_WAREHOUSE_BYTES);
      expect(defaultConcurrency(config(input, warehouse)).concurrency).toBe(1);
      truncateSync(warehouseDbPath(warehouse), SMALL_WAREHOUSE_BYTES - 1);
      expect(defaultConcurrency(config(input, warehouse)).concurrency).toBe(3);

      expect(defaultConcurrency(config(join(dir, 'absent'), join(dir, 'absent-too'))).concurrency).toBe(3);
      expect(defaultConcurrency({ engine: 'spark', input, warehouse })).toEqual({ concurrency: 1, reason: 'one step at a time on spark' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

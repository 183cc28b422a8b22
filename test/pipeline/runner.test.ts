import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/runner.js';
import { check, model, runOptions, tsStep, withEngine, writeModels } from './fixtures.js';

const statuses = async (engine: import('../../src/engine/engine.js').Engine) =>
  Object.fromEntries(
    (await engine.query<{ step: string; status: string }>(`SELECT step, status FROM meta.step_runs WHERE run_id = 'r1'`)).map((r) => [
      r.step,
      r.status,
    ]),
  );

const tempTables = async (engine: import('../../src/engine/engine.js').Engine) =>
  (await engine.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_name LIKE '%__tmp_%'`)).map(
    (r) => r.t,
  );

describe('runner', () => {
  it('runs every step in order and records runs, step runs and lineage', async () => {
    await withEngine(async (engine, warehouse) => {
      const dir = writeModels({
        ...model('silver.users', `SELECT user_id, age FROM {{ source('users') }}`, [
          check({ name: 'id_unique', kind: 'unique', dataset: 'silver.users', column: 'user_id', action: 'fail' }),
        ]),
        ...model(
          'gold.by_decade',
          `SELECT CAST(floor(age / 10) AS INTEGER) AS decade, count(*) AS n FROM {{ ref('silver.users') }} GROUP BY 1`,
        ),
      });
      const summary = await runPipeline(runOptions(engine, warehouse, dir));
      expect(summary.status).toBe('ok');
      expect(summary.steps.map((s) => [s.name, s.status])).toEqual([
        ['bronze.load', 'ok'],
        ['silver.users', 'ok'],
        ['silver.row_conservation', 'ok'],
        ['gold.by_decade', 'ok'],
      ]);
      expect(summary.checks).toEqual({ passed: 2, warned: 0, dropped: 0, failed: 0 }); // id_unique + row conservation of users
      const runs = await engine.query(
        `SELECT run_id, status, selection, engine, as_of_date, finished_at IS NOT NULL AS finished FROM meta.runs`,
      );
      expect(runs).toEqual([{ run_id: 'r1', status: 'ok', selection: 'all', engine: 'duckdb', as_of_date: '2025-10-01', finished: true }]);
      const steps = await engine.query(`SELECT step, layer, status, rows_in, rows_out FROM meta.step_runs ORDER BY started_at, step`);
      expect(steps).toContainEqual({ step: 'silver.users', layer: 'silver', status: 'ok', rows_in: 5, rows_out: 5 });
      expect(steps).toContainEqual({ step: 'gold.by_decade', layer: 'gold', status: 'ok', rows_in: 5, rows_out: 5 });
      expect(await engine.query(`SELECT upstream, downstream, kind FROM meta.lineage ORDER BY kind, upstream, downstream`)).toEqual([
        { upstream: 'bronze.users', downstream: 'silver.users', kind: 'feeds' },
        { upstream: 'silver.users', downstream: 'gold.by_decade', kind: 'feeds' },
        { upstream: 'silver.users:id_unique', downstream: 'silver.users', kind: 'guards' },
        // Checks only known from meta.check_results (here the conservation check) are guards too.
        { upstream: 'silver.users:row_conservation', downstream: 'silver.users', kind: 'guards' },
      ]);
      const lineage = JSON.parse(readFileSync(join(warehouse, 'reports', 'lineage.json'), 'utf8'));
      expect(lineage.nodes.map((n: { name: string }) => n.name)).toEqual(['bronze.load', 'silver.users', 'gold.by_decade']);
      expect(await tempTables(engine)).toEqual([]);
    });
  });

  it('keeps the previous table when a rebuild fails, and skips what is downstream', async () => {
    await withEngine(async (engine, warehouse) => {
      const dir = writeModels({
        ...model('silver.users', `SELECT user_id, age FROM {{ source('users') }}`),
        ...model('gold.adults', `SELECT * FROM {{ ref('silver.users') }} WHERE age >= 18`),
      });
      expect((await runPipeline(runOptions(engine, warehouse, dir, { runId: 'r0' }))).status).toBe('ok');
      writeModels(model('silver.users', `SELECT user_id, no_such_column FROM {{ source('users') }}`), dir);
      const summary = await runPipeline(runOptions(engine, warehouse, dir));
      expect(summary.status).toBe('failed');
      expect(summary.failures[0]).toMatch(/silver[/\\]users\.sql: .*no_such_column/);
      expect(await statuses(engine)).toEqual({ 'bronze.load': 'ok', 'silver.users': 'failed', 'gold.adults': 'skipped' });
      expect(await engine.query('SELECT count(*) AS n FROM silver.users')).toEqual([{ n: 5 }]);
      expect(await tempTables(engine)).toEqual([]);
      expect(await engine.query(`SELECT status FROM meta.runs WHERE run_id = 'r1'`)).toEqual([{ status: 'failed' }]);
    });
  });

  it('a failing `fail` check blocks downstream steps and names the check', async () => {
    await withEngine(async (engine, warehouse) => {
      const dir = writeModels({
        ...model('silver.users', `SELECT user_id, age FROM {{ source('users') }}`, [
          check({ name: 'age_plausible', kind: 'range', dataset: 'silver.users', column: 'age', action: 'fail', params: { max: 120 } }),
        ]),
        ...model('gold.adults', `SELECT * FROM {{ ref('silver.users') }} WHERE age >= 18`),
        ...model('gold.ids', `SELECT user_id FROM {{ ref('gold.adults') }}`),
        ...model('silver.other', `SELECT count(*) AS n FROM {{ source('users') }}`),
      });
      const summary = await runPipeline(runOptions(engine, warehouse, dir));
      expect(summary.status).toBe('failed');
      expect(summary.failures).toEqual([`check 'age_plausible' (range, action fail) on silver.users failed: 1 failing records, e.g. u3`]);
      expect(await statuses(engine)).toEqual({
        'bronze.load': 'ok',
        'silver.other': 'ok',
        'silver.users': 'failed',
        'gold.adults': 'skipped',
        'gold.ids': 'skipped',
      });
      expect(summary.checks.failed).toBe(1);
      // The table was never published.
      expect(
        await engine.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'silver' AND table_name = 'users'`),
      ).toEqual([{ n: 0 }]);
    });
  });

  it('drop checks move rows to quarantine and conservation holds', async () => {
    await withEngine(async (engine, warehouse) => {
      const dir = writeModels(
        model('silver.users', `SELECT user_id, age FROM {{ source('users') }}`, [
          check({
            name: 'age_plausible',
            kind: 'range',
            dataset: 'silver.users',
            column: 'age',
            action: 'drop',
            reasonCode: 'AGE_OUT_OF_RANGE',
            params: { min: 13, max: 120 },
          }),
        ]),
      );
      const summary = await runPipeline(runOptions(engine, warehouse, dir));
      expect(summary.status).toBe('ok');
      expect(await engine.query('SELECT user_id FROM silver.users ORDER BY user_id')).toEqual([
        { user_id: 'u1' },
        { user_id: 'u2' },
        { user_id: 'u4' },
      ]);
      expect(await engine.query(`SELECT layer, reason_code, row_json FROM quarantine.users ORDER BY row_json`)).toEqual([
        { layer: 'silver', reason_code: 'AGE_OUT_OF_RANGE', row_json: '{"user_id":"u3","age":150}' },
        { layer: 'silver', reason_code: 'AGE_OUT_OF_RANGE', row_json: '{"user_id":"u5","age":10}' },
      ]);
      expect(await engine.query(`SELECT passed, sample FROM meta.check_results WHERE check_name = 'row_conservation'`)).toEqual([
        { passed: true, sample: '["users: bronze 5 = silver 3 + deduplicated 0 + superseded by updates 0 + quarantined 2"]' },
      ]);
    });
  });

  it("counts this run's dedup_log rows towards conservation and fails on rows that vanish", async () => {
    await withEngine(async (engine, warehouse) => {
      const dedup = tsStep(
        'silver.dedup_log',
        'silver',
        ['meta.dedup_log'],
        ['bronze.users'],
        `INSERT INTO meta.dedup_log (run_id, dataset, rule, key_value) VALUES ('r1', 'users', 'exact_row', 'u5'), ('r0', 'users', 'exact_row', 'u4')`,
      );
      const dir = writeModels({
        // Drops u5 as a "duplicate" (logged) and u3 silently: one row vanishes.
        ...model('silver.users', `SELECT user_id, age FROM {{ source('users') }} WHERE user_id NOT IN ('u3', 'u5')`),
        ...model('gold.adults', `SELECT * FROM {{ ref('silver.users') }}`),
      });
      const { bronzeLoad } = await import('./fixtures.js');
      const summary = await runPipeline(runOptions(engine, warehouse, dir, { tsSteps: [bronzeLoad, dedup] }));
      expect(summary.status).toBe('failed');
      expect(summary.failures).toEqual([
        'row conservation: users: bronze 5 != silver 3 + deduplicated 1 + superseded by updates 0 + quarantined 0 (-1 rows)',
      ]);
      expect(await statuses(engine)).toMatchObject({ 'silver.users': 'ok', 'silver.row_conservation': 'failed', 'gold.adults': 'skipped' });
    });
  });

  it('runs only the selection and leaves the rest alone', async () => {
    await withEngine(async (engine, warehouse) => {
      const dir = writeModels({
        ...model('silver.users', `SELECT user_id, age FROM {{ source('users') }}`),
        ...model('gold.adults', `SELECT * FROM {{ ref('silver.users') }} WHERE age >= 18`),
      });
      await runPipeline(runOptions(engine, warehouse, dir, { runId: 'r0', through: 'silver' }));
      expect(await engine.query(`SELECT step FROM meta.step_runs WHERE run_id = 'r0' ORDER BY step`)).toEqual([
        { step: 'bronze.load' },
        { step: 'silver.row_conservation' },
        { step: 'silver.users' },
      ]);
      const summary = await runPipeline(runOptions(engine, warehouse, dir, { select: 'gold+' }));
      expect(summary.steps.map((s) => s.name)).toEqual(['gold.adults']);
      expect(await engine.query('SELECT count(*) AS n FROM gold.adults')).toEqual([{ n: 4 }]); // ages 25, 40, 150, 33
      expect(existsSync(join(warehouse, 'reports', 'lineage.json'))).toBe(true);
    });
  });
});

describe('runner with TypeScript steps', () => {
  it('a throwing TS step fails, skips its dependents, and passes progress and logs to the reporter', async () => {
    await withEngine(async (engine, warehouse) => {
      const events: string[] = [];
      const reporter = {
        runStarted: () => {},
        stepStarted: (n: string) => events.push(`start ${n}`),
        stepProgress: (n: string, done: number, total?: number) => events.push(`progress ${n} ${done}/${total}`),
        stepFinished: (r: { name: string; status: string }) => events.push(`${r.status} ${r.name}`),
        log: (n: string, m: string) => events.push(`log ${n} ${m}`),
        runFinished: () => {},
      };
      const flaky: import('../../src/pipeline/step.js').TsStep = {
        kind: 'ts',
        name: 'silver.flaky',
        layer: 'silver',
        description: 'fails',
        deps: ['bronze.users'],
        produces: ['silver.flaky_out'],
        async run(ctx) {
          ctx.progress(2, 4);
          throw new Error('disk on fire');
        },
      };
      const dir = writeModels(model('gold.after', `SELECT * FROM {{ ref('silver.flaky_out') }}`));
      const { bronzeLoad } = await import('./fixtures.js');
      const summary = await runPipeline(runOptions(engine, warehouse, dir, { tsSteps: [bronzeLoad, flaky], reporter }));
      expect(summary.failures).toEqual(['silver.flaky: disk on fire']);
      expect(events).toEqual([
        'start bronze.load',
        'log bronze.load bronze.load ran',
        'ok bronze.load',
        'start silver.flaky',
        'progress silver.flaky 2/4',
        'failed silver.flaky',
        'skipped gold.after',
      ]);
      expect(await engine.query(`SELECT message FROM meta.step_runs WHERE step = 'gold.after'`)).toEqual([
        { message: 'skipped: upstream silver.flaky failed' },
      ]);
    });
  });

  it('re-running the same input gives the same tables', async () => {
    await withEngine(async (engine, warehouse) => {
      const dir = writeModels(
        model('silver.users', `SELECT user_id, age FROM {{ source('users') }}`, [
          check({ name: 'age_plausible', kind: 'range', dataset: 'silver.users', column: 'age', action: 'drop', params: { max: 120 } }),
        ]),
      );
      await runPipeline(runOptions(engine, warehouse, dir, { runId: 'r0' }));
      const first = await engine.query('SELECT * FROM silver.users ORDER BY user_id');
      // As if a run had been killed mid-build: its temp table is dropped by the next run.
      await engine.exec('CREATE TABLE silver.users__tmp_rdead AS SELECT 1 AS x');
      const second = await runPipeline(runOptions(engine, warehouse, dir));
      expect(second.status).toBe('ok');
      expect(await engine.query('SELECT * FROM silver.users ORDER BY user_id')).toEqual(first);
      expect(await tempTables(engine)).toEqual([]);
      expect(await engine.query(`SELECT run_id, count(*) AS n FROM quarantine.users GROUP BY run_id ORDER BY run_id`)).toEqual([
        { run_id: 'r0', n: 1 },
        { run_id: 'r1', n: 1 },
      ]);
    });
  });
});

// Each layer publishes as one unit: a failure anywhere in gold keeps every gold table at its
// previous version, while silver (which succeeded) goes live.
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/runner.js';
import { check, model, runOptions, tsStep, withEngine, writeModels } from './fixtures.js';

const bronzeWith = (rows: string) =>
  tsStep(
    'bronze.load',
    'bronze',
    ['bronze.users'],
    [],
    `CREATE OR REPLACE TABLE bronze.users AS SELECT * FROM (VALUES ${rows}) AS t(user_id, age)`,
  );

describe('layer publishing', () => {
  it('a failing gold step leaves all of gold at its previous version; silver publishes', async () => {
    await withEngine(async (engine, warehouse) => {
      const dir = writeModels({
        ...model('silver.users', `SELECT user_id, age FROM {{ source('users') }}`),
        ...model('gold.adults', `SELECT count(*) AS n FROM {{ ref('silver.users') }} WHERE age >= 18`),
        ...model('gold.total', `SELECT count(*) AS n FROM {{ ref('silver.users') }}`, [
          check({ name: 'at_most_3', kind: 'range', dataset: 'gold.total', column: 'n', action: 'fail', params: { max: 3 } }),
        ]),
      });
      const first = await runPipeline(runOptions(engine, warehouse, dir, { runId: 'r0', tsSteps: [bronzeWith(`('u1', 25), ('u2', 40)`)] }));
      expect(first.status).toBe('ok');
      expect(await engine.query('SELECT (SELECT n FROM gold.adults) AS adults, (SELECT n FROM gold.total) AS total')).toEqual([
        { adults: 2, total: 2 },
      ]);

      // Two more adults: gold.adults builds fine (3) but gold.total's fail check (4 > 3) fails.
      const events: string[] = [];
      const reporter = {
        runStarted() {},
        stepStarted() {},
        stepProgress() {},
        stepFinished() {},
        runFinished() {},
        log: (_: string, m: string) => events.push(m),
      };
      const second = await runPipeline(
        runOptions(engine, warehouse, dir, { tsSteps: [bronzeWith(`('u1', 25), ('u2', 40), ('u3', 30), ('u4', 50)`)], reporter }),
      );
      expect(second.status).toBe('failed');
      const steps = Object.fromEntries(second.steps.map((s) => [s.name, s.status]));
      expect(steps).toMatchObject({ 'silver.users': 'ok', 'gold.adults': 'ok', 'gold.total': 'failed' });
      // Silver went live; gold.adults was rebuilt but not published: no mix of old and new gold.
      expect(await engine.query('SELECT count(*) AS n FROM silver.users')).toEqual([{ n: 4 }]);
      expect(await engine.query('SELECT (SELECT n FROM gold.adults) AS adults, (SELECT n FROM gold.total) AS total')).toEqual([
        { adults: 2, total: 2 },
      ]);
      expect(events).toContain(
        'gold was not published (gold.total did not succeed); its previous version stays: 1 rebuilt table(s) discarded (gold.adults)',
      );
      expect(await engine.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name LIKE '%__tmp_%'`)).toEqual([
        { n: 0 },
      ]);

      // Fixed (a fresh folder: a model's .meta.ts is imported once per process): the next run publishes the whole layer.
      const fixed = writeModels({
        ...model('silver.users', `SELECT user_id, age FROM {{ source('users') }}`),
        ...model('gold.adults', `SELECT count(*) AS n FROM {{ ref('silver.users') }} WHERE age >= 18`),
        ...model('gold.total', `SELECT count(*) AS n FROM {{ ref('silver.users') }}`),
      });
      const third = await runPipeline(
        runOptions(engine, warehouse, fixed, { runId: 'r2', tsSteps: [bronzeWith(`('u1', 25), ('u2', 40), ('u3', 30), ('u4', 50)`)] }),
      );
      expect(third.status).toBe('ok');
      expect(await engine.query('SELECT (SELECT n FROM gold.adults) AS adults, (SELECT n FROM gold.total) AS total')).toEqual([
        { adults: 4, total: 4 },
      ]);
    });
  });

  it('a failed silver step keeps all of silver and skips gold, which reads no half-new silver', async () => {
    await withEngine(async (engine, warehouse) => {
      const dir = writeModels({
        ...model('silver.users', `SELECT user_id, age FROM {{ source('users') }}`),
        ...model('silver.ages', `SELECT age FROM {{ source('users') }}`),
        ...model('gold.total', `SELECT count(*) AS n FROM {{ ref('silver.users') }}`),
      });
      expect((await runPipeline(runOptions(engine, warehouse, dir, { runId: 'r0', tsSteps: [bronzeWith(`('u1', 25)`)] }))).status).toBe(
        'ok',
      );
      writeModels(model('silver.ages', `SELECT no_such_column FROM {{ source('users') }}`), dir);
      const second = await runPipeline(runOptions(engine, warehouse, dir, { tsSteps: [bronzeWith(`('u1', 25), ('u2', 40)`)] }));
      expect(second.status).toBe('failed');
      const steps = Object.fromEntries(second.steps.map((s) => [s.name, [s.status, s.message ?? '']]));
      expect(steps['silver.users'][0]).toBe('ok');
      expect(steps['gold.total']).toEqual([
        'skipped',
        'skipped: silver was not published (silver.ages did not succeed); its previous version stays',
      ]);
      expect(await engine.query('SELECT count(*) AS n FROM silver.users')).toEqual([{ n: 1 }]);
      expect(await engine.query('SELECT n FROM gold.total')).toEqual([{ n: 1 }]);
    });
  });
});

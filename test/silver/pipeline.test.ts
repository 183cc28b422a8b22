// The silver layer through the real runner on a small generated data set: every silver step runs,
// row conservation holds for all six tables, checks and the imputation log are recorded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ingestAll } from '../../src/bronze/run.js';
import { CONTRACTS } from '../../src/contracts/index.js';
import { generateDataset } from '../../src/generate/index.js';
import { MODEL_MACROS, modelVars, runHooks } from '../../src/cli/registry.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import type { TsStep } from '../../src/pipeline/step.js';
import { silverSteps } from '../../src/silver/index.js';
import { goldSteps } from '../../src/gold/index.js';
import { mlSteps } from '../../src/ml/index.js';

// Gold and ML steps only complete the graph (gold models read ML step outputs); the run stops at silver.
const laterSteps = [...goldSteps, ...mlSteps];
import { IMPUTATIONS } from '../../src/silver/imputation-strategies.js';
import { freshEngine } from './fixtures.js';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'marquee-silver-'));
  await generateDataset({ out: join(dir, 'data'), scale: 0.02, seed: 7 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bronzeStep(input: string): TsStep {
  return {
    kind: 'ts',
    name: 'bronze.ingest',
    layer: 'bronze',
    description: 'Ingest the generated CSVs (test wrapper around ingestAll).',
    deps: [],
    produces: CONTRACTS.map((c) => `bronze.${c.name}`),
    async run(ctx) {
      const loaded = await ingestAll(ctx.engine, { ...ctx.config, input }, ctx.runId);
      return { rowsOut: loaded.reduce((a, l) => a + l.rowsLoaded, 0) };
    },
  };
}

describe('silver through the runner', () => {
  it('builds every silver table with row conservation on generated data', async () => {
    const engine = await freshEngine();
    const config = loadConfig({ warehouse: join(dir, 'wh'), input: join(dir, 'data') });
    const summary = await runPipeline({
      engine,
      config,
      tsSteps: [bronzeStep(config.input), ...silverSteps, ...laterSteps],
      through: 'silver',
      runId: 'r1',
      macros: MODEL_MACROS,
      vars: modelVars(config),
      hooks: runHooks(),
    });
    expect(summary.failures).toEqual([]);
    expect(summary.status).toBe('ok');
    const conservation = await engine.query(
      `SELECT dataset, passed FROM meta.check_results WHERE run_id = 'r1' AND check_name = 'row_conservation' ORDER BY dataset`,
    );
    expect(conservation).toEqual(
      CONTRACTS.map((c) => ({ dataset: `silver.${c.name}`, passed: true })).sort((a, b) => a.dataset.localeCompare(b.dataset)),
    );
    const [dups] = await engine.query(`SELECT count(*) AS n FROM meta.dedup_log WHERE run_id = 'r1'`);
    expect(Number(dups.n)).toBeGreaterThan(0);
    const [users] = await engine.query(`SELECT count(*) AS n, count(DISTINCT user_id) AS k FROM silver.users`);
    expect(users.n).toBe(users.k);
    const logged = await engine.query(`SELECT count(*) AS n FROM meta.imputation_log WHERE run_id = 'r1'`);
    expect(logged[0].n).toBe(IMPUTATIONS.length);
    const flagged = await engine.query(
      `SELECT check_name, failed_records FROM meta.check_results WHERE run_id = 'r1' AND check_name = 'session_after_signup'`,
    );
    expect(flagged).toHaveLength(1);
    await engine.close();
  });
});

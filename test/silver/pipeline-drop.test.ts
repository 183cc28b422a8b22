// A rule's action switched to drop through MARQUEE_SILVER_ACTIONS (read when the model meta files
// load, which happens inside this test file's own worker): the runner moves the flagged sessions to
// quarantine.watch_history and row conservation still holds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
import { freshEngine } from './fixtures.js';

process.env.MARQUEE_SILVER_ACTIONS = 'SESSION_BINGE=drop';
const dir = mkdtempSync(join(tmpdir(), 'marquee-silver-drop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bronzeStep = (input: string): TsStep => ({
  kind: 'ts',
  name: 'bronze.ingest',
  layer: 'bronze',
  description: 'Ingest the generated CSVs (test wrapper).',
  deps: [],
  produces: CONTRACTS.map((c) => `bronze.${c.name}`),
  async run(ctx) {
    await ingestAll(ctx.engine, { ...ctx.config, input }, ctx.runId);
    return {};
  },
});

describe('drop action through the runner', () => {
  it('quarantines binge sessions and keeps conservation', async () => {
    await generateDataset({ out: join(dir, 'data'), scale: 0.03, seed: 11 });
    const engine = await freshEngine();
    const config = loadConfig({ warehouse: join(dir, 'wh'), input: join(dir, 'data') });
    const [bronzeBinge] = await (async () => {
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
      return engine.query(`SELECT count(DISTINCT session_id) AS n FROM bronze.watch_history WHERE watch_duration_minutes > 300`);
    })();
    expect(Number(bronzeBinge.n)).toBeGreaterThan(0);
    const [q] = await engine.query(
      `SELECT count(*) AS n, min(reason_code) AS code, max(reason_code) AS code2 FROM quarantine.watch_history WHERE run_id = 'r1' AND layer = 'silver'`,
    );
    expect(q).toEqual({ n: bronzeBinge.n, code: 'SESSION_BINGE', code2: 'SESSION_BINGE' });
    const [left] = await engine.query(`SELECT count(*) AS n FROM silver.watch_history WHERE is_binge`);
    expect(left.n).toBe(0);
    const [c] = await engine.query(
      `SELECT passed FROM meta.check_results WHERE run_id = 'r1' AND check_name = 'row_conservation' AND dataset = 'silver.watch_history'`,
    );
    expect(c.passed).toBe(true);
    await engine.close();
  });
});

// Small generated data sets built through gold with the real CLI, for the end-to-end tests of the
// ML use-case steps (recommend, sentiment, search intent, forecast). Each test file builds its own copy in a temp folder (~5-10 s per set).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config.js';
import { DuckDbEngine } from '../../../src/engine/duckdb/engine.js';
import type { StepContext } from '../../../src/pipeline/step.js';
import { runCliOk } from '../../helpers/cli.js';

export interface Fixture {
  input: string;
  warehouse: string;
  ctx(engine: DuckDbEngine, logs?: string[]): StepContext;
  open(): Promise<DuckDbEngine>;
}

export async function buildFixture(signal: 'realistic' | 'none', scale = 0.3, seed = 7): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), `marquee-ml-${signal}-`));
  const input = join(dir, 'data');
  const warehouse = join(dir, 'wh');
  await runCliOk(['generate', '--out', input, '--scale', String(scale), '--seed', String(seed), '--signal', signal, '--force'], {
    timeoutMs: 600_000,
  });
  await runCliOk(['run', '--input', input, '--warehouse', warehouse, '--through', 'gold'], { timeoutMs: 600_000 });
  const config = loadConfig({ input, warehouse, seed });
  return {
    input,
    warehouse,
    open: () => DuckDbEngine.open({ path: join(warehouse, 'marquee.duckdb') }),
    ctx: (engine, logs = []) => ({
      engine,
      config,
      runId: `test_${signal}`,
      progress: () => {},
      log: (m) => {
        logs.push(m);
      },
    }),
  };
}

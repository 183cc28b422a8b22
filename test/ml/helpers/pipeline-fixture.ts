// Small generated data sets built through gold with the real CLI, for the end-to-end tests of the
// ML use-case steps (recommend, sentiment, search intent, forecast). Each test file builds its own copy in a temp folder (~5-10 s per set).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../../src/config.js';
import { DuckDbEngine } from '../../../src/engine/duckdb/engine.js';
import type { StepContext } from '../../../src/pipeline/step.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

function cli(args: string[]): void {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (r.status !== 0) throw new Error(`marquee ${args.join(' ')} failed (${r.status}):\n${r.stderr}\n${r.stdout}`);
}

export interface Fixture {
  input: string;
  warehouse: string;
  ctx(engine: DuckDbEngine, logs?: string[]): StepContext;
  open(): Promise<DuckDbEngine>;
}

export function buildFixture(signal: 'realistic' | 'none', scale = 0.3, seed = 7): Fixture {
  const dir = mkdtempSync(join(tmpdir(), `marquee-ml-${signal}-`));
  const input = join(dir, 'data');
  const warehouse = join(dir, 'wh');
  cli(['generate', '--out', input, '--scale', String(scale), '--seed', String(seed), '--signal', signal, '--force']);
  cli(['run', '--input', input, '--warehouse', warehouse, '--through', 'gold']);
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

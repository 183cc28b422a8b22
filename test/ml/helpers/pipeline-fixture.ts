// Small generated data sets built through gold with the real CLI, for the end-to-end tests of the
// ML use-case steps (recommend, sentiment, search intent, forecast). Each test file builds its own copy in a temp folder (~5-10 s per set).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../../src/config.js';
import { DuckDbEngine } from '../../../src/engine/duckdb/engine.js';
import type { StepContext } from '../../../src/pipeline/step.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

const CLI = ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts')];
const failed = (args: string[], status: number | null, stderr: string, stdout: string) =>
  new Error(`marquee ${args.join(' ')} failed (${status}):\n${stderr}\n${stdout}`);

function cli(args: string[]): void {
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) throw failed(args, r.status, r.stderr, r.stdout);
}

/**
 * The CLI without blocking the test worker: a synchronous child that runs for over a minute on a
 * loaded machine starves vitest's worker RPC ("Timeout calling onTaskUpdate").
 */
function cliAsync(args: string[], timeoutMs = 600_000): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      if (status === 0) resolvePromise();
      else reject(failed(args, status, stderr, stdout));
    });
  });
}

export interface Fixture {
  input: string;
  warehouse: string;
  ctx(engine: DuckDbEngine, logs?: string[]): StepContext;
  open(): Promise<DuckDbEngine>;
}

function fixtureCommands(signal: 'realistic' | 'none', scale: number, seed: number) {
  const dir = mkdtempSync(join(tmpdir(), `marquee-ml-${signal}-`));
  const input = join(dir, 'data');
  const warehouse = join(dir, 'wh');
  return {
    input,
    warehouse,
    commands: [
      ['generate', '--out', input, '--scale', String(scale), '--seed', String(seed), '--signal', signal, '--force'],
      ['run', '--input', input, '--warehouse', warehouse, '--through', 'gold'],
    ],
  };
}

export function buildFixture(signal: 'realistic' | 'none', scale = 0.3, seed = 7): Fixture {
  const { input, warehouse, commands } = fixtureCommands(signal, scale, seed);
  for (const c of commands) cli(c);
  return fixture(signal, input, warehouse, seed);
}

/** buildFixture with the CLI run asynchronously (the test worker stays responsive). */
export async function buildFixtureAsync(signal: 'realistic' | 'none', scale = 0.3, seed = 7): Promise<Fixture> {
  const { input, warehouse, commands } = fixtureCommands(signal, scale, seed);
  for (const c of commands) await cliAsync(c);
  return fixture(signal, input, warehouse, seed);
}

function fixture(signal: 'realistic' | 'none', input: string, warehouse: string, seed: number): Fixture {
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

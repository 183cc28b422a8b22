// A writer waits, bounded and saying so, for a reader (the dashboard opens the file read-only per
// request) to let go of the warehouse database, and gives up with one line naming the holder.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openEngine } from '../../src/engine/open.js';
import { ROOT, tempDir } from './helpers.js';

/** A child process that opens the database read-only, says so, and holds it for `holdMs`. */
function holdReadOnly(file: string, holdMs: number): Promise<{ pid: number; done: Promise<void> }> {
  const script = `import { DuckDbEngine } from ${JSON.stringify(join(ROOT, 'src', 'engine', 'duckdb', 'engine.ts'))};
    const e = await DuckDbEngine.open({ path: ${JSON.stringify(file)}, readOnly: true });
    process.stdout.write('open\\n');
    await new Promise((r) => setTimeout(r, ${holdMs}));
    await e.close();`;
  return new Promise((resolveOpen, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const done = new Promise<void>((r) => child.on('close', () => r()));
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('open')) resolveOpen({ pid: child.pid!, done });
    });
    void done.then(() => reject(new Error(`reader ended before opening: ${err}`)));
  });
}

describe('a writer and a reader of the warehouse', () => {
  it('the writer waits for the reader to let go, saying so once', async () => {
    const warehouse = tempDir('reader-wait');
    const config = loadConfig({ warehouse });
    (await openEngine(config)).close();
    const reader = await holdReadOnly(join(warehouse, 'marquee.duckdb'), 1500);
    const lines: string[] = [];
    const started = Date.now();
    const engine = await openEngine(config, { log: (l) => lines.push(l), waitMs: 20_000 });
    await engine.close();
    expect(Date.now() - started).toBeGreaterThan(200);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `waiting up to 20 s for process ${reader.pid} \\(.*\\) to let go of .*marquee\\.duckdb \\(a dashboard or another reader has it open\\)`,
      ),
    );
    await reader.done;
  }, 60_000);

  it('gives up after the bound with one line naming the process', async () => {
    const warehouse = tempDir('reader-wait');
    const config = loadConfig({ warehouse });
    (await openEngine(config)).close();
    const reader = await holdReadOnly(join(warehouse, 'marquee.duckdb'), 4000);
    await expect(openEngine(config, { waitMs: 500 })).rejects.toThrow(
      new RegExp(
        `the warehouse database .*marquee\\.duckdb stayed open in process ${reader.pid} \\(.*\\) for 0.5 s; close the program holding it`,
      ),
    );
    await reader.done;
  }, 60_000);
});

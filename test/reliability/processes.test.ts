// Processes and locks: a SIGKILLed run is marked 'abandoned' by the next one, which ends with the same
// tables as an uninterrupted run; SIGTERM stops a run at a safe point as 'cancelled'; a second writer is
// told which PID is writing; and `marquee run` succeeds while a dashboard server is being polled.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/dashboard/server.js';
import { RUN_LOCK_FILE } from '../../src/pipeline/run-lock.js';
import { generate, marquee, ROOT, runAndKillAt, tempDir, warehouseChecksums, withWarehouse, RUN_SPECIFIC_COLUMNS } from './helpers.js';

// The runs compared table by table here must share one pseudonym key: each warehouse otherwise
// makes its own (src/silver/pseudonym-key.ts), and the silver pseudonyms would differ by design.
process.env.MARQUEE_PSEUDONYM_KEY = 'reliability-processes-shared-pseudonym-key';

const SCHEMAS = ['bronze', 'silver', 'quarantine'];
const RUN_SPECIFIC = RUN_SPECIFIC_COLUMNS;
const CLI = ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts')];

/** Start `marquee run` paused at `point`; resolves with the child once it reports the pause. */
function startPaused(
  args: readonly string[],
  point: string,
): Promise<{ child: ChildProcess; output: () => string; exited: Promise<{ code: number | null; signal: string | null }> }> {
  return new Promise((resolvePaused, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, MARQUEE_TEST_PAUSE_AT: point },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<{ code: number | null; signal: string | null }>((r) =>
      child.on('close', (code, signal) => r({ code, signal })),
    );
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no pause at ${point}:\n${output}`));
    }, 120_000);
    const watch = (d: Buffer) => {
      output += d.toString();
      if (output.includes(`marquee-test-paused ${point}`)) {
        clearTimeout(timer);
        resolvePaused({ child, output: () => output, exited });
      }
    };
    child.stdout!.on('data', watch);
    child.stderr!.on('data', watch);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`run ended before ${point}:\n${output}`));
    });
  });
}

describe('processes and locks', () => {
  let root: string;
  let input: string;
  let baseline: Record<string, string>;
  beforeAll(async () => {
    root = tempDir('processes');
    input = join(root, 'data');
    await generate(input, 0.02, 5);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const runArgs = (warehouse: string) => ['run', '--input', input, '--warehouse', warehouse, '--through', 'silver'];

  it('an uninterrupted run gives the baseline', async () => {
    const warehouse = join(root, 'baseline');
    const r = await marquee(runArgs(warehouse));
    expect(r.status, r.stderr).toBe(0);
    baseline = await warehouseChecksums(warehouse, SCHEMAS, RUN_SPECIFIC);
    expect(Object.keys(baseline)).toContain('silver.watch_history');
    expect(existsSync(join(warehouse, RUN_LOCK_FILE))).toBe(false);
  }, 180_000);

  it('SIGKILL mid-run: the next run marks it abandoned, takes over its stale lock and ends with the uninterrupted tables', async () => {
    const warehouse = join(root, 'killed');
    await runAndKillAt(runArgs(warehouse), 'after:silver.users');
    expect(existsSync(join(warehouse, RUN_LOCK_FILE))).toBe(true); // left behind by the killed process
    const killedRun = await withWarehouse(warehouse, (e) =>
      e.query<{ run_id: string; status: string }>(`SELECT run_id, status FROM meta.runs`),
    );
    expect(killedRun.map((r) => r.status)).toEqual(['running']);
    const next = await marquee(runArgs(warehouse));
    expect(next.status, next.stderr).toBe(0);
    expect(next.stdout).toMatch(new RegExp(`marked 1 earlier run\\(s\\) abandoned .*${killedRun[0].run_id}`));
    const runs = await withWarehouse(warehouse, (e) =>
      e.query<{ run_id: string; status: string; message: string | null }>(
        `SELECT run_id, status, message FROM meta.runs ORDER BY started_at`,
      ),
    );
    expect(runs.map((r) => [r.run_id, r.status])).toEqual([
      [killedRun[0].run_id, 'abandoned'],
      [runs[1].run_id, 'ok'],
    ]);
    expect(runs[0].message).toMatch(/process ended before the run finished/);
    expect(await warehouseChecksums(warehouse, SCHEMAS, RUN_SPECIFIC)).toEqual(baseline);
  }, 240_000);

  it('SIGKILL in the middle of an append run: the rerun loads the appended lines once and equals an uninterrupted append run', async () => {
    const appended = join(root, 'appended');
    cpSync(input, appended, { recursive: true });
    const args = (warehouse: string) => ['run', '--input', appended, '--warehouse', warehouse, '--through', 'silver'];
    const clean = join(root, 'append-clean');
    const killed = join(root, 'append-killed');
    for (const warehouse of [clean, killed]) expect((await marquee(args(warehouse))).status).toBe(0);
    const file = join(appended, 'watch_history.csv');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    // 50 new sessions: copies of existing lines under new keys.
    appendFileSync(
      file,
      lines
        .slice(1, 51)
        .map((l, i) => l.replace(/^session_\d+/, `session_${String(900_000 + i)}`))
        .join('\n') + '\n',
    );
    const uninterrupted = await marquee(args(clean));
    expect(uninterrupted.status, uninterrupted.stderr).toBe(0);
    expect(uninterrupted.stdout).toMatch(/only lines \d+\.\.\d+ are loaded/);
    await runAndKillAt(args(killed), 'before-swap:bronze.watch_history');
    const rerun = await marquee(args(killed));
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(await warehouseChecksums(killed, SCHEMAS, RUN_SPECIFIC)).toEqual(await warehouseChecksums(clean, SCHEMAS, RUN_SPECIFIC));
    const loaded = await withWarehouse(killed, (e) =>
      e.query<{ n: number }>(`SELECT count(*) AS n FROM bronze.watch_history WHERE session_id LIKE 'session_9000%'`),
    );
    expect(loaded).toEqual([{ n: 50 }]);
  }, 300_000);

  it('a second writer is refused with the PID of the run writing; SIGTERM then stops that run at a safe point as cancelled', async () => {
    const warehouse = join(root, 'two-writers');
    const first = await startPaused(runArgs(warehouse), 'after:bronze.movies');
    try {
      const second = await marquee(runArgs(warehouse));
      expect(second.status).toBe(2);
      expect(second.stderr.trim().split('\n')).toEqual([
        `marquee: error: another run (PID ${first.child.pid}) is writing this warehouse (${warehouse}); wait for it to finish, or stop it with kill -TERM ${first.child.pid}`,
      ]);
      first.child.kill('SIGTERM');
      const ended = await first.exited;
      expect(ended.code).toBe(143);
      expect(first.output()).toMatch(/run r\w+ cancelled: cancelled by SIGTERM before \S+; \d+ step\(s\) not run/);
    } finally {
      first.child.kill('SIGKILL');
    }
    const runs = await withWarehouse(warehouse, (e) =>
      e.query<{ status: string; finished_at: unknown }>(`SELECT status, finished_at FROM meta.runs`),
    );
    expect(runs).toHaveLength(1);
    expect(runs[0].status).toBe('cancelled');
    expect(runs[0].finished_at).not.toBeNull();
    expect(existsSync(join(warehouse, RUN_LOCK_FILE))).toBe(false);
    // The steps finished before the signal stay published; the next run completes the rest.
    const next = await marquee(runArgs(warehouse));
    expect(next.status, next.stderr).toBe(0);
    expect(await warehouseChecksums(warehouse, SCHEMAS, RUN_SPECIFIC)).toEqual(baseline);
  }, 240_000);

  it('marquee run succeeds while a dashboard server on the same warehouse is being polled', async () => {
    const warehouse = join(root, 'baseline');
    const server = await startServer({ warehouse, port: 0 });
    const statuses: number[] = [];
    let running = true;
    const poll = (async () => {
      // Bounded: at most 2,000 requests, and only while the run lasts.
      for (let i = 0; i < 2000 && running; i++) {
        const response = await fetch(`${server.url}/api/page/data-quality`);
        statuses.push(response.status);
        await response.arrayBuffer();
      }
    })();
    try {
      const result = await new Promise<{ code: number | null; stderr: string; stdout: string }>((resolveRun) => {
        const child = spawn(process.execPath, [...CLI, ...runArgs(warehouse), '--full-refresh'], {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
        });
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
        });
        child.on('close', (code) => resolveRun({ code, stderr, stdout }));
      });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).not.toMatch(/internal error|Could not set lock/);
    } finally {
      running = false;
      await poll;
      await server.close();
    }
    // The dashboard answered throughout: pages while the file was free, 503 "being written" while the run held it, never a 500.
    expect(statuses.length).toBeGreaterThan(5);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(statuses).toContain(200);
  }, 240_000);
});

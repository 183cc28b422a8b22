// The real CLI (TypeScript sources through tsx) as a child process, awaited without blocking the test
// worker. spawnSync would freeze the worker's event loop for the whole run: vitest's worker -> main
// RPC (onTaskUpdate) times out after 60 s of that and reports an error although every test passed.
// Long runs (a pipeline through gold, the ML layer) therefore go through here.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..', '..');

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Added to this process's environment (or, with inheritEnv false, the whole environment). */
  env?: NodeJS.ProcessEnv;
  inheritEnv?: boolean;
  cwd?: string;
  /** Killed (SIGKILL) after this long; the result then has status null and signal SIGKILL. */
  timeoutMs?: number;
}

/** `marquee <args>` run from the sources; resolves when it exits, whatever its status. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return runProcess(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'cli', 'main.ts'), ...args], options);
}

/** Any command as a child process, awaited; resolves when it exits, whatever its status. */
export function runProcess(command: string, args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? REPO,
      env: options.inheritEnv === false ? options.env : { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolveRun({ status, signal, stdout, stderr });
    });
  });
}

/** `marquee <args>`, which must exit 0; otherwise throws with its output. */
export async function runCliOk(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const r = await runCli(args, options);
  if (r.status !== 0) throw new Error(`marquee ${args.join(' ')} exited ${r.status ?? r.signal}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

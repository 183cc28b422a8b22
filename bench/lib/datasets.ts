// Generated data sets for benchmarks, cached under bench/out/data/ (git-ignored) so a re-run does
// not regenerate: one folder per scale and seed, written by `marquee generate` in a child process.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONTRACTS } from '../../src/contracts/index.js';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
export const BENCH_OUT = join(REPO_ROOT, 'bench', 'out');
/**
 * How every child process runs `marquee`: the compiled program a user runs (bin/marquee.js over dist/,
 * `npm run build`), so no figure includes compiling TypeScript at start-up. It refuses a stale build.
 */
export const MARQUEE = [process.execPath, join(REPO_ROOT, 'bin', 'marquee.js')] as const;

export function datasetDir(scale: number, seed: number): string {
  return join(BENCH_OUT, 'data', `scale-${scale}-seed-${seed}`);
}

export function isComplete(dir: string): boolean {
  return CONTRACTS.every((c) => existsSync(join(dir, c.file)));
}

/** The cached data set, generated first when missing. Returns its folder and whether it was reused. */
export function ensureDataset(scale: number, seed: number, log: (line: string) => void): { dir: string; reused: boolean } {
  const dir = datasetDir(scale, seed);
  if (isComplete(dir)) return { dir, reused: true };
  log(`generating scale ${scale} (seed ${seed}) into ${dir} ...`);
  const [node, ...args] = MARQUEE;
  const r = spawnSync(node, [...args, 'generate', '--out', dir, '--scale', String(scale), '--seed', String(seed), '--force'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (r.status !== 0 || !isComplete(dir)) throw new Error(`marquee generate --scale ${scale} failed (exit ${r.status}):\n${r.stderr}`);
  return { dir, reused: false };
}

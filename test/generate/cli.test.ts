// `marquee generate` through the real CLI: bad input gives one clear line and a non-zero exit,
// and never leaves anything half-written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'marquee-generate-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(...args: string[]) {
  // Same as `npx tsx src/cli/main.ts generate ...`, minus npx's start-up time.
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'generate', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const stderr = r.stderr
    .split('\n')
    .filter((l) => l && !l.startsWith('npm warn'))
    .join('\n');
  return { status: r.status, stdout: r.stdout, stderr };
}

describe('marquee generate', () => {
  it.each([
    [['--bogus'], /unknown option '--bogus'/],
    [['--scale', '-1'], /--scale must be greater than 0, got '-1'/],
    [['--scale', '0'], /--scale must be greater than 0, got '0'/],
    [['--scale', 'abc'], /--scale expects a number, got 'abc'/],
    [['--signal', 'loud'], /argument 'loud' is invalid/],
  ])('rejects %j', (args, message) => {
    const out = join(work, 'rejected');
    const r = cli('--out', out, ...args);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a non-empty folder without --force and leaves it untouched', () => {
    const out = join(work, 'occupied');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.txt'), 'mine');
    const r = cli('--out', out, '--scale', '0.01');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is not empty \(use --force to replace it\)/);
    expect(readdirSync(out)).toEqual(['keep.txt']);
  });

  it('reports an unwritable output folder and leaves no temp folder behind', () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'x');
    const r = cli('--out', join(file, 'sub'), '--scale', '0.01');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^marquee: error: cannot .*a-file\/sub/);
    expect(readdirSync(work).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('writes a data set, and replaces it with --force', () => {
    const out = join(work, 'fresh');
    const first = cli('--out', out, '--scale', '0.01', '--seed', '3');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^Wrote 2,10\d rows \(scale 0\.01, seed 3, signal realistic\)/);
    expect(readdirSync(out).sort()).toEqual([
      'ground_truth.json',
      'movies.csv',
      'recommendation_logs.csv',
      'reviews.csv',
      'search_logs.csv',
      'users.csv',
      'watch_history.csv',
    ]);
    const second = cli('--out', out, '--scale', '0.01', '--signal', 'none', '--force');
    expect(second.status).toBe(0);
    expect(readdirSync(work).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});

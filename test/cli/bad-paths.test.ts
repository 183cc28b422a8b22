// `marquee run` refuses bad paths and dates with one clear line, exit code 2, no stack trace, and
// creates nothing: no warehouse folder, no database file.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const GOOD = join(root, 'test', 'fixtures', 'good');
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), 'run', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });

/** Exit 2 and exactly one line on stderr, matching `message`; nothing on stdout. */
function expectRefused(result: ReturnType<typeof run>, message: RegExp): void {
  expect(result.status, result.stderr).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^marquee: error: /);
  expect(lines[0]).toMatch(message);
  expect(result.stderr).not.toMatch(/internal error|    at /);
}

describe('marquee run: bad paths and dates', () => {
  it('an impossible --as-of date (2025-13-01, 2025-02-30)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marquee-paths-'));
    for (const date of ['2025-13-01', '2025-02-30', 'yesterday']) {
      expectRefused(
        run('--input', GOOD, '--warehouse', join(dir, 'wh'), '--as-of', date),
        new RegExp(`--as-of expects a real calendar date YYYY-MM-DD, got '${date}'`),
      );
    }
    expect(existsSync(join(dir, 'wh'))).toBe(false);
  });

  it('a missing input folder creates no warehouse', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marquee-paths-'));
    expectRefused(run('--input', join(dir, 'nowhere'), '--warehouse', join(dir, 'wh')), /input folder .*nowhere does not exist/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a warehouse path that is a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marquee-paths-'));
    writeFileSync(join(dir, 'wh'), 'not a folder');
    expectRefused(run('--input', GOOD, '--warehouse', join(dir, 'wh')), /--warehouse .*wh is a file; expected a folder/);
  });

  it('a warehouse on a read-only file system (/sys), new or existing', () => {
    expectRefused(
      run('--input', GOOD, '--warehouse', '/sys/marquee-warehouse'),
      /cannot create the warehouse folder \/sys\/marquee-warehouse: \/sys is not writable/,
    );
    expectRefused(run('--input', GOOD, '--warehouse', '/sys'), /the warehouse folder \/sys is not writable/);
  });

  it('a reports path that is not a folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marquee-paths-'));
    mkdirSync(join(dir, 'wh'));
    writeFileSync(join(dir, 'wh', 'reports'), '');
    expectRefused(
      run('--input', GOOD, '--warehouse', join(dir, 'wh')),
      /reports is a file; the quality and dashboard reports go into a folder there/,
    );
    expect(readdirSync(join(dir, 'wh'))).toEqual(['reports']);
  });

  it('--strict makes an unrecognised file in the landing folder fatal; without it the run lists it and goes on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marquee-paths-'));
    const input = join(dir, 'in');
    cpSync(GOOD, input, { recursive: true });
    writeFileSync(join(input, 'notes.csv'), 'a,b\n1,2\n');
    expectRefused(
      run('--input', input, '--warehouse', join(dir, 'wh'), '--strict', '--through', 'bronze'),
      /--strict: 1 file\(s\) in .* match no source table and were not loaded: .*notes\.csv \(a table's files are named <table>\.csv, <table>_\*\.csv or <table>\/\*\.csv/,
    );
    expect(existsSync(join(dir, 'wh'))).toBe(false);
    const lenient = run('--input', input, '--warehouse', join(dir, 'wh'), '--through', 'bronze');
    expect(lenient.status, lenient.stderr).toBe(0);
    expect(lenient.stdout).toMatch(/warning: 1 file\(s\) in .* match no source table and were not loaded: .*notes\.csv/);
  });
});

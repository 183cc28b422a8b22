// The benchmark's bookkeeping: RESULTS.md is shared, so a re-run replaces only its own section; flags
// parse into options or fail with a usage error naming the flag.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { replaceSection } from '../../bench/lib/results-file.js';
import { BenchUsageError, parseBenchArgs } from '../../bench/lib/args.js';
import { dataLines } from '../../bench/fuzz/run-case.js';
import { MUTATIONS, seededRandom } from '../../bench/fuzz/mutations.js';
import { tempDir } from './helpers.js';

describe('bench/RESULTS.md sections', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('appends a section once, then replaces only it, keeping what others wrote around it', () => {
    dir = tempDir('results');
    const file = join(dir, 'RESULTS.md');
    writeFileSync(file, '# Benchmark results\n\n## generate\n\nfigures A\n');
    replaceSection(file, 'bench:pipeline', 'first body');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n## bronze\n\nfigures B\n`);
    replaceSection(file, 'bench:pipeline', 'second body');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('figures A');
    expect(text).toContain('figures B');
    expect(text).toContain('second body');
    expect(text).not.toContain('first body');
    expect(text.match(/bench:pipeline:start/g)).toHaveLength(1);
    expect(text.indexOf('second body')).toBeLessThan(text.indexOf('figures B'));
  });
});

describe('bench flags', () => {
  it('parses scales, rounds and switches', () => {
    expect(parseBenchArgs(['--scales', '1,10', '--rounds', '3', '--keep-data', '--no-peer'])).toEqual({
      scales: [1, 10],
      rounds: 3,
      keepData: true,
      peer: false,
    });
    expect(parseBenchArgs([]).scales).toEqual([1, 10, 100]);
  });
  it('rejects a bad scale or flag with a usage error', () => {
    expect(() => parseBenchArgs(['--scales', '1,-2'])).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(['--scale', '1'])).toThrow(/unknown flag --scale/);
    expect(() => parseBenchArgs(['--rounds', '0'])).toThrow(/--rounds expects/);
  });
});

describe('fuzz helpers', () => {
  it('counts non-blank data lines as bronze does (CRLF, blank lines, no final newline)', () => {
    expect(dataLines(Buffer.from('h\na\n\nb\r\n\r\nc'))).toBe(3);
    expect(dataLines(Buffer.from('h\n'))).toBe(0);
    expect(dataLines(Buffer.alloc(0))).toBe(0);
  });
  it('mutations are deterministic for a seed and differ between seeds', () => {
    const base = Buffer.from(`a,b,c\n${Array.from({ length: 50 }, (_, i) => `${i},x${i},2024-01-0${(i % 9) + 1}`).join('\n')}\n`);
    for (const m of MUTATIONS) {
      expect(m.apply(base, seededRandom(5)).equals(m.apply(base, seededRandom(5))), m.name).toBe(true);
    }
    const truncated = MUTATIONS.find((m) => m.name === 'truncated_lines')!;
    expect(truncated.apply(base, seededRandom(1)).equals(truncated.apply(base, seededRandom(2)))).toBe(false);
  });
});

// Bad input through bronze: a fixed set of the fuzz mutations (bench/fuzz/mutations.ts), one per kind,
// each ingested on its own. Bronze must never crash: it refuses a file with a message naming it, or
// loads it with every line accounted for (read = loaded + quarantined = the file's data lines) and a
// reason on every quarantined line. The full fuzz is `npx tsx bench/fuzz-bronze.ts`.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTATIONS } from '../../bench/fuzz/mutations.js';
import { runFuzzCase } from '../../bench/fuzz/run-case.js';
import { generate, tempDir } from './helpers.js';

type Expected = 'refused' | 'clean' | 'quarantines' | 'either';
// What each mutation must lead to. 'clean' loads every line; 'quarantines' loads the file and sets at
// least one line aside; 'refused' stops before loading.
const CASES: Array<[mutation: string, table: string, seed: number, expected: Expected, message?: RegExp]> = [
  ['truncated_lines', 'recommendation_logs', 5874916, 'quarantines'],
  ['random_bytes', 'users', 694349366, 'either'],
  // Regression: a quote opening line 5 swallows 980 lines; DuckDB's line_byte_position points past it.
  ['random_bytes', 'recommendation_logs', 704495685, 'quarantines'],
  ['shuffled_columns', 'watch_history', 535180110, 'clean'],
  ['renamed_column', 'users', 1559298247, 'refused', /line 1/],
  ['huge_field', 'watch_history', 2136366008, 'quarantines'],
  // Regression: an unterminated quote swallowing more than DuckDB's 10,000-character reject text.
  ['unbalanced_quotes', 'watch_history', 1049664919, 'quarantines'],
  ['latin1_bytes', 'users', 867035281, 'quarantines'],
  ['thousands_separators', 'movies', 2124671977, 'quarantines'],
  ['other_date_format', 'search_logs', 863928150, 'quarantines'],
  ['empty_file', 'watch_history', 1, 'refused', /empty \(0 bytes\)/],
  ['header_only', 'reviews', 1, 'clean'],
  ['crlf', 'users', 1, 'clean'],
  ['bom', 'reviews', 1, 'clean'],
  ['wrong_delimiter', 'movies', 1, 'refused', /separated by ';'/],
  ['blank_lines', 'recommendation_logs', 1172702942, 'clean'],
  ['extra_field', 'search_logs', 414064979, 'quarantines'],
  ['no_final_newline', 'search_logs', 1, 'clean'],
  // Regression: DuckDB's reader fails on a bare CR; bronze now names the line instead of crashing.
  ['bare_carriage_return', 'recommendation_logs', 3, 'refused', /line \d+: a carriage return/],
  ['embedded_newline', 'users', 1453436271, 'refused', /line break inside a quoted field/],
];

describe('bad input through bronze', () => {
  let root: string;
  let base: string;
  beforeAll(async () => {
    root = tempDir('bad-input');
    base = join(root, 'base');
    await generate(base, 0.02, 42);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('covers every mutation kind', () => {
    expect([...new Set(CASES.map((c) => c[0]))].sort()).toEqual(MUTATIONS.map((m) => m.name).sort());
  });

  for (const [index, [name, table, seed, expected, message]] of CASES.entries()) {
    it(`${name} on ${table} (seed ${seed}): ${expected}`, async () => {
      const mutation = MUTATIONS.find((m) => m.name === name)!;
      const outcome = await runFuzzCase(base, { index, mutation, table, seed }, join(root, 'cases'));
      expect(outcome.held, `${outcome.outcome}: ${outcome.detail}`).toBe(true);
      if (expected === 'refused') expect(outcome.outcome).toBe('refused');
      if (expected === 'clean' || expected === 'quarantines') {
        expect(outcome.outcome).toBe('loaded');
        const quarantined = Number(/quarantined (\d+)/.exec(outcome.detail)![1]);
        if (expected === 'clean') expect(quarantined).toBe(0);
        else expect(quarantined).toBeGreaterThan(0);
      }
      if (message) expect(outcome.detail).toMatch(message);
    }, 60_000);
  }
});

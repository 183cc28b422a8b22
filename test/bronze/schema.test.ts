import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestAll } from '../../src/bronze/run.js';
import { UserError } from '../../src/errors.js';
import { checkHeader, closestColumn } from '../../src/bronze/header.js';
import { splitCsvLine } from '../../src/contracts/csv-line.js';
import { searchLogs } from '../../src/contracts/search_logs.js';
import { configFor, inputFolder, snapshot, withEngine } from './helpers.js';

/** Load the good fixtures, then try the bad case on the same warehouse: it must throw and change nothing. */
async function expectFatal(badCase: string, file: string, ...fragments: Array<string | RegExp>): Promise<string> {
  return withEngine(async (engine) => {
    const config = configFor(inputFolder());
    await ingestAll(engine, config, 'run-good');
    const before = await snapshot(engine);
    const input = inputFolder(badCase);
    let caught: unknown;
    try {
      await ingestAll(engine, { ...config, input }, 'run-bad');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserError);
    const message = (caught as Error).message;
    expect(message).toContain(join(input, file));
    for (const f of fragments) {
      if (typeof f === 'string') expect(message).toContain(f);
      else expect(message).toMatch(f);
    }
    expect(await snapshot(engine)).toBe(before);
    return message;
  });
}

describe('schema validation: fatal problems stop the run and leave the warehouse as it was', () => {
  it('an empty file', async () => {
    await expectFatal('empty-file', 'movies.csv', 'the file is empty (0 bytes); expected a header on line 1: movie_id,title,');
  });
  it('a missing column, even a nullable one', async () => {
    await expectFatal(
      'missing-column',
      'users.csv',
      "line 1: missing column 'gender' (position 6 in the contract, nullable but still required)",
    );
  });
  it('an extra column', async () => {
    await expectFatal(
      'extra-column',
      'users.csv',
      "line 1, column 17: unexpected column 'loyalty_tier'; the users contract has no such column",
    );
  });
  it('a renamed column, with the closest contract name suggested', async () => {
    await expectFatal(
      'renamed-column',
      'watch_history.csv',
      "line 1, column 6: unexpected column 'duration' (did you mean 'watch_duration_minutes'?)",
      "missing column 'watch_duration_minutes'",
    );
  });
  it('a duplicated header name', async () => {
    await expectFatal(
      'duplicate-header',
      'search_logs.csv',
      "line 1: column 'device_type' appears 2 times (columns 7, 11)",
      "missing column 'location_country'",
    );
  });
  it('a semicolon-separated file', async () => {
    await expectFatal('semicolon', 'users.csv', "line 1: fields are separated by ';', expected ','");
  });
  it('a tab-separated file', async () => {
    await expectFatal('tab', 'recommendation_logs.csv', "line 1: fields are separated by a tab, expected ','");
  });
  it('a file mixing LF and CRLF line ends', async () => {
    await expectFatal(
      'mixed-line-ends',
      'movies.csv',
      'line 4: mixed line ends: 1 line(s) end in CRLF (first: line 4) and 5 in LF (first: line 1)',
    );
  });
  it('a header that is not UTF-8', async () => {
    await expectFatal('non-utf8-header', 'movies.csv', 'line 1 (header) is not valid UTF-8');
  });
  it('a missing file', async () => {
    await withEngine(async (engine) => {
      const input = inputFolder();
      await expect(ingestAll(engine, { ...configFor(input), input: join(input, 'nowhere') }, 'run-1')).rejects.toThrow(
        /users\.csv: file not found/,
      );
    });
  });
  it('reports every broken file at once', async () => {
    await withEngine(async (engine) => {
      const input = inputFolder('semicolon');
      const { copyFileSync } = await import('node:fs');
      copyFileSync(join(import.meta.dirname, '../fixtures/bad/renamed-column/watch_history.csv'), join(input, 'watch_history.csv'));
      await expect(ingestAll(engine, configFor(input), 'run-1')).rejects.toThrow(
        /3 problem\(s\)[\s\S]*users\.csv[\s\S]*watch_history\.csv.*duration/,
      );
    });
  });
});

describe('header helpers', () => {
  it('splits quoted header fields', () => {
    expect(splitCsvLine('a,"b,c","d""e",')).toEqual(['a', 'b,c', 'd"e', '']);
  });
  it('suggests the closest contract column by edit distance', () => {
    expect(closestColumn('duration', ['watch_duration_minutes'], [])).toBe('watch_duration_minutes');
    expect(closestColumn('emial', ['email', 'age'], [])).toBe('email');
    expect(closestColumn('user_rating', [], ['user_id', 'user_rating'])).toBe('user_rating');
    expect(closestColumn('zzzzzz', ['age'], [])).toBeUndefined();
  });
});

describe('checkHeader on its own', () => {
  const names = searchLogs.columns.map((c) => c.name);
  const scanOf = (header: string) => ({
    path: 'f.csv',
    bytes: header.length + 1,
    sha256: '',
    modifiedAt: new Date(0),
    lineCount: 1,
    blankLines: [],
    crlfLines: 0,
    lfLines: 1,
    firstCrlfLine: 0,
    firstLfLine: 1,
    headerBytes: Buffer.from(header),
    hasBom: false,
    longLines: [],
  });

  it('accepts the contract header as is, with no warnings', () => {
    expect(checkHeader('f.csv', scanOf(names.join(',')), searchLogs)).toEqual({ fileColumns: names, errors: [], warnings: [] });
  });
  it('reads names with surrounding spaces, and warns', () => {
    const result = checkHeader('f.csv', scanOf(names.map((n, i) => (i === 2 ? ` ${n} ` : n)).join(',')), searchLogs);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      `f.csv: line 1, column 3: header name ' search_query ' has surrounding spaces; read as 'search_query'`,
    ]);
  });
  it('names an empty header field', () => {
    const result = checkHeader('f.csv', scanOf([...names, ''].join(',')), searchLogs);
    expect(result.errors).toEqual([expect.stringContaining('f.csv: line 1, column 12: empty column name')]);
  });
  it('recognises a pipe-separated header', () => {
    expect(checkHeader('f.csv', scanOf(names.join('|')), searchLogs).errors[0]).toContain(
      `line 1: fields are separated by '|', expected ','`,
    );
  });
  it('accepts quoted header names', () => {
    expect(checkHeader('f.csv', scanOf(names.map((n) => `"${n}"`).join(',')), searchLogs).fileColumns).toEqual(names);
  });
});

import { describe, expect, it } from 'vitest';
import { lineOfRecord, lineSegments, rejectedLines } from '../../../src/engine/csv/line-map.js';

/** Brute force: walk the lines, skipping excluded ones. */
function bruteForce(records: number, excluded: Set<number>): number[] {
  const lines: number[] = [];
  for (let line = 2; lines.length < records; line++) if (!excluded.has(line)) lines.push(line);
  return lines;
}

describe('line map', () => {
  it('maps record order to line numbers around excluded lines (random cases against brute force)', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 200; trial++) {
      const records = 1 + Math.floor(rand() * 40);
      const excluded = new Set<number>();
      const total = records + Math.floor(rand() * 10);
      for (let line = 2; line <= total + 1; line++) if (rand() < 0.2) excluded.add(line);
      const segments = lineSegments(excluded);
      const expected = bruteForce(records, excluded);
      expect(Array.from({ length: records }, (_, i) => lineOfRecord(i, segments))).toEqual(expected);
    }
  });

  it('gives consecutive exclusions one segment', () => {
    expect(lineSegments([3, 4, 5])).toEqual([{ startIndex: 1, offset: 3 }]);
    expect(lineSegments([])).toEqual([]);
  });

  it('splits a multi-line reject into one quarantine entry per non-blank line it covers', () => {
    const entries = rejectedLines(
      [
        {
          line: 4,
          errorType: 'UNQUOTED VALUE',
          columnName: 'b',
          csvLine: '1,"x\n\n2,y,z\n',
          message: 'Value with unterminated quote found.',
        },
        { line: 9, errorType: 'TOO MANY COLUMNS', columnName: null, csvLine: '1,2,3,4', message: '' },
        { line: 9, errorType: 'INVALID ENCODING', columnName: 'a', csvLine: '1,2,3,4', message: '' },
      ],
      new Set([5]),
      ['a', 'b', 'c'],
    );
    expect(entries.map((e) => [e.line, e.reasonCode, e.rawLine])).toEqual([
      [4, 'BAD_QUOTING', '1,"x'],
      [6, 'BAD_QUOTING', '2,y,z'],
      [9, 'FIELD_COUNT', '1,2,3,4'],
    ]);
    expect(entries[2].reason).toBe("too many fields: found 4, expected 3; field 4 onwards has no column (last column is 'c')");
  });
});

describe('file scan cache', () => {
  it('reuses a scan of an unchanged file and rescans a rewritten one, even at the same size', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { scanFileCached } = await import('../../../src/bronze/file-scan.js');
    const path = join(mkdtempSync(join(tmpdir(), 'marquee-scan-')), 'x.csv');
    writeFileSync(path, 'a,b\n1,2\n');
    const first = await scanFileCached(path);
    expect(await scanFileCached(path)).toBe(first);
    writeFileSync(path, 'a,b\n3,4\n');
    const second = await scanFileCached(path);
    expect(second).not.toBe(first);
    expect(second.sha256).not.toBe(first.sha256);
    expect(second.bytes).toBe(first.bytes);
  });
});

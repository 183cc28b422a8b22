// Minimal reader for the generator's own CSVs in tests (RFC 4180 quoting, no embedded newlines,
// which the format forbids). Kept independent of the generator's code so the tests check it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Csv {
  header: string[];
  /** Raw lines after the header (for duplicate checks). */
  lines: string[];
  rows: string[][];
  col(name: string): string[];
}

export function parseLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quote in: ${line}`);
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(value);
      i++; // skip the comma
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? line.length : c;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

export function readCsv(dir: string, file: string): Csv {
  const text = readFileSync(join(dir, file), 'utf8');
  if (!text.endsWith('\n')) throw new Error(`${file}: does not end with a newline`);
  const all = text.slice(0, -1).split('\n');
  const header = all[0].split(',');
  const lines = all.slice(1);
  const rows = lines.map(parseLine);
  return {
    header,
    lines,
    rows,
    col(name: string) {
      const k = header.indexOf(name);
      if (k < 0) throw new Error(`${file}: no column ${name}`);
      return rows.map((r) => r[k]);
    },
  };
}

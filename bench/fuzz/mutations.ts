// Mutations of a well-formed source CSV, for the bronze fuzz (bench/fuzz-bronze.ts) and the bad-input
// tests. Each mutation takes the file's bytes and a seeded random source and returns new bytes; all
// are deterministic for a given seed. They model what real exports get wrong.

/**
 * mulberry32: a tiny seeded generator; enough for picking lines and bytes reproducibly. Kept apart
 * from the generator's PRNG on purpose: the seeds in test/reliability/bad-input.test.ts pin
 * regression cases (which line gets the stray quote), and another PRNG would silently move them.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
const pick = <T>(rng: Random, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const between = (rng: Random, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

/** A file split into its header and data lines (LF; the last newline dropped). */
function lines(bytes: Buffer): string[] {
  return bytes.toString('utf8').replace(/\n$/, '').split('\n');
}
const join = (ls: readonly string[]) => Buffer.from(`${ls.join('\n')}\n`, 'utf8');

/** Apply `fn` to `count` random data lines (index >= 1). */
function someLines(bytes: Buffer, rng: Random, count: number, fn: (line: string, rng: Random) => string): Buffer {
  const ls = lines(bytes);
  for (let k = 0; k < count && ls.length > 1; k++) {
    const i = between(rng, 1, ls.length - 1);
    ls[i] = fn(ls[i], rng);
  }
  return join(ls);
}

/** Split a line on commas outside quotes (enough for the sources' quoting). */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Rewrite the field of column `pattern` (first header match) on some lines. */
function someFields(
  bytes: Buffer,
  rng: Random,
  count: number,
  pattern: RegExp,
  fn: (value: string, rng: Random) => string | undefined,
): Buffer {
  const ls = lines(bytes);
  const column = fields(ls[0]).findIndex((h) => pattern.test(h));
  if (column < 0) return someLines(bytes, rng, count, (l) => `${l},"1,234"`);
  for (let k = 0; k < count && ls.length > 1; k++) {
    const i = between(rng, 1, ls.length - 1);
    const f = fields(ls[i]);
    const next = fn(f[column] ?? '', rng);
    if (next === undefined) continue;
    f[column] = next;
    ls[i] = f.join(',');
  }
  return join(ls);
}

export interface Mutation {
  name: string;
  /** What a reader of the source would call it. */
  description: string;
  apply(bytes: Buffer, rng: Random): Buffer;
}

export const MUTATIONS: readonly Mutation[] = [
  {
    name: 'truncated_lines',
    description: 'lines cut short mid-record',
    apply: (b, r) => someLines(b, r, between(r, 1, 5), (l, rr) => l.slice(0, between(rr, 1, Math.max(1, l.length - 2)))),
  },
  {
    name: 'random_bytes',
    description: 'random bytes (incl. NUL and control bytes) overwritten inside lines',
    apply: (b, r) => {
      const out = Buffer.from(b);
      const start = out.indexOf(0x0a) + 1;
      for (let k = 0; k < between(r, 1, 20); k++) out[between(r, start, out.length - 2)] = between(r, 0, 255);
      return out;
    },
  },
  {
    name: 'shuffled_columns',
    description: 'columns in another order (header and data alike)',
    apply: (b, r) => {
      const ls = lines(b);
      const order = fields(ls[0])
        .map((_, i) => i)
        .sort(() => r() - 0.5);
      return join(
        ls.map((l) => {
          const f = fields(l);
          return order.map((i) => f[i] ?? '').join(',');
        }),
      );
    },
  },
  {
    name: 'renamed_column',
    description: 'a header name misspelt or renamed',
    apply: (b, r) => {
      const ls = lines(b);
      const f = fields(ls[0]);
      const i = between(r, 0, f.length - 1);
      f[i] = pick(r, [`${f[i]}_x`, f[i].toUpperCase(), f[i].slice(0, -1), 'unnamed']);
      ls[0] = f.join(',');
      return join(ls);
    },
  },
  {
    name: 'huge_field',
    description: 'one string field of 10 MB',
    apply: (b, r) => someFields(b, r, 1, /title|email|search_query|review_text/, () => 'x'.repeat(10 * 1024 * 1024)),
  },
  {
    name: 'unbalanced_quotes',
    description: 'an opening quote that is never closed',
    apply: (b, r) =>
      someLines(b, r, between(r, 1, 3), (l, rr) => {
        const at = between(rr, 0, l.length);
        return `${l.slice(0, at)}"${l.slice(at)}`;
      }),
  },
  {
    name: 'latin1_bytes',
    description: 'latin-1 encoded accents (bytes E9, FC) in data lines',
    apply: (b, r) => {
      const ls = lines(b);
      const i = between(r, 1, ls.length - 1);
      const parts = ls.map((l) => Buffer.from(`${l}\n`, 'utf8'));
      parts[i] = Buffer.concat([Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0xfc]), parts[i]]);
      return Buffer.concat(parts);
    },
  },
  {
    name: 'thousands_separators',
    description: 'numbers written as "1,234.5"',
    apply: (b, r) =>
      someFields(b, r, between(r, 1, 5), /minutes|spend|votes|returned|score|budget|revenue/, (v) =>
        v === '' ? undefined : `"1,${v.replace(/^-/, '').padStart(3, '0')}"`,
      ),
  },
  {
    name: 'other_date_format',
    description: 'dates as DD/MM/YYYY',
    apply: (b, r) => someFields(b, r, between(r, 1, 5), /date|added_to_platform/, (v) => v.replace(/^(\d{4})-(\d{2})-(\d{2})/, '$3/$2/$1')),
  },
  { name: 'empty_file', description: 'a 0-byte file', apply: () => Buffer.alloc(0) },
  { name: 'header_only', description: 'a header and no data lines', apply: (b) => join(lines(b).slice(0, 1)) },
  { name: 'crlf', description: 'CRLF line endings', apply: (b) => Buffer.from(b.toString('utf8').replace(/\n/g, '\r\n'), 'utf8') },
  { name: 'bom', description: 'a UTF-8 byte-order mark', apply: (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]) },
  {
    name: 'wrong_delimiter',
    description: 'semicolons instead of commas',
    apply: (b) => Buffer.from(b.toString('utf8').replace(/,/g, ';'), 'utf8'),
  },
  { name: 'blank_lines', description: 'blank lines between records', apply: (b, r) => someLines(b, r, between(r, 1, 5), (l) => `${l}\n`) },
  {
    name: 'extra_field',
    description: 'lines with one field too many',
    apply: (b, r) => someLines(b, r, between(r, 1, 5), (l) => `${l},extra`),
  },
  { name: 'no_final_newline', description: 'the last line without a newline', apply: (b) => b.subarray(0, b.length - 1) },
  {
    name: 'bare_carriage_return',
    description: 'a carriage return (\\r) inside a line',
    apply: (b, r) =>
      someLines(b, r, 1, (l, rr) => {
        const at = between(rr, 1, l.length - 1);
        return `${l.slice(0, at)}\r${l.slice(at)}`;
      }),
  },
  {
    name: 'embedded_newline',
    description: 'a quoted field holding a line break',
    apply: (b, r) => someFields(b, r, 1, /title|review_text|search_query|city/, (v) => `"${v.replace(/"/g, '')}\nmore"`),
  },
];

/** The N cases of a fuzz run: mutation, table and seed per case (mutations cycle; tables and seeds vary). */
export function fuzzCases(
  count: number,
  seed: number,
  tables: readonly string[],
): { index: number; mutation: Mutation; table: string; seed: number }[] {
  const rng = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => ({
    index,
    mutation: MUTATIONS[index % MUTATIONS.length],
    table: pick(rng, tables),
    seed: Math.floor(rng() * 2 ** 31),
  }));
}

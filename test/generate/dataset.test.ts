// Shape of a small generated data set against the contracts and source-data.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACTS, rowsAtScale, type ColumnContract, type TableContract } from '../../src/contracts/index.js';
import { readCsv, type Csv } from './csv.js';
import { generateInTemp } from './fixtures.js';

const SCALE = 0.05;
let dir = '';
let cleanup = () => {};
const tables = new Map<string, Csv>();

beforeAll(async () => {
  ({ dir, cleanup } = await generateInTemp({ scale: SCALE, seed: 7, signal: 'realistic' }));
  for (const c of CONTRACTS) tables.set(c.name, readCsv(dir, c.file));
});
afterAll(() => cleanup());

/** The regex a non-blank field of a column must match. */
function patternFor(col: ColumnContract): RegExp {
  if (col.keyFormat) return new RegExp(`^${col.keyFormat.prefix}\\d{${col.keyFormat.minDigits},}$`);
  if (col.text === 'float-text') return /^-?\d+\.0$/;
  if (col.text === 'timestamp-micros') return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/;
  switch (col.type) {
    case 'integer':
      return /^-?\d+$/;
    case 'float':
      return /^-?\d+\.\d+$/;
    case 'boolean':
      return /^(True|False)$/;
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/;
    default:
      return /^[^\s].*$|^$/;
  }
}

const uniqueRows = (t: TableContract) => rowsAtScale(t, SCALE).unique;

describe.each(CONTRACTS.map((c) => [c.name, c] as const))('%s', (_name, contract) => {
  it('is ASCII, LF, no BOM, and quotes only review texts', () => {
    const bytes = readFileSync(join(dir, contract.file));
    expect(bytes[0]).not.toBe(0xef);
    expect(bytes.includes(0x0d)).toBe(false);
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    const csv = tables.get(contract.name)!;
    const quoted = csv.lines.filter((l) => l.includes('"'));
    if (contract.name === 'reviews') expect(quoted.length).toBeGreaterThan(0);
    else expect(quoted).toEqual([]);
  });

  it('has the contract header and every field in its column format', () => {
    const csv = tables.get(contract.name)!;
    expect(csv.header).toEqual(contract.columns.map((c) => c.name));
    for (const row of csv.rows) expect(row.length).toBe(contract.columns.length);
    contract.columns.forEach((col, k) => {
      const pattern = patternFor(col);
      const bad = csv.rows
        .map((r) => r[k])
        .filter((v) => (v === '' ? !col.nullable : !pattern.test(v) || (col.allowedValues ? !col.allowedValues.includes(v) : false)));
      expect(bad.slice(0, 5), `${contract.name}.${col.name}`).toEqual([]);
    });
  });

  it('is N unique rows with ids 1..N, then exact copies of earlier rows', () => {
    const csv = tables.get(contract.name)!;
    const { unique, duplicates } = rowsAtScale(contract, SCALE);
    expect(csv.lines.length).toBe(unique + duplicates);
    const keyCol = contract.columns.find((c) => c.name === contract.primaryKey)!;
    const ids = csv.rows.slice(0, unique).map((r) => r[0]);
    expect(ids[0]).toBe(keyCol.keyFormat!.prefix + '1'.padStart(keyCol.keyFormat!.minDigits, '0'));
    expect(ids.map((id) => Number(id.slice(keyCol.keyFormat!.prefix.length)))).toEqual(Array.from({ length: unique }, (_, i) => i + 1));
    const firstBlock = new Set(csv.lines.slice(0, unique));
    expect(firstBlock.size).toBe(unique);
    const copies = csv.lines.slice(unique);
    expect(copies.filter((l) => !firstBlock.has(l))).toEqual([]);
  });

  it('has blank rates near the contract', () => {
    const csv = tables.get(contract.name)!;
    const n = csv.rows.length;
    contract.columns.forEach((col, k) => {
      const blank = csv.rows.filter((r) => r[k] === '').length / n;
      // Blanks are exact quotas over the unique rows; the copies add a little noise.
      const tolerance = 0.01 + 2 * Math.sqrt((col.expectedBlankRate * (1 - col.expectedBlankRate)) / (n * contract.duplicateRate + 1));
      expect(Math.abs(blank - col.expectedBlankRate), `${contract.name}.${col.name} blank ${blank}`).toBeLessThanOrEqual(tolerance);
    });
  });
});

describe('cross-table', () => {
  it('copies some rows more than once in the big tables', () => {
    const csv = tables.get('watch_history')!;
    const unique = uniqueRows(CONTRACTS.find((c) => c.name === 'watch_history')!);
    const counts = new Map<string, number>();
    for (const l of csv.lines.slice(unique)) counts.set(l, (counts.get(l) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeGreaterThanOrEqual(2);
  });

  it('references only existing unique users and titles', () => {
    const users = new Set(tables.get('users')!.col('user_id'));
    const movies = new Set(tables.get('movies')!.col('movie_id'));
    for (const name of ['watch_history', 'recommendation_logs', 'search_logs', 'reviews']) {
      const csv = tables.get(name)!;
      expect(csv.col('user_id').filter((u) => !users.has(u))).toEqual([]);
      if (name !== 'search_logs') expect(csv.col('movie_id').filter((m) => !movies.has(m))).toEqual([]);
    }
  });

  it('keeps state_province consistent with country and sentiment a function of rating', () => {
    const u = tables.get('users')!;
    const canadian = new Set([
      'Ontario',
      'Quebec',
      'British Columbia',
      'Alberta',
      'Manitoba',
      'Saskatchewan',
      'Nova Scotia',
      'New Brunswick',
      'Newfoundland and Labrador',
      'Prince Edward Island',
    ]);
    for (const r of u.rows) expect(canadian.has(r[7]), r[7]).toBe(r[6] === 'Canada');
    const rv = tables.get('reviews')!;
    for (const r of rv.rows) {
      const rating = Number(r[3]);
      expect(r[10]).toBe(rating <= 2 ? 'negative' : rating === 3 ? 'neutral' : 'positive');
      if (r[11] !== '') {
        const s = Number(r[11]);
        const [lo, hi] = r[10] === 'negative' ? [0, 0.4] : r[10] === 'neutral' ? [0.4, 0.6] : [0.6, 1];
        expect(s >= lo && s <= hi, `${r[10]} ${s}`).toBe(true);
      }
      expect(r[7] === '').toBe(r[8] === ''); // helpful and total votes blank together
      if (r[7] !== '') expect(Number(r[7])).toBeLessThanOrEqual(Number(r[8]));
    }
  });

  it('keeps structural blanks by content type', () => {
    const m = tables.get('movies')!;
    for (const r of m.rows) {
      if (r[2] !== 'Movie') expect([r[11], r[12]]).toEqual(['', '']);
      if (r[2] !== 'TV Series' && r[2] !== 'Limited Series') expect([r[13], r[14]]).toEqual(['', '']);
      if (r[2] === 'TV Series' || r[2] === 'Limited Series') expect(r[14]).not.toBe('');
    }
  });

  it('dates events inside 2024-2025 and account dates inside 2022-08..2025-08', () => {
    for (const [name, column] of [
      ['watch_history', 'watch_date'],
      ['reviews', 'review_date'],
      ['recommendation_logs', 'recommendation_date'],
      ['search_logs', 'search_date'],
    ] as const) {
      const dates = tables.get(name)!.col(column).sort();
      expect(dates[0] >= '2024-01-01' && dates[dates.length - 1] <= '2025-12-31').toBe(true);
    }
    const created = tables.get('users')!.col('created_at').sort();
    expect(created[0] >= '2022-08-01' && created[created.length - 1] <= '2025-08-31 23:59:59.999999').toBe(true);
  });

  it('writes a ground truth consistent with users.csv', () => {
    const truth = JSON.parse(readFileSync(join(dir, 'ground_truth.json'), 'utf8'));
    const users = tables.get('users')!;
    const n = uniqueRows(CONTRACTS[0]);
    expect(truth.signal).toBe('realistic');
    expect(truth.users.count).toBe(n);
    const active = users.col('is_active').slice(0, n);
    expect(truth.users.columns.is_active.map((a: boolean) => (a ? 'True' : 'False'))).toEqual(active);
    truth.users.columns.churn_date.forEach((d: string | null, i: number) => expect(d === null).toBe(active[i] === 'True'));
    expect(truth.searches.count).toBe(uniqueRows(CONTRACTS.find((c) => c.name === 'search_logs')!));
    expect(truth.titles.count).toBe(uniqueRows(CONTRACTS[1]));
  });
});

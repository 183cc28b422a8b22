// `generate --snapshots N`: users as N monthly exports with real status, plan and spend changes, the
// last export being users.csv as a one-file run writes it; event files split by month, losing and
// adding nothing.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/generate/index.js';
import { rawField, rawFields, snapshotMonths } from '../../src/generate/snapshots.js';

const work = mkdtempSync(join(tmpdir(), 'marquee-snapshots-'));
const one = join(work, 'one');
const three = join(work, 'three');
beforeAll(async () => {
  await generateDataset({ out: one, scale: 0.1, seed: 7 });
  await generateDataset({ out: three, scale: 0.1, seed: 7, snapshots: 3 });
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const dataLines = (path: string) =>
  readFileSync(path, 'latin1')
    .split('\n')
    .slice(1)
    .filter((l) => l !== '');
const byUser = (path: string) => new Map(dataLines(path).map((l) => [rawFields(l)[0], rawFields(l)]));

describe('generate --snapshots', () => {
  it('names the N months before the as-of month', () => {
    expect(snapshotMonths('2025-10-01', 3)).toEqual([
      { label: '2025_07', lastDay: '2025-07-31' },
      { label: '2025_08', lastDay: '2025-08-31' },
      { label: '2025_09', lastDay: '2025-09-30' },
    ]);
    expect(snapshotMonths('2025-01-15', 2).map((m) => m.label)).toEqual(['2024_11', '2024_12']);
  });

  it('reads one field of a line as the whole-line parse does, quoted fields included', () => {
    const lines = [
      'a,b,c,d',
      '"x,y",b,2025-08-01,d',
      'a,"q ""z"", w",2025-07-31T10:00:00,d',
      'a,b,"2025-09-30",d',
      'a,b',
      ',,,',
      'a,b,c,"d,e"',
      '',
    ];
    for (const line of lines) for (let k = 0; k < 5; k++) expect(rawField(line, k)).toBe(rawFields(line)[k]);
    expect(rawField('"x,y",b,2025-08-01,d', 2)).toBe('2025-08-01');
  });

  it('writes monthly files per table, movies as one file', () => {
    expect(
      readdirSync(three)
        .filter((f) => f.endsWith('.csv'))
        .sort(),
    ).toEqual([
      'movies.csv',
      ...['recommendation_logs', 'reviews', 'search_logs', 'users', 'watch_history'].flatMap((t) =>
        ['07', '08', '09'].map((m) => `${t}_2025_${m}.csv`),
      ),
    ]);
  });

  it('the last users export is users.csv of a one-file run; earlier ones differ in status, plan and spend', () => {
    expect(readFileSync(join(three, 'users_2025_09.csv'), 'latin1')).toBe(readFileSync(join(one, 'users.csv'), 'latin1'));
    const [jul, aug, sep] = ['07', '08', '09'].map((m) => byUser(join(three, `users_2025_${m}.csv`)));
    const changed = (a: Map<string, string[]>, b: Map<string, string[]>, column: number) =>
      [...b].filter(([id, row]) => a.has(id) && a.get(id)![column] !== row[column]).length;
    // Columns: 9 subscription_plan, 11 is_active, 12 monthly_spend.
    for (const [before, after] of [
      [jul, aug],
      [aug, sep],
    ]) {
      expect(changed(before, after, 9)).toBeGreaterThan(0);
      expect(changed(before, after, 11)).toBeGreaterThan(0);
      expect(changed(before, after, 12)).toBeGreaterThan(0);
    }
    // Accounts appear once created: July holds only those created by its end.
    expect([...jul.values()].every((r) => r[15].slice(0, 10) <= '2025-07-31')).toBe(true);
    expect(jul.size).toBeLessThan(sep.size);
    // Churn moves one way between exports for accounts inactive at the end and never reactivated.
    const churned = [...aug].filter(([id, row]) => jul.get(id)?.[11] === 'True' && row[11] === 'False').length;
    expect(churned).toBeGreaterThan(0);
  });

  it('the monthly event files hold exactly the one-file rows, each in its month', () => {
    for (const table of ['watch_history', 'recommendation_logs', 'search_logs', 'reviews']) {
      const parts = ['07', '08', '09'].map((m) => dataLines(join(three, `${table}_2025_${m}.csv`)));
      expect(parts.flat().sort(), table).toEqual(dataLines(join(one, `${table}.csv`)).sort());
      expect(readFileSync(join(three, `${table}_2025_08.csv`), 'latin1').split('\n')[0]).toBe(
        readFileSync(join(one, `${table}.csv`), 'latin1').split('\n')[0],
      );
    }
    const dateAt = 3; // watch_date
    const august = dataLines(join(three, 'watch_history_2025_08.csv')).map((l) => rawFields(l)[dateAt]);
    expect(august.length).toBeGreaterThan(0);
    expect(august.every((d) => d >= '2025-08-01' && d <= '2025-08-31')).toBe(true);
  });
});

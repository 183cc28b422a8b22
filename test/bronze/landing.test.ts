// The landing folder and incremental loads: which files belong to which table, each new file a batch
// in name order, unrecognised files listed; appends load only the new lines (with the file's own line
// numbers); a known file whose earlier bytes changed is a new version loaded whole.
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestAll } from '../../src/bronze/run.js';
import { runBronze } from './run-bronze.js';
import { tableOfFileName } from '../../src/bronze/landing.js';
import { configFor, count, inputFolder, withEngine } from './helpers.js';

const LANDING = join(import.meta.dirname, '../fixtures/landing');
const clock = (iso: string) => () => new Date(iso);

describe('landing folder file names', () => {
  it('maps <table>.csv and <table>_*.csv to their table, the longest table name first, and nothing else', () => {
    expect(tableOfFileName('watch_history.csv')).toBe('watch_history');
    expect(tableOfFileName('watch_history_2025_10.csv')).toBe('watch_history');
    expect(tableOfFileName('search_logs_week_40.csv')).toBe('search_logs');
    expect(tableOfFileName('users2.csv')).toBeUndefined();
    expect(tableOfFileName('notes.csv')).toBeUndefined();
    expect(tableOfFileName('users.json')).toBeUndefined();
  });
});

describe('bronze from a landing folder', () => {
  it('loads <table>_*.csv and <table>/*.csv as batches in name order and records unrecognised CSVs', async () => {
    await withEngine(async (engine) => {
      const input = inputFolder();
      cpSync(LANDING, input, { recursive: true });
      const lines: string[] = [];
      const result = await runBronze(engine, configFor(input), 'run-1', { now: clock('2026-01-02T00:00:00Z'), log: (l) => lines.push(l) });
      const wh = result.ingestions.filter((i) => i.table === 'watch_history');
      expect(wh.map((i) => [i.file.slice(input.length + 1), i.rowsLoaded])).toEqual([
        ['watch_history.csv', 6],
        ['watch_history_2025_10.csv', 2],
      ]);
      // Name order is load order: the batch of watch_history.csv sorts first.
      expect(wh[0].batchId! < wh[1].batchId!).toBe(true);
      const late = await engine.query(`SELECT review_id, _line_number, _source_file FROM bronze.reviews WHERE review_id = 'review_000101'`);
      expect(late).toEqual([{ review_id: 'review_000101', _line_number: 2, _source_file: join(input, 'reviews', 'reviews_late.csv') }]);
      expect(await count(engine, 'bronze.watch_history')).toBe(8);
      // notes.csv matches no table: listed in the run output and meta.ingestions; ground_truth.json is not a CSV and is ignored.
      expect(lines.join('\n')).toMatch(/1 file\(s\) in .* match no source table and were not loaded: .*notes\.csv/);
      const unrecognised = await engine.query(`SELECT source_file FROM meta.ingestions WHERE status = 'unrecognised'`);
      expect(unrecognised).toEqual([{ source_file: join(input, 'notes.csv') }]);
      const report = JSON.parse(readFileSync(result.report!.json, 'utf8'));
      expect(report.unrecognisedFiles).toEqual([join(input, 'notes.csv')]);
      expect(readFileSync(result.report!.html, 'utf8')).toContain('Unrecognised files');
    });
  });

  it('a table whose files are all known and unchanged is skipped; a new dated file is its only new batch', async () => {
    await withEngine(async (engine) => {
      const input = inputFolder();
      const config = configFor(input);
      await ingestAll(engine, config, 'run-1', { now: clock('2026-01-01T00:00:00Z') });
      cpSync(join(LANDING, 'watch_history_2025_10.csv'), join(input, 'watch_history_2025_10.csv'));
      const second = await ingestAll(engine, config, 'run-2', { now: clock('2026-01-02T00:00:00Z') });
      expect(second.filter((i) => i.status === 'loaded').map((i) => [i.table, i.kind, i.rowsRead])).toEqual([['watch_history', 'new', 2]]);
      expect(await count(engine, 'bronze.watch_history')).toBe(8);
    });
  });
});

const WH_LINE = (n: number) =>
  `session_${String(n).padStart(6, '0')},user_00001,movie_0001,2025-09-20,Mobile,40.0,55.0,paused,HD,USA,False,\n`;

describe('appends', () => {
  it("repeated appends load only the new lines, with the file's own line numbers; duplicate checks keep the source's rate", async () => {
    await withEngine(async (engine) => {
      const input = inputFolder();
      const config = configFor(input);
      const file = join(input, 'watch_history.csv');
      await runBronze(engine, config, 'run-0', { now: clock('2026-01-01T00:00:00Z') });
      const duplicatesOf = async (runId: string) =>
        (
          await engine.query<{ failed_records: number }>(
            `SELECT failed_records FROM meta.check_results WHERE run_id = '${runId}' AND dataset = 'bronze.watch_history' AND check_name = 'exact_duplicate_rows'`,
          )
        )[0].failed_records;
      const sourceDuplicates = await duplicatesOf('run-0');
      expect(sourceDuplicates).toBe(1); // line 7 repeats line 3 in the fixture: one extra copy (checks count copies beyond the first)
      let next = 200;
      for (const [i, day] of ['02', '03', '04'].entries()) {
        const before = readFileSync(file).toString().split('\n').length - 1; // lines so far
        appendFileSync(file, WH_LINE(next++) + WH_LINE(next++));
        const result = await runBronze(engine, config, `run-${i + 1}`, { now: clock(`2026-01-${day}T00:00:00Z`) });
        const wh = result.ingestions.find((r) => r.table === 'watch_history')!;
        expect(wh).toMatchObject({ status: 'loaded', kind: 'append', rowsRead: 2, rowsLoaded: 2 });
        expect(wh.note).toMatch(new RegExp(`only lines ${before + 1}\\.\\.${before + 2} are loaded`));
        expect(await duplicatesOf(`run-${i + 1}`)).toBe(sourceDuplicates);
      }
      // Bronze holds each line of the file once, each on its own line number.
      const rows = await engine.query<{ n: number; distinct_lines: number; max_line: number }>(
        `SELECT count(*) AS n, count(DISTINCT _line_number) AS distinct_lines, max(_line_number) AS max_line FROM bronze.watch_history`,
      );
      expect(rows[0]).toEqual({ n: 12, distinct_lines: 12, max_line: 13 });
      expect(await engine.query(`SELECT session_id FROM bronze.watch_history WHERE _line_number = 13`)).toEqual([
        { session_id: 'session_000205' },
      ]);
    });
  });

  it('a bad line in an append is quarantined under its own line number in the file', async () => {
    await withEngine(async (engine) => {
      const input = inputFolder();
      const config = configFor(input);
      const file = join(input, 'watch_history.csv');
      await ingestAll(engine, config, 'run-1', { now: clock('2026-01-01T00:00:00Z'), tables: ['watch_history'] });
      appendFileSync(file, WH_LINE(300) + WH_LINE(301).replace('40.0', 'forty') + WH_LINE(302));
      await ingestAll(engine, config, 'run-2', { now: clock('2026-01-02T00:00:00Z'), tables: ['watch_history'] });
      expect(await engine.query(`SELECT line_number, reason_code FROM quarantine.watch_history`)).toEqual([
        { line_number: 9, reason_code: 'BAD_FLOAT' },
      ]);
      expect(
        await engine.query(
          `SELECT _line_number FROM bronze.watch_history WHERE session_id IN ('session_000300', 'session_000302') ORDER BY 1`,
        ),
      ).toEqual([{ _line_number: 8 }, { _line_number: 10 }]);
    });
  });

  it('a known file whose earlier bytes changed is a new version, loaded whole, and says so', async () => {
    await withEngine(async (engine) => {
      const input = inputFolder();
      const config = configFor(input);
      const file = join(input, 'watch_history.csv');
      await ingestAll(engine, config, 'run-1', { now: clock('2026-01-01T00:00:00Z'), tables: ['watch_history'] });
      writeFileSync(file, readFileSync(file, 'utf8').replace('95.5', '96.5') + WH_LINE(400));
      const lines: string[] = [];
      const [wh] = await ingestAll(engine, config, 'run-2', {
        now: clock('2026-01-02T00:00:00Z'),
        tables: ['watch_history'],
        log: (l) => lines.push(l),
      });
      expect(wh).toMatchObject({ status: 'loaded', kind: 'new-version', rowsRead: 7, rowsLoaded: 7 });
      expect(lines.join('\n')).toMatch(
        /a new version of a file loaded before \(batch 20260101T000000000Z-01-watch_history\): its earlier bytes changed, so it is loaded whole/,
      );
      const [message] = await engine.query(`SELECT message FROM meta.ingestions WHERE run_id = 'run-2'`);
      expect(message.message).toMatch(/new version/);
      expect(await count(engine, 'bronze.watch_history')).toBe(13);
    });
  });
});

describe('over-long lines', () => {
  it('are quarantined as BAD_CSV under their own line number with the start of their text; the lines around them load', async () => {
    await withEngine(async (engine) => {
      const input = inputFolder();
      const file = join(input, 'watch_history.csv');
      const lines = readFileSync(file, 'utf8').split('\n');
      // Line 3 becomes 1.2 MB long: one huge field in the user_id column.
      lines[2] = lines[2].replace('user_00002', 'x'.repeat(1_200_000));
      writeFileSync(file, lines.join('\n'));
      const [wh] = await ingestAll(engine, configFor(input), 'run-1', { tables: ['watch_history'] });
      expect(wh).toMatchObject({ rowsRead: 6, rowsLoaded: 5, rowsQuarantined: 1 });
      const [q] = await engine.query<{ line_number: number; reason_code: string; reason: string; raw_line: string }>(
        `SELECT line_number, reason_code, reason, raw_line FROM quarantine.watch_history`,
      );
      expect(q).toMatchObject({ line_number: 3, reason_code: 'BAD_CSV' });
      expect(q.reason).toMatch(/^line longer than 1048576 bytes \(1200\d{3} bytes\)/);
      expect(q.raw_line.startsWith('session_000002,xxxx')).toBe(true);
      expect(q.raw_line.length).toBe(4096);
      expect(await engine.query(`SELECT _line_number FROM bronze.watch_history ORDER BY 1`)).toEqual(
        [2, 4, 5, 6, 7].map((n) => ({ _line_number: n })),
      );
    });
  });
});

import { readFileSync, appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestAll } from '../../src/bronze/run.js';
import { CONTRACTS, BRONZE_METADATA_COLUMNS } from '../../src/contracts/index.js';
import { BAD, configFor, count, inputFolder, withEngine } from './helpers.js';

const clock = (iso: string) => () => new Date(iso);

describe('bronze ingestion of the good fixtures', () => {
  it('loads every file with typed columns, metadata, duplicates kept and the published quirks intact', async () => {
    await withEngine(async (engine) => {
      const input = inputFolder();
      const result = await ingestAll(engine, configFor(input), 'run-1', { now: clock('2026-01-02T03:04:05.678Z') });
      expect(result.map((r) => [r.table, r.rowsRead, r.rowsLoaded, r.rowsQuarantined])).toEqual([
        ['users', 6, 6, 0],
        ['movies', 5, 5, 0],
        ['watch_history', 6, 6, 0],
        ['recommendation_logs', 4, 4, 0],
        ['search_logs', 5, 5, 0],
        ['reviews', 4, 4, 0],
      ]);
      const columns = await engine.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'bronze' AND table_name = 'users' ORDER BY ordinal_position`,
      );
      expect(columns.map((c) => c.column_name)).toEqual([
        ...CONTRACTS[0].columns.map((c) => c.name),
        ...BRONZE_METADATA_COLUMNS.map((c) => c.name),
      ]);
      expect(Object.fromEntries(columns.map((c) => [c.column_name, c.data_type]))).toMatchObject({
        age: 'DOUBLE',
        is_active: 'BOOLEAN',
        subscription_start_date: 'DATE',
        created_at: 'TIMESTAMP',
        _line_number: 'BIGINT',
      });
      const users =
        await engine.query(`SELECT user_id, age, CAST(age AS VARCHAR) AS age_text, is_active, CAST(created_at AS VARCHAR) AS created,
        monthly_spend, _line_number, _row_hash, _batch_id, _source_file FROM bronze.users ORDER BY _line_number`);
      expect(users.map((u) => u._line_number)).toEqual([2, 3, 4, 5, 6, 7]);
      expect(users[1]).toMatchObject({ user_id: 'user_00002', age_text: '-0.0', is_active: false, monthly_spend: null });
      expect(users[0]).toMatchObject({ age: 34, created: '2023-04-30 10:11:12.123456' });
      // The exact copy on line 7 is kept, with the same hash as line 3 and a different one from the rest.
      expect(users[5]._row_hash).toBe(users[1]._row_hash);
      expect(new Set(users.map((u) => u._row_hash)).size).toBe(5);
      expect(users[0]._batch_id).toBe('20260102T030405678Z-01-users');
      expect(users[0]._source_file).toBe(join(input, 'users.csv'));
      const reviews = await engine.query(`SELECT review_text, helpful_votes FROM bronze.reviews ORDER BY _line_number`);
      expect(reviews.map((r) => r.review_text)).toEqual([
        'Loved it, would watch again!',
        'It was okay. Nothing special.',
        null,
        'Great cast, weak ending, still good.',
      ]);
      const ingestions = await engine.query(
        `SELECT dataset, sha256, bytes, rows_read, rows_loaded, rows_quarantined, status FROM meta.ingestions ORDER BY batch_id`,
      );
      expect(ingestions).toHaveLength(6);
      const usersFile = readFileSync(join(input, 'users.csv'));
      expect(ingestions[0]).toMatchObject({
        dataset: 'bronze.users',
        bytes: usersFile.length,
        rows_read: 6,
        rows_loaded: 6,
        rows_quarantined: 0,
        status: 'loaded',
      });
      expect(ingestions[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  it('skips an identical file, loads only the lines appended to a known file as a new batch, and rebuilds on full refresh', async () => {
    await withEngine(async (engine) => {
      const input = inputFolder();
      const config = configFor(input);
      await ingestAll(engine, config, 'run-1', { now: clock('2026-01-01T00:00:00Z') });
      const again = await ingestAll(engine, config, 'run-2', { now: clock('2026-01-02T00:00:00Z') });
      expect(again.every((r) => r.status === 'skipped')).toBe(true);
      expect(await count(engine, 'bronze.users')).toBe(6);
      expect(await count(engine, 'meta.ingestions', `run_id = 'run-2' AND status = 'skipped'`)).toBe(6);

      appendFileSync(
        join(input, 'users.csv'),
        'user_00009,zed@example.com,Zed,Yu,22.0,Male,USA,Ohio,Troy,Basic,2024-03-03,True,9.99,Mobile,1.0,2024-03-01 08:00:00.000000\n',
      );
      const third = await ingestAll(engine, config, 'run-3', { now: clock('2026-01-03T00:00:00Z') });
      // Only the appended line is new: one row, on the file's own line 8, in its own batch.
      expect(third.find((r) => r.table === 'users')).toMatchObject({ status: 'loaded', kind: 'append', rowsRead: 1, rowsLoaded: 1 });
      expect(third.filter((r) => r.status === 'skipped')).toHaveLength(5);
      expect(await count(engine, 'bronze.users')).toBe(7);
      expect(await engine.query(`SELECT user_id, _line_number FROM bronze.users WHERE _batch_id LIKE '20260103%'`)).toEqual([
        { user_id: 'user_00009', _line_number: 8 },
      ]);
      const batches = await engine.query<{ _batch_id: string }>(`SELECT DISTINCT _batch_id FROM bronze.users ORDER BY _batch_id`);
      expect(batches.map((b) => b._batch_id)).toEqual(['20260101T000000000Z-01-users', '20260103T000000000Z-01-users']);

      const rebuilt = await ingestAll(engine, config, 'run-4', { fullRefresh: true, now: clock('2026-01-04T00:00:00Z') });
      expect(rebuilt.every((r) => r.status === 'loaded')).toBe(true);
      expect(await count(engine, 'bronze.users')).toBe(7);
      expect(await count(engine, 'meta.ingestions', `status = 'loaded'`)).toBe(6);
      // After the rebuild the same files are again "already loaded".
      const fifth = await ingestAll(engine, config, 'run-5');
      expect(fifth.every((r) => r.status === 'skipped')).toBe(true);
    });
  });

  it('loads a file whose columns are reordered by name', async () => {
    await withEngine(async (engine) => {
      const input = inputFolder('reordered');
      const [, movies] = await ingestAll(engine, configFor(input), 'run-1', { tables: ['users', 'movies'] });
      expect(movies.warnings.join()).toMatch(/different order than the contract/);
      const rows = await engine.query(`SELECT movie_id, title, release_year FROM bronze.movies ORDER BY _line_number LIMIT 2`);
      expect(rows).toEqual([
        { movie_id: 'movie_0001', title: 'Dark River', release_year: 2019 },
        { movie_id: 'movie_0002', title: 'Night Shift', release_year: 2021 },
      ]);
    });
  });

  it('accepts a BOM and CRLF line ends with warnings and loads the same rows as the plain file', async () => {
    await withEngine(async (engine) => {
      const [users] = await ingestAll(engine, configFor(inputFolder('bom-crlf')), 'run-1', { tables: ['users'] });
      expect(users.warnings.join('\n')).toMatch(/byte-order mark/);
      expect(users.warnings.join('\n')).toMatch(/7 line\(s\) end in CRLF/);
      const crlf = await engine.query(`SELECT * EXCLUDE (_batch_id, _source_file, _ingested_at) FROM bronze.users ORDER BY _line_number`);
      await withEngine(async (plain) => {
        await ingestAll(plain, configFor(inputFolder()), 'run-1', { tables: ['users'] });
        expect(
          await plain.query(`SELECT * EXCLUDE (_batch_id, _source_file, _ingested_at) FROM bronze.users ORDER BY _line_number`),
        ).toEqual(crlf);
      });
    });
  });

  it('treats a header-only file as an empty batch', async () => {
    await withEngine(async (engine) => {
      const result = await ingestAll(engine, configFor(inputFolder('header-only')), 'run-1', { tables: ['movies'] });
      expect(result[0]).toMatchObject({ status: 'loaded', rowsRead: 0, rowsLoaded: 0, rowsQuarantined: 0 });
      expect(await count(engine, 'bronze.movies')).toBe(0);
    });
  });

  it('keeps the warehouse unchanged and reports when a later table fails while staging', async () => {
    await withEngine(async (engine) => {
      const input = inputFolder();
      const config = configFor(input);
      await ingestAll(engine, config, 'run-1');
      // A new users batch stages fine; reviews then fails with a record holding a line break.
      appendFileSync(
        join(input, 'users.csv'),
        'user_00009,zed@example.com,Zed,Yu,22.0,Male,USA,Ohio,Troy,Basic,2024-03-03,True,9.99,Mobile,1.0,2024-03-01 08:00:00.000000\n',
      );
      appendFileSync(
        join(input, 'reviews.csv'),
        'review_000005,user_00001,movie_0001,5,2024-06-01,Mobile,True,1.0,1.0,"two\nlines",positive,0.9\n',
      );
      const before = await (await import('./helpers.js')).snapshot(engine);
      await expect(ingestAll(engine, config, 'run-2')).rejects.toThrow(
        /reviews\.csv: 1 record\(s\) hold a line break inside a quoted field/,
      );
      expect(await (await import('./helpers.js')).snapshot(engine)).toBe(before);
    });
  });
});

describe('bad files reach quarantine, never silently dropped or coerced', () => {
  it('routes values that cannot be typed to quarantine with the column, the expectation and the raw line', async () => {
    await withEngine(async (engine) => {
      const input = inputFolder('bad-values');
      const [users] = await ingestAll(engine, configFor(input), 'run-1', { tables: ['users'] });
      expect(users).toMatchObject({ rowsRead: 8, rowsLoaded: 1, rowsQuarantined: 7 });
      const rows = await engine.query<{
        line_number: number;
        reason_code: string;
        reason: string;
        raw_line: string;
        layer: string;
        batch_id: string;
      }>(`SELECT line_number, reason_code, reason, raw_line, layer, batch_id FROM quarantine.users ORDER BY line_number`);
      expect(rows.map((r) => [r.line_number, r.reason_code])).toEqual([
        [2, 'BAD_INTEGER'],
        [3, 'BAD_DATE'],
        [4, 'BAD_BOOLEAN'],
        [6, 'BAD_INTEGER'],
        [7, 'BAD_FLOAT'],
        [8, 'BAD_TIMESTAMP'],
        [9, 'OUT_OF_RANGE'],
      ]);
      expect(rows[0].reason).toBe("column 'age' (field 5): expected a whole number (written like 43 or 43.0), got 'forty'");
      expect(rows[1].reason).toBe("column 'subscription_start_date' (field 11): expected a calendar date YYYY-MM-DD, got '2024-02-30'");
      expect(rows[2].reason).toBe("column 'is_active' (field 12): expected True or False, got 'yes'");
      expect(rows[3].reason).toContain("got '43.5'");
      expect(rows[4].reason).toContain("column 'monthly_spend' (field 13): expected a decimal number (like 12.5), got '1,5'");
      expect(rows[6].reason).toBe("column 'household_size' (field 15): expected a value between 0 and 100, got '9999.0'");
      const lines = readFileSync(join(BAD, 'bad-values/users.csv'), 'utf8').split('\n');
      for (const r of rows) expect(r.raw_line).toBe(lines[r.line_number - 1]);
      expect(rows.every((r) => r.layer === 'bronze' && r.batch_id === users.batchId)).toBe(true);
      expect(await engine.query(`SELECT user_id, _line_number FROM bronze.users`)).toEqual([{ user_id: 'user_00004', _line_number: 5 }]);
      // The typed passes switch filter pushdown off for their statements only: the setting is the
      // default again afterwards (it is shared by every connection to the database).
      expect(await engine.query(`SELECT current_setting('disabled_optimizers') AS v`)).toEqual([{ v: '' }]);
    });
  });

  it('quarantines lines with too few or too many fields at their exact line numbers', async () => {
    await withEngine(async (engine) => {
      const [wh] = await ingestAll(engine, configFor(inputFolder('field-count')), 'run-1', { tables: ['watch_history'] });
      expect(wh).toMatchObject({ rowsRead: 5, rowsLoaded: 3, rowsQuarantined: 2 });
      const q = await engine.query(`SELECT line_number, reason_code, reason, raw_line FROM quarantine.watch_history ORDER BY line_number`);
      expect(q).toEqual([
        {
          line_number: 4,
          reason_code: 'FIELD_COUNT',
          reason: "too few fields: found 11, expected 12; no value for column 'user_rating'",
          raw_line: 'session_000003,user_00001,movie_0003,2025-12-31,Laptop,812.3,,started,Ultra HD,USA,False',
        },
        {
          line_number: 6,
          reason_code: 'FIELD_COUNT',
          reason: "too many fields: found 13, expected 12; field 13 onwards has no column (last column is 'user_rating')",
          raw_line: 'session_000005,user_00005,movie_0005,2025-09-15,Tablet,44.0,0.0,completed,HD,Canada,False,,extra',
        },
      ]);
      expect((await engine.query(`SELECT _line_number FROM bronze.watch_history ORDER BY 1`)).map((r) => r._line_number)).toEqual([
        2, 3, 5,
      ]);
    });
  });

  it('quarantines every line an unterminated quote swallows', async () => {
    await withEngine(async (engine) => {
      const [reviews] = await ingestAll(engine, configFor(inputFolder('bad-quoting')), 'run-1', { tables: ['reviews'] });
      // The stray quote on line 3 pairs with the next quote (line 5): the reader cannot split lines 3..5.
      expect(reviews).toMatchObject({ rowsRead: 4, rowsLoaded: 1, rowsQuarantined: 3 });
      const q = await engine.query<{ line_number: number; reason_code: string; reason: string; raw_line: string }>(
        `SELECT line_number, reason_code, reason, raw_line FROM quarantine.reviews ORDER BY 1`,
      );
      expect(q.map((r) => [r.line_number, r.reason_code])).toEqual([
        [3, 'BAD_QUOTING'],
        [4, 'BAD_QUOTING'],
        [5, 'BAD_QUOTING'],
      ]);
      expect(q[0].reason).toBe(
        `column 'review_text': a quoted field is not closed on its line; expected a closing '"' before the line ends (fields hold no line breaks)`,
      );
      expect(q[1].reason).toMatch(/^inside the record starting on line 3/);
      const lines = readFileSync(join(BAD, 'bad-quoting/reviews.csv'), 'utf8').split('\n');
      for (const r of q) expect(r.raw_line).toBe(lines[r.line_number - 1]);
    });
  });

  it("numbers the second swallowing record by its own line, not the reader's record count", async () => {
    await withEngine(async (engine) => {
      // Found by the bronze fuzz: the reader counts a multi-line record as one line, so a second
      // unterminated quote after it came back with a line number short by the lines swallowed.
      const input = inputFolder();
      const [header, ...good] = readFileSync(join(input, 'recommendation_logs.csv'), 'utf8').trimEnd().split('\n');
      const body = [...good, ...good].map((l, i) => l.replace(/^rec_\d+/, `rec_${String(i + 1).padStart(6, '0')}`));
      body[1] = body[1].replace(',user_', ',"user_'); // line 3 opens a quote ...
      body[2] = body[2].replace('genre_based', 'genre"based'); // ... that closes on line 4
      body[6] = body[6].replace(',Tablet', ',"Tablet'); // line 8 opens one that never closes
      writeFileSync(join(input, 'recommendation_logs.csv'), [header, ...body, ''].join('\n'));
      const [recs] = await ingestAll(engine, configFor(input), 'run-1', { tables: ['recommendation_logs'] });
      expect(recs).toMatchObject({ rowsRead: 8, rowsLoaded: 4, rowsQuarantined: 4 });
      const q = await engine.query<{ line_number: number; raw_line: string }>(
        `SELECT line_number, raw_line FROM quarantine.recommendation_logs ORDER BY 1`,
      );
      expect(q.map((r) => r.line_number)).toEqual([3, 4, 8, 9]);
      for (const r of q) expect(r.raw_line).toBe(body[r.line_number - 2]);
      expect((await engine.query(`SELECT _line_number FROM bronze.recommendation_logs ORDER BY 1`)).map((r) => r._line_number)).toEqual([
        2, 5, 6, 7,
      ]);
    });
  });

  it('quarantines a line with bytes that are not UTF-8', async () => {
    await withEngine(async (engine) => {
      const [reviews] = await ingestAll(engine, configFor(inputFolder('non-utf8')), 'run-1', { tables: ['reviews'] });
      expect(reviews).toMatchObject({ rowsRead: 4, rowsLoaded: 3, rowsQuarantined: 1 });
      const [q] = await engine.query(`SELECT line_number, reason_code, reason FROM quarantine.reviews`);
      expect(q).toMatchObject({ line_number: 3, reason_code: 'BAD_ENCODING' });
      expect(String(q.reason)).toMatch(/not valid UTF-8/);
    });
  });

  it('keeps exact line numbers across blank lines', async () => {
    await withEngine(async (engine) => {
      const [search] = await ingestAll(engine, configFor(inputFolder('blank-lines')), 'run-1', { tables: ['search_logs'] });
      expect(search).toMatchObject({ rowsRead: 5, rowsLoaded: 4, rowsQuarantined: 1 });
      const loaded = await engine.query(`SELECT search_id, _line_number FROM bronze.search_logs ORDER BY _line_number`);
      expect(loaded).toEqual([
        { search_id: 'search_000001', _line_number: 2 },
        { search_id: 'search_000002', _line_number: 5 },
        { search_id: 'search_000004', _line_number: 8 },
        { search_id: 'search_000003', _line_number: 9 },
      ]);
      expect(await engine.query(`SELECT line_number, reason_code FROM quarantine.search_logs`)).toEqual([
        { line_number: 6, reason_code: 'BAD_INTEGER' },
      ]);
    });
  });
});

describe('conservation per file', () => {
  it('fails loudly, and publishes nothing, when a reader loses a row', async () => {
    const { duckDbCsvReader } = await import('../../src/engine/duckdb/csv-reader.js');
    const { snapshot } = await import('./helpers.js');
    const lossy = {
      async stageBatch(...args: Parameters<typeof duckDbCsvReader.stageBatch>) {
        const outcome = await duckDbCsvReader.stageBatch(...args);
        const [engine, request] = args;
        await engine.exec(`DELETE FROM ${request.targetTable} WHERE _line_number = 3`);
        return outcome;
      },
    };
    await withEngine(async (engine) => {
      const config = configFor(inputFolder());
      await ingestAll(engine, config, 'run-1', { tables: ['users'] });
      const before = await snapshot(engine);
      await expect(ingestAll(engine, config, 'run-2', { fullRefresh: true, reader: lossy, tables: ['users'] })).rejects.toThrow(
        /users\.csv: rows not conserved: read 6 non-blank data lines but loaded 5 \+ quarantined 0 = 5 \(the reader reported 6 \+ 0\)/,
      );
      expect(await snapshot(engine)).toBe(before);
    });
  });
});

describe('a file with bad lines changes only its own table and quarantine', () => {
  it('leaves every other table as it was', async () => {
    const { snapshot } = await import('./helpers.js');
    await withEngine(async (engine) => {
      const config = configFor(inputFolder());
      await ingestAll(engine, config, 'run-1');
      const others = async () => JSON.parse(await snapshot(engine)) as Record<string, unknown>;
      const before = await others();
      await ingestAll(engine, { ...config, input: inputFolder('bad-values') }, 'run-2', { tables: ['users'], fullRefresh: true });
      const after = await others();
      const changed = Object.keys(after)
        .filter((t) => JSON.stringify(after[t]) !== JSON.stringify(before[t]))
        .sort();
      expect(changed).toEqual(['bronze.users', 'meta.check_results', 'meta.ingestions', 'quarantine.users']);
      expect(await count(engine, 'quarantine.users')).toBe(7);
    });
  });
});

// Key hygiene from the contract (trimmed, then an exact match of the key format, else BAD_KEY) and the
// quarantine-share check per batch (warn above 1%, fail above 10% by default, configurable).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertNoFailingChecks, checkBronze, ingestAll } from '../../src/bronze/run.js';
import { configFor, inputFolder, withEngine } from './helpers.js';

describe('key hygiene', () => {
  it('trims keys, quarantines keys that do not match the contract format exactly as BAD_KEY', async () => {
    await withEngine(async (engine) => {
      const input = inputFolder('bad-keys');
      // The same line as line 2 of bad-keys/watch_history.csv without its trailing space, in a second batch.
      const goodLines = readFileSync(join(import.meta.dirname, '../fixtures/good/watch_history.csv'), 'utf8').split('\n');
      writeFileSync(join(input, 'watch_history_unpadded.csv'), `${goodLines[0]}\n${goodLines[1]}\n`);
      const config = configFor(input);
      const [wh] = await ingestAll(engine, config, 'run-1', { tables: ['users', 'movies', 'watch_history'] }).then((r) =>
        r.filter((i) => i.table === 'watch_history'),
      );
      expect(wh).toMatchObject({ rowsRead: 6, rowsLoaded: 2, rowsQuarantined: 4 });
      expect(
        await engine.query(
          `SELECT session_id, user_id, _line_number FROM bronze.watch_history WHERE _source_file LIKE '%/watch_history.csv' ORDER BY _line_number`,
        ),
      ).toEqual([
        { session_id: 'session_000001', user_id: 'user_00001', _line_number: 2 },
        { session_id: 'session_000005', user_id: 'user_00005', _line_number: 6 },
      ]);
      // Trimmed, the padded key makes an exact copy of the unpadded line: one row hash for both.
      const hashes = await engine.query(
        `SELECT count(DISTINCT _row_hash) AS n, count(*) AS rows FROM bronze.watch_history WHERE session_id = 'session_000001'`,
      );
      expect(hashes).toEqual([{ n: 1, rows: 2 }]);
      const quarantined = await engine.query<{ line_number: number; reason_code: string; reason: string; raw_line: string }>(
        `SELECT line_number, reason_code, reason, raw_line FROM quarantine.watch_history ORDER BY line_number`,
      );
      expect(quarantined.map((q) => [q.line_number, q.reason_code])).toEqual([
        [3, 'BAD_KEY'],
        [4, 'BAD_KEY'],
        [5, 'BAD_KEY'],
        [7, 'BAD_KEY'],
      ]);
      expect(quarantined[0].reason).toBe(
        "column 'session_id' (field 1): expected a key like session_000000 (prefix 'session_', then at least 6 digits, nothing else), got 'SESSION_000002'",
      );
      expect(quarantined[2].reason).toMatch(/column 'user_id' \(field 2\): expected a key like user_00000 .* got 'USER_00003'/);
      expect(quarantined[3].reason).toMatch(/column 'movie_id' \(field 3\).* got 'movie_0002x'/);
      // The raw text keeps what the file said.
      expect(quarantined[1].raw_line.startsWith('session_12,user_00001')).toBe(true);
      // The format check is exact now (no lenient cast): it passes on what bronze holds.
      const checks = await checkBronze(engine, config, 'run-1', [
        (await import('../../src/contracts/index.js')).contractFor('watch_history'),
      ]);
      expect(checks.find((c) => c.check === 'session_id_format')).toMatchObject({ passed: true, failedRecords: 0 });
    });
  });

  it('the format check itself refuses a trailing space, upper case, too few digits, a sign and an exponent', async () => {
    await withEngine(async (engine) => {
      const { bronzeChecks } = await import('../../src/bronze/checks.js');
      const config = configFor(inputFolder());
      const check = bronzeChecks(config).find((c) => c.dataset === 'bronze.watch_history' && c.name === 'session_id_format')!;
      const expression = String(check.params!.expression);
      const rows = await engine.query<{ v: string; ok: boolean }>(`SELECT v, ${expression.replaceAll('session_id', 'v')} AS ok
        FROM (VALUES ('session_000001'), ('session_000001 '), ('SESSION_000001'), ('session_12'), ('session_-00001'), ('session_1e+004')) t(v)`);
      expect(rows.map((r) => [r.v, r.ok])).toEqual([
        ['session_000001', true],
        ['session_000001 ', false],
        ['SESSION_000001', false],
        ['session_12', false],
        ['session_-00001', false],
        ['session_1e+004', false],
      ]);
    });
  });
});

describe('quarantine share per batch', () => {
  it('fails a batch that quarantines 44% of its lines, and the table step cannot end ok', async () => {
    await withEngine(async (engine) => {
      const config = configFor(inputFolder('quarantine-share'));
      const [wh] = await ingestAll(engine, config, 'run-1', { tables: ['watch_history'] });
      expect(wh).toMatchObject({ rowsRead: 9, rowsQuarantined: 4 });
      const failing = await checkBronze(
        engine,
        config,
        'run-1',
        [(await import('../../src/contracts/index.js')).contractFor('watch_history')],
        ['fail'],
      );
      const share = failing.find((c) => c.check === 'quarantine_share')!;
      expect(share).toMatchObject({ passed: false, action: 'fail', failedRecords: 1, passedRecords: 0 });
      expect(share.sample[0]).toMatch(/4 of 9 lines quarantined \(44\.4%\), above the 10\.0% limit/);
      expect(() => assertNoFailingChecks(failing)).toThrow(/bronze.watch_history quarantine_share/);
    });
  });

  it('warns above 1% without failing, and the limits come from the config', async () => {
    await withEngine(async (engine) => {
      const input = inputFolder();
      const file = join(input, 'watch_history.csv');
      const [header, ...rows] = readFileSync(file, 'utf8').trimEnd().split('\n');
      const many = Array.from({ length: 60 }, (_, i) => rows[0].replace('session_000001', `session_${String(1000 + i).padStart(6, '0')}`));
      many[10] = many[10].replace('95.5', 'n/a'); // 1 of 60 = 1.7%
      writeFileSync(file, [header, ...many].join('\n') + '\n');
      const config = configFor(input);
      await ingestAll(engine, config, 'run-1');
      const contract = (await import('../../src/contracts/index.js')).contractFor('watch_history');
      const results = await checkBronze(engine, config, 'run-1', [contract]);
      expect(results.find((c) => c.check === 'quarantine_share_high')).toMatchObject({ passed: false, action: 'warn', failedRecords: 1 });
      expect(results.find((c) => c.check === 'quarantine_share')).toMatchObject({ passed: true });
      // Looser limits from the config: nothing warns.
      const loose = await checkBronze(engine, { ...config, bronzeQuarantineShare: { warnAbove: 0.05, failAbove: 0.5 } }, 'run-1', [
        contract,
      ]);
      expect(loose.filter((c) => c.check.startsWith('quarantine_share')).every((c) => c.passed)).toBe(true);
    });
  });
});

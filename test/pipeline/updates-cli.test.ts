// Updates end to end through `marquee run`: a corrected users row arrives in a later batch. Until
// bronze loads `<table>_*.csv` files as batches, a later batch is fed the way bronze accepts it
// today: the same file name with new content, loaded by a second run.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { runCli } from '../helpers/cli.js';

const root = join(import.meta.dirname, '..', '..');
/** `marquee run <args>`, awaited (a synchronous child would freeze the test worker for the whole run). */
const marquee = (...args: string[]) => runCli(['run', ...args], { env: { TZ: 'UTC' } });

describe('marquee run with a corrected row in a later batch', () => {
  it('keeps the new value in silver, both versions in history, the change in meta.change_log, and says "1 rows updated"', async () => {
    const input = mkdtempSync(join(tmpdir(), 'marquee-upd-in-'));
    const warehouse = mkdtempSync(join(tmpdir(), 'marquee-upd-wh-'));
    cpSync(join(root, 'test', 'fixtures', 'good'), input, { recursive: true });
    const first = await marquee('--input', input, '--warehouse', warehouse, '--through', 'silver');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/silver\.change_log: 0 rows updated/);

    // Batch 2: the whole file again (exact re-sends) with one corrected city.
    const users = readFileSync(join(input, 'users.csv'), 'utf8');
    expect(users).toContain(',Texas,Port Mary,');
    writeFileSync(join(input, 'users.csv'), users.replace(',Texas,Port Mary,', ',Texas,Austin,'));
    const second = await marquee('--input', input, '--warehouse', warehouse, '--through', 'silver');
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/silver\.change_log: users: 1 rows updated/);

    const engine = await DuckDbEngine.open({ path: join(warehouse, 'marquee.duckdb') });
    try {
      expect(await engine.query(`SELECT city FROM silver.users WHERE user_id = 'user_00001'`)).toEqual([{ city: 'Austin' }]);
      const history = await engine.query<{ city: string; version: number; is_current: boolean; valid_to: string | null; batch_id: string }>(
        `SELECT city, version, is_current, valid_from, valid_to, batch_id FROM silver.users_history WHERE user_id = 'user_00001' ORDER BY version`,
      );
      expect(history.map((h) => [h.city, h.version, h.is_current])).toEqual([
        ['Port Mary', 1, false],
        ['Austin', 2, true],
      ]);
      expect(history[0].valid_to).toBe((history[1] as unknown as { valid_from: string }).valid_from);
      expect(history[1].valid_to).toBeNull();
      expect(history[0].batch_id).not.toBe(history[1].batch_id);

      const [run2] = await engine.query<{ run_id: string }>(`SELECT max(run_id) AS run_id FROM meta.runs`);
      expect(
        await engine.query(
          `SELECT dataset, key_value, changed_columns, old_values, new_values FROM meta.change_log WHERE run_id = '${run2.run_id}'`,
        ),
      ).toEqual([
        {
          dataset: 'users',
          key_value: 'user_00001',
          changed_columns: 'city',
          old_values: '{"city": "Port Mary"}',
          new_values: '{"city": "Austin"}',
        },
      ]);
      // The other rows of batch 2 are exact re-sends: duplicates, not updates.
      const [{ bronze }] = await engine.query<{ bronze: number }>(`SELECT count(*) AS bronze FROM bronze.users`);
      const [{ dups }] = await engine.query<{ dups: number }>(
        `SELECT count(*) AS dups FROM meta.dedup_log WHERE run_id = '${run2.run_id}' AND dataset = 'users' AND rule = 'exact_row'`,
      );
      const [{ silver }] = await engine.query<{ silver: number }>(`SELECT count(*) AS silver FROM silver.users`);
      expect(bronze).toBe(silver + dups + 1);
      const conservation = await engine.query<{ passed: boolean; sample: string }>(
        `SELECT passed, sample FROM meta.check_results WHERE run_id = '${run2.run_id}' AND kind = 'conservation' AND dataset = 'silver.users'`,
      );
      expect(conservation).toHaveLength(1);
      expect(conservation[0].passed).toBe(true);
      expect(conservation[0].sample).toContain('superseded by updates 1');
    } finally {
      await engine.close();
    }
  });
});

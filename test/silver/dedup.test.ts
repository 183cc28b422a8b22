import { describe, expect, it } from 'vitest';
import { writeDedupLog } from '../../src/silver/dedup-log.js';
import { buildSilver, createBronze, freshEngine } from './fixtures.js';

describe('deduplication', () => {
  it('keeps the latest version in arrival order and logs every exact re-send with its survivor', async () => {
    const engine = await freshEngine();
    await createBronze(engine, 'users', [
      { user_id: 'user_00001', city: 'First' },
      { user_id: 'user_00002' },
      { user_id: 'user_00001', city: 'First' }, // exact copy (line 4)
      { user_id: 'user_00001', city: 'Changed' }, // same key, other content (line 5)
      { user_id: 'user_00003', _batch_id: 'b0', _line_number: 99 }, // earlier batch wins over line order
      { user_id: 'user_00003', _batch_id: 'b1', _line_number: 2, city: 'Later batch' },
    ]);
    await buildSilver(engine, ['users']);
    const users = await engine.query('SELECT user_id, city, _line_number FROM silver.users ORDER BY user_id');
    // Same key, other content is an update (meta.change_log): the later line, then the later batch, wins.
    expect(users).toEqual([
      { user_id: 'user_00001', city: 'Changed', _line_number: 5 },
      { user_id: 'user_00002', city: 'Springfield', _line_number: 3 },
      { user_id: 'user_00003', city: 'Later batch', _line_number: 2 },
    ]);

    expect(await writeDedupLog(engine, 'run-1', 'users')).toBe(1);
    const log = await engine.query(`SELECT rule, key_value, dropped_batch_id, dropped_line_number, surviving_batch_id, surviving_line_number
      FROM meta.dedup_log WHERE run_id = 'run-1' ORDER BY key_value, dropped_line_number`);
    expect(log).toEqual([
      {
        rule: 'exact_row',
        key_value: 'user_00001',
        dropped_batch_id: 'b1',
        dropped_line_number: 4,
        surviving_batch_id: 'b1',
        surviving_line_number: 2,
      },
    ]);
    // Idempotent: a second write of the same run replaces its rows.
    expect(await writeDedupLog(engine, 'run-1', 'users')).toBe(1);
    const [{ n }] = await engine.query('SELECT count(*) AS n FROM meta.dedup_log');
    expect(n).toBe(1);
    await engine.close();
  });

  it('never merges users by email: a shared email is flagged on both users', async () => {
    const engine = await freshEngine();
    await createBronze(engine, 'users', [
      { user_id: 'user_00001', email: 'same@example.com', first_name: 'Ann' },
      { user_id: 'user_00002', email: 'Same@example.com ', first_name: 'Bob' },
      { user_id: 'user_00003', email: 'other@example.com' },
    ]);
    await buildSilver(engine, ['users']);
    const rows = await engine.query('SELECT user_id, is_email_shared FROM silver.users ORDER BY user_id');
    expect(rows).toEqual([
      { user_id: 'user_00001', is_email_shared: true },
      { user_id: 'user_00002', is_email_shared: true },
      { user_id: 'user_00003', is_email_shared: false },
    ]);
    expect(await writeDedupLog(engine, 'run-1', 'users')).toBe(0);
    await engine.close();
  });
});

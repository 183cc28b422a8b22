import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/pipeline/compile.js';
import { dialectFor } from '../../src/engine/dialect.js';
import { silverMacros, silverVars } from '../../src/silver/macros.js';
import { writeChangeLog } from '../../src/silver/change-log.js';
import { writeDedupLog } from '../../src/silver/dedup-log.js';
import { checkConservation } from '../../src/pipeline/conservation.js';
import { buildSilver, createBronze, freshEngine, modelText, TEST_KEY } from './fixtures.js';
import type { Engine } from '../../src/engine/engine.js';

async function buildHistory(engine: Engine, table: string): Promise<void> {
  const compiled = compileModel(
    modelText(`${table}_history`),
    dialectFor('duckdb'),
    `silver.${table}_history`,
    silverVars({ pseudonymKey: TEST_KEY, warehouse: '/nonexistent-warehouse' }),
    silverMacros,
  );
  await engine.exec(`CREATE OR REPLACE TABLE silver.${table}_history AS ${compiled.sql}`);
}

describe('updates with history', () => {
  it('a corrected row in a later batch wins; history keeps both versions; change_log names the changed column', async () => {
    const engine = await freshEngine();
    await createBronze(engine, 'users', [
      { user_id: 'user_00001', city: 'Old', _batch_id: 'b1', _line_number: 2 },
      { user_id: 'user_00002', _batch_id: 'b1', _line_number: 3 },
      { user_id: 'user_00001', city: 'New', _batch_id: 'b2', _line_number: 2 },
      { user_id: 'user_00002', _batch_id: 'b2', _line_number: 3 }, // exact re-send
    ]);
    await buildSilver(engine, ['users']);
    expect(await engine.query('SELECT user_id, city, _batch_id FROM silver.users ORDER BY user_id')).toEqual([
      { user_id: 'user_00001', city: 'New', _batch_id: 'b2' },
      { user_id: 'user_00002', city: 'Springfield', _batch_id: 'b1' },
    ]);

    await buildHistory(engine, 'users');
    const history =
      await engine.query(`SELECT user_id, city, version, CAST(valid_from AS VARCHAR) AS valid_from, CAST(valid_to AS VARCHAR) AS valid_to, is_current, batch_id
      FROM silver.users_history ORDER BY user_id, version`);
    // The fixture's batches were all loaded at 2025-01-01 00:00:00 and their file names hold no month.
    expect(history).toEqual([
      {
        user_id: 'user_00001',
        city: 'Old',
        version: 1,
        valid_from: '2025-01-01 00:00:00',
        valid_to: '2025-01-01 00:00:00',
        is_current: false,
        batch_id: 'b1',
      },
      {
        user_id: 'user_00001',
        city: 'New',
        version: 2,
        valid_from: '2025-01-01 00:00:00',
        valid_to: null,
        is_current: true,
        batch_id: 'b2',
      },
      {
        user_id: 'user_00002',
        city: 'Springfield',
        version: 1,
        valid_from: '2025-01-01 00:00:00',
        valid_to: null,
        is_current: true,
        batch_id: 'b1',
      },
    ]);
    // Personal data stays pseudonymised in history too.
    const columns = (await engine.listColumns('silver.users_history')).map((c) => c.column_name);
    expect(columns).toContain('email_pseudonym');
    expect(columns).not.toContain('email');

    expect(await writeChangeLog(engine, 'run-1', 'users')).toBe(1);
    expect(
      await engine.query(
        'SELECT dataset, key_value, old_batch_id, new_batch_id, changed_columns, old_values, new_values FROM meta.change_log',
      ),
    ).toEqual([
      {
        dataset: 'users',
        key_value: 'user_00001',
        old_batch_id: 'b1',
        new_batch_id: 'b2',
        changed_columns: 'city',
        old_values: '{"city": "Old"}',
        new_values: '{"city": "New"}',
      },
    ]);
    // The exact re-send is a duplicate, not an update.
    expect(await writeDedupLog(engine, 'run-1', 'users')).toBe(1);
    expect(await engine.query('SELECT rule, key_value, dropped_batch_id, surviving_batch_id FROM meta.dedup_log')).toEqual([
      { rule: 'exact_row', key_value: 'user_00002', dropped_batch_id: 'b2', surviving_batch_id: 'b1' },
    ]);
    // Conservation: 4 bronze rows = 2 silver + 1 duplicate + 1 superseded version.
    const [result] = await checkConservation(engine, 'run-1', ['users']);
    expect(result).toMatchObject({ bronzeRows: 4, silverRows: 2, dedupRows: 1, updatedRows: 1, quarantinedRows: 0, ok: true });
    await engine.close();
  });

  it('within a batch the later line wins; a re-send of the version before the latest is an update back', async () => {
    const engine = await freshEngine();
    await createBronze(engine, 'movies', [
      { movie_id: 'movie_0001', title: 'A', _line_number: 2 },
      { movie_id: 'movie_0001', title: 'B', imdb_rating: 8, _line_number: 5 },
      { movie_id: 'movie_0001', title: 'B', imdb_rating: 8, _line_number: 6 }, // duplicate of line 5
      { movie_id: 'movie_0001', title: 'A', _batch_id: 'b2', _line_number: 2 }, // back to A: an update
    ]);
    await buildSilver(engine, ['movies']);
    expect(await engine.query('SELECT title, imdb_rating, _batch_id, _line_number FROM silver.movies')).toEqual([
      { title: 'A', imdb_rating: 7, _batch_id: 'b2', _line_number: 2 },
    ]);
    expect(await writeChangeLog(engine, 'r', 'movies')).toBe(2);
    expect(
      await engine.query(
        'SELECT old_line_number, new_batch_id, new_line_number, changed_columns, old_values, new_values FROM meta.change_log ORDER BY new_batch_id, new_line_number',
      ),
    ).toEqual([
      {
        old_line_number: 2,
        new_batch_id: 'b1',
        new_line_number: 5,
        changed_columns: 'title,imdb_rating',
        old_values: '{"title": "A", "imdb_rating": "7.0"}',
        new_values: '{"title": "B", "imdb_rating": "8.0"}',
      },
      {
        old_line_number: 5,
        new_batch_id: 'b2',
        new_line_number: 2,
        changed_columns: 'title,imdb_rating',
        old_values: '{"title": "B", "imdb_rating": "8.0"}',
        new_values: '{"title": "A", "imdb_rating": "7.0"}',
      },
    ]);
    expect(await writeDedupLog(engine, 'r', 'movies')).toBe(1);
    const [result] = await checkConservation(engine, 'r', ['movies']);
    expect(result).toMatchObject({ bronzeRows: 4, silverRows: 1, dedupRows: 1, updatedRows: 2, ok: true });
    await engine.close();
  });

  it('valid_from is the month in the file name when it has one', async () => {
    const engine = await freshEngine();
    await engine.exec('CREATE SCHEMA IF NOT EXISTS bronze');
    await createBronze(engine, 'users', [
      { user_id: 'user_00001', monthly_spend: 10, _batch_id: 'b1' },
      { user_id: 'user_00001', monthly_spend: 15, _batch_id: 'b2' },
      { user_id: 'user_00001', monthly_spend: 20, _batch_id: 'b3' },
    ]);
    await engine.exec(
      `UPDATE bronze.users SET _source_file = CASE _batch_id WHEN 'b1' THEN '/in/users_2025_07.csv' WHEN 'b2' THEN '/in/users/2025-08.csv' ELSE '/in/users_2025_09_30_export.csv' END`,
    );
    await buildHistory(engine, 'users');
    expect(
      await engine.query(
        `SELECT monthly_spend, CAST(valid_from AS DATE) AS valid_from, CAST(valid_to AS DATE) AS valid_to FROM silver.users_history ORDER BY version`,
      ),
    ).toEqual([
      { monthly_spend: 10, valid_from: '2025-07-01', valid_to: '2025-08-01' },
      { monthly_spend: 15, valid_from: '2025-08-01', valid_to: '2025-09-01' },
      { monthly_spend: 20, valid_from: '2025-09-01', valid_to: null },
    ]);
    await engine.close();
  });
});

// Late or missing parents end to end: a session names a title that movies.csv lacks. The session
// keeps flowing (an inferred title in silver), the relationship checks warn with the movie id, gold
// succeeds; when the title arrives in a later batch it replaces the inferred row. A later batch is
// fed the way bronze accepts it today: the same file name with new content, loaded by the next run.
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { runCli } from '../helpers/cli.js';

const root = join(import.meta.dirname, '..', '..');
/** `marquee run <args>`, awaited (a synchronous child would freeze the test worker for the whole run). */
const marquee = (...args: string[]) => runCli(['run', ...args], { env: { TZ: 'UTC' } });

async function withWarehouse<T>(warehouse: string, fn: (engine: DuckDbEngine) => Promise<T>): Promise<T> {
  const engine = await DuckDbEngine.open({ path: join(warehouse, 'marquee.duckdb') });
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}

describe('a session whose movie_id is missing from movies', () => {
  it('gets an inferred title, warns with the movie id, keeps gold whole, and is replaced when the title arrives', async () => {
    const input = mkdtempSync(join(tmpdir(), 'marquee-inf-in-'));
    const warehouse = mkdtempSync(join(tmpdir(), 'marquee-inf-wh-'));
    cpSync(join(root, 'test', 'fixtures', 'good'), input, { recursive: true });
    appendFileSync(
      join(input, 'watch_history.csv'),
      'session_000099,user_00001,movie_0999,2025-09-20,Mobile,30.0,40.0,paused,HD,USA,False,\n',
    );

    const first = await marquee('--input', input, '--warehouse', warehouse, '--through', 'gold');
    expect(first.status, first.stdout + first.stderr).toBe(0);
    await withWarehouse(warehouse, async (engine) => {
      const [run] = await engine.query<{ run_id: string }>(`SELECT max(run_id) AS run_id FROM meta.runs`);
      expect(
        await engine.query(
          `SELECT movie_id, title, genre_primary, imdb_rating, imdb_rating_was_imputed, is_inferred FROM silver.movies WHERE movie_id = 'movie_0999'`,
        ),
      ).toEqual([
        { movie_id: 'movie_0999', title: null, genre_primary: null, imdb_rating: null, imdb_rating_was_imputed: null, is_inferred: true },
      ]);
      expect(await engine.query(`SELECT count(*) AS n FROM silver.movies WHERE is_inferred`)).toEqual([{ n: 1 }]);
      expect(await engine.query(`SELECT session_id, movie_id FROM silver.watch_history WHERE session_id = 'session_000099'`)).toEqual([
        { session_id: 'session_000099', movie_id: 'movie_0999' },
      ]);
      // Both relationship checks warn with the count and the movie id itself as the sample.
      const checks = await engine.query<{
        dataset: string;
        check_name: string;
        action: string;
        failed_records: number;
        sample: string;
      }>(`SELECT dataset, check_name, action, failed_records, sample FROM meta.check_results
        WHERE run_id = '${run.run_id}' AND check_name IN ('movie_id_exists_in_movies', 'movie_id_not_inferred') AND NOT passed ORDER BY dataset`);
      expect(checks).toEqual([
        {
          dataset: 'bronze.watch_history',
          check_name: 'movie_id_exists_in_movies',
          action: 'warn',
          failed_records: 1,
          sample: '["movie_0999"]',
        },
        { dataset: 'silver.movies', check_name: 'movie_id_not_inferred', action: 'warn', failed_records: 1, sample: '["movie_0999"]' },
      ]);
      // Gold succeeded and holds the session: no gold step failed, the title week has it.
      expect(await engine.query(`SELECT count(*) AS n FROM meta.step_runs WHERE run_id = '${run.run_id}' AND status <> 'ok'`)).toEqual([
        { n: 0 },
      ]);
      expect(await engine.query(`SELECT views FROM gold.kpi_content_by_title_week WHERE movie_id = 'movie_0999'`)).toEqual([{ views: 1 }]);
      expect(await engine.query(`SELECT passed FROM gold.reconciliation WHERE comparison = 'sessions_by_title'`)).toEqual([
        { passed: true },
      ]);
      // Conservation counts only real titles.
      const [conservation] = await engine.query<{ passed: boolean }>(
        `SELECT passed FROM meta.check_results WHERE run_id = '${run.run_id}' AND kind = 'conservation' AND dataset = 'silver.movies'`,
      );
      expect(conservation.passed).toBe(true);
    });

    // The real title arrives in a later batch.
    appendFileSync(
      join(input, 'movies.csv'),
      'movie_0999,Late Arrival,Movie,Comedy,,2024,95.0,PG,English,USA,6.5,1000000.0,2000000.0,,,False,2024-06-01,False\n',
    );
    const second = await marquee('--input', input, '--warehouse', warehouse, '--through', 'gold');
    expect(second.status, second.stdout + second.stderr).toBe(0);
    await withWarehouse(warehouse, async (engine) => {
      const [run] = await engine.query<{ run_id: string }>(`SELECT max(run_id) AS run_id FROM meta.runs`);
      expect(
        await engine.query(`SELECT movie_id, title, genre_primary, is_inferred FROM silver.movies WHERE movie_id = 'movie_0999'`),
      ).toEqual([{ movie_id: 'movie_0999', title: 'Late Arrival', genre_primary: 'Comedy', is_inferred: false }]);
      expect(await engine.query(`SELECT count(*) AS n FROM silver.movies WHERE is_inferred`)).toEqual([{ n: 0 }]);
      expect(
        await engine.query(`SELECT passed FROM meta.check_results WHERE run_id = '${run.run_id}' AND check_name = 'movie_id_not_inferred'`),
      ).toEqual([{ passed: true }]);
      expect(await engine.query(`SELECT title, views FROM gold.kpi_content_by_title WHERE movie_id = 'movie_0999'`)).toEqual([
        { title: 'Late Arrival', views: 1 },
      ]);
    });
  });
});

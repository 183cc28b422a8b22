import { describe, expect, it } from 'vitest';
import { runChecks, applyDropChecks } from '../../src/quality/run-checks.js';
import { ruleChecks, parseActionOverrides } from '../../src/silver/anomaly-rules.js';
import { writeDedupLog } from '../../src/silver/dedup-log.js';
import { buildSilver, compileSilver, createBronze, createEmptyBronze, freshEngine } from './fixtures.js';
import type { Engine } from '../../src/engine/engine.js';

async function failedByCheck(engine: Engine, dataset: string): Promise<Record<string, number>> {
  const results = await runChecks(engine, ruleChecks(dataset, {}), { runId: 'r', layer: 'silver' });
  return Object.fromEntries(results.map((r) => [r.check, r.failedRecords]));
}

describe('anomaly rules (flag + check, default warn)', () => {
  it('users: invalid ages blanked and flagged, spend outliers by MAD and by the 200+ band, users kept', async () => {
    const engine = await freshEngine();
    await createBronze(engine, 'users', [
      { user_id: 'user_00001', age: 3, monthly_spend: 10 },
      { user_id: 'user_00002', age: 111, monthly_spend: 11 },
      { user_id: 'user_00003', age: 110, monthly_spend: 12 },
      { user_id: 'user_00004', age: 5, monthly_spend: 13 },
      { user_id: 'user_00005', age: 50, monthly_spend: 14 },
      { user_id: 'user_00006', age: 40, monthly_spend: 150 },
      { user_id: 'user_00007', age: 40, monthly_spend: 200 },
    ]);
    await buildSilver(engine, ['users']);
    const rows = await engine.query(
      'SELECT age_reported, age_was_invalid, age_was_imputed, is_spend_outlier, is_spend_in_outlier_band, is_spend_mad_flagged FROM silver.users ORDER BY user_id',
    );
    expect(rows.map((r) => [r.age_reported, r.age_was_invalid, r.age_was_imputed])).toEqual([
      [3, true, true],
      [111, true, true],
      [110, false, false],
      [5, false, false],
      [50, false, false],
      [40, false, false],
      [40, false, false],
    ]);
    // Spend median 13, MAD 2 -> limit 13 +- 5 x 1.4826 x 2 = 13 +- 14.8: 150 is an outlier; 200 is in the band.
    expect(rows.map((r) => r.is_spend_outlier)).toEqual([false, false, false, false, false, true, true]);
    // The two rules apart: 200 is in the band (MRR leaves it out), 150 only MAD-flagged (kept in MRR).
    expect(rows.map((r) => r.is_spend_in_outlier_band)).toEqual([false, false, false, false, false, false, true]);
    expect(rows.map((r) => r.is_spend_mad_flagged)).toEqual([false, false, false, false, false, true, false]);
    expect(await failedByCheck(engine, 'silver.users')).toEqual({
      age_plausible: 2,
      spend_outside_outlier_band: 1,
      spend_within_mad_limit: 1,
      email_not_shared: 7,
      device_canonical: 0,
    });
    await engine.close();
  });

  it('movies and sessions: implausible title lengths, binge, invalid duration, watch over 3x title, progress vs action, before title added', async () => {
    const engine = await freshEngine();
    await createEmptyBronze(engine, ['movies', 'watch_history']);
    await createBronze(engine, 'movies', [
      { movie_id: 'movie_0001', content_type: 'Movie', duration_minutes: 0 },
      { movie_id: 'movie_0002', content_type: 'Movie', duration_minutes: 29 },
      { movie_id: 'movie_0003', content_type: 'Documentary', duration_minutes: 20, production_budget: null, box_office_revenue: null },
      { movie_id: 'movie_0004', content_type: 'Movie', duration_minutes: 301 },
      { movie_id: 'movie_0005', content_type: 'Movie', duration_minutes: 100, added_to_platform: '2024-05-01' },
    ]);
    await createBronze(engine, 'watch_history', [
      { session_id: 'session_000001', movie_id: 'movie_0004', watch_duration_minutes: 300 },
      { session_id: 'session_000002', movie_id: 'movie_0004', watch_duration_minutes: 301 },
      { session_id: 'session_000003', movie_id: 'movie_0004', watch_duration_minutes: 781 },
      { session_id: 'session_000004', movie_id: 'movie_0003', watch_duration_minutes: 61 },
      { session_id: 'session_000005', movie_id: 'movie_0003', watch_duration_minutes: 60, action: 'completed', progress_percentage: 49 },
      {
        session_id: 'session_000006',
        movie_id: 'movie_0003',
        watch_duration_minutes: 5,
        action: 'completed',
        progress_percentage: 50,
        watch_date: '2021-01-01',
      },
      { session_id: 'session_000007', movie_id: 'movie_0005', watch_duration_minutes: null, watch_date: '2024-04-30' },
    ]);
    await buildSilver(engine, ['movies', 'watch_history']);
    const movies = await engine.query('SELECT is_duration_implausible AS f FROM silver.movies ORDER BY movie_id');
    expect(movies.map((m) => m.f)).toEqual([true, true, false, true, false]);
    const sessions =
      await engine.query(`SELECT is_binge, is_invalid_duration, is_watch_over_title_multiple, is_progress_inconsistent, is_before_title_added
      FROM silver.watch_history ORDER BY session_id`);
    expect(sessions.map((s) => Object.values(s))).toEqual([
      [false, false, false, false, false],
      [true, false, false, false, false],
      [true, true, false, false, false],
      [false, false, true, false, false],
      [false, false, false, true, false],
      [false, false, false, false, false],
      [false, false, false, false, true],
    ]);
    expect(await failedByCheck(engine, 'silver.movies')).toEqual({ title_duration_plausible: 3 });
    expect(await failedByCheck(engine, 'silver.watch_history')).toEqual({
      session_not_binge: 2,
      session_duration_valid: 1,
      watch_within_title_multiple: 1,
      progress_consistent_with_action: 1,
      session_after_title_added: 1,
      device_canonical: 0,
    });
    await engine.close();
  });

  it('searches, reviews and events before signup', async () => {
    const engine = await freshEngine();
    await createEmptyBronze(engine, ['users', 'search_logs', 'reviews', 'watch_history', 'recommendation_logs']);
    await createBronze(engine, 'users', [{ user_id: 'user_00001', created_at: '2024-06-01 12:00:00' }]);
    await createBronze(engine, 'search_logs', [
      { search_id: 'search_000001', results_returned: 3, clicked_result_position: 4 },
      { search_id: 'search_000002', results_returned: 0, clicked_result_position: 1 },
      { search_id: 'search_000003', results_returned: 3, clicked_result_position: 3, search_date: '2024-05-31' },
      { search_id: 'search_000004', results_returned: 0, clicked_result_position: null },
    ]);
    await createBronze(engine, 'reviews', [
      { review_id: 'review_000001', rating: 3, sentiment: 'positive' },
      { review_id: 'review_000002', rating: 2, sentiment: 'negative', review_date: '2024-05-01' },
    ]);
    await createBronze(engine, 'watch_history', [
      { session_id: 'session_000001', watch_date: '2024-05-31' },
      { session_id: 'session_000002', watch_date: '2024-06-01' },
    ]);
    await createBronze(engine, 'recommendation_logs', [{ recommendation_id: 'rec_000001', recommendation_date: '2024-01-01' }]);
    await buildSilver(engine);
    expect(await failedByCheck(engine, 'silver.search_logs')).toEqual({ click_within_results: 2, device_canonical: 0 });
    expect(await failedByCheck(engine, 'silver.reviews')).toEqual({ sentiment_matches_rating: 1, device_canonical: 0 });
    expect(await failedByCheck(engine, 'silver.int_sessions_joined_to_titles')).toEqual({ session_after_signup: 1 });
    expect(await failedByCheck(engine, 'silver.int_searches_attributed_to_watches')).toEqual({ search_after_signup: 1 });
    expect(await failedByCheck(engine, 'silver.int_recommendations_attributed_to_watches')).toEqual({ impression_after_signup: 1 });
    // review_000002 is before signup and has no watch before it while claiming one: both rules fire.
    expect(await failedByCheck(engine, 'silver.int_reviews_matched_to_watches')).toEqual({
      review_after_signup: 1,
      verified_watch_consistent: 1,
    });
    const [check] = await engine.query(
      `SELECT failed_records, action, reason_code FROM meta.check_results WHERE check_name = 'click_within_results'`,
    );
    expect(check).toEqual({ failed_records: 2, action: 'warn', reason_code: 'CLICK_BEYOND_RESULTS' });
    await engine.close();
  });
});

describe('configurable action: drop', () => {
  it('parses overrides and rejects unknown codes or actions', () => {
    expect(parseActionOverrides('SESSION_INVALID_DURATION=drop, AGE_OUT_OF_RANGE=fail')).toEqual({
      SESSION_INVALID_DURATION: 'drop',
      AGE_OUT_OF_RANGE: 'fail',
    });
    expect(() => parseActionOverrides('NOPE=drop')).toThrow(/unknown reason code 'NOPE'/);
    expect(() => parseActionOverrides('AGE_OUT_OF_RANGE=delete')).toThrow(/warn, drop or fail/);
    expect(
      ruleChecks('silver.watch_history', { SESSION_INVALID_DURATION: 'drop' }).find((c) => c.reasonCode === 'SESSION_INVALID_DURATION')
        ?.action,
    ).toBe('drop');
  });

  it('moves invalid-duration sessions to quarantine and keeps conservation: bronze = silver + dedup_log + quarantine', async () => {
    const engine = await freshEngine();
    await createEmptyBronze(engine, ['watch_history']);
    await createBronze(engine, 'watch_history', [
      { session_id: 'session_000001', watch_duration_minutes: 10 },
      { session_id: 'session_000002', watch_duration_minutes: 900 },
      { session_id: 'session_000003', watch_duration_minutes: 20 },
      { session_id: 'session_000002', watch_duration_minutes: 900 }, // duplicate of the invalid one
      { session_id: 'session_000004', watch_duration_minutes: 800 },
    ]);
    await buildSilver(engine, ['movies']);
    await engine.exec(`CREATE TABLE silver.watch_history__tmp AS ${compileSilver('watch_history')}`);
    const checks = ruleChecks('silver.watch_history', { SESSION_INVALID_DURATION: 'drop' });
    const outcome = await applyDropChecks(engine, 'silver.watch_history__tmp', checks, {
      runId: 'run-1',
      layer: 'silver',
      sourceTable: 'watch_history',
    });
    expect(outcome.quarantined).toBe(2);
    await engine.swapTable('silver.watch_history__tmp', 'silver.watch_history');
    await writeDedupLog(engine, 'run-1', 'watch_history');

    const kept = await engine.query('SELECT session_id FROM silver.watch_history ORDER BY session_id');
    expect(kept.map((r) => r.session_id)).toEqual(['session_000001', 'session_000003']);
    const quarantined = await engine.query(
      `SELECT line_number, reason_code FROM quarantine.watch_history WHERE run_id = 'run-1' AND layer = 'silver' ORDER BY line_number`,
    );
    expect(quarantined).toEqual([
      { line_number: 3, reason_code: 'SESSION_INVALID_DURATION' },
      { line_number: 6, reason_code: 'SESSION_INVALID_DURATION' },
    ]);
    const [c] = await engine.query(`SELECT
      (SELECT count(*) FROM bronze.watch_history) AS bronze,
      (SELECT count(*) FROM silver.watch_history) AS silver,
      (SELECT count(*) FROM meta.dedup_log WHERE run_id = 'run-1' AND dataset = 'watch_history') AS dedup,
      (SELECT count(*) FROM quarantine.watch_history WHERE run_id = 'run-1' AND layer = 'silver') AS quarantine`);
    expect(c).toEqual({ bronze: 5, silver: 2, dedup: 1, quarantine: 2 });
    await engine.close();
  });
});

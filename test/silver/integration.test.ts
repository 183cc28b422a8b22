import { describe, expect, it } from 'vitest';
import { buildSilver, createBronze, createEmptyBronze, freshEngine } from './fixtures.js';

describe('integration models', () => {
  it('attributes a recommendation to a watch of the same title within 7 days after, not before or later', async () => {
    const engine = await freshEngine();
    await createEmptyBronze(engine, ['watch_history', 'recommendation_logs']);
    await createBronze(engine, 'watch_history', [
      { session_id: 'session_000001', movie_id: 'movie_0001', watch_date: '2024-06-08' },
      { session_id: 'session_000002', movie_id: 'movie_0001', watch_date: '2024-06-05' },
      { session_id: 'session_000003', movie_id: 'movie_0002', watch_date: '2024-06-02' },
    ]);
    await createBronze(engine, 'recommendation_logs', [
      { recommendation_id: 'rec_000001', movie_id: 'movie_0001', recommendation_date: '2024-06-01' }, // watched 06-05 and 06-08 (day 7)
      { recommendation_id: 'rec_000002', movie_id: 'movie_0001', recommendation_date: '2024-06-09' }, // watches were before
      { recommendation_id: 'rec_000003', movie_id: 'movie_0002', recommendation_date: '2024-05-25' }, // 8 days later: outside
      { recommendation_id: 'rec_000004', movie_id: 'movie_0003', recommendation_date: '2024-06-01' }, // other title
    ]);
    await buildSilver(engine);
    const rows = await engine.query(`SELECT watched_within_window, attributed_watch_date, days_to_watch, sessions_in_window
      FROM silver.int_recommendations_attributed_to_watches ORDER BY recommendation_id`);
    expect(rows).toEqual([
      { watched_within_window: true, attributed_watch_date: '2024-06-05', days_to_watch: 4, sessions_in_window: 2 },
      { watched_within_window: false, attributed_watch_date: null, days_to_watch: null, sessions_in_window: 0 },
      { watched_within_window: false, attributed_watch_date: null, days_to_watch: null, sessions_in_window: 0 },
      { watched_within_window: false, attributed_watch_date: null, days_to_watch: null, sessions_in_window: 0 },
    ]);
    await engine.close();
  });

  it('links a search to any watch by the user on the same or the next day', async () => {
    const engine = await freshEngine();
    await createEmptyBronze(engine, ['watch_history', 'search_logs']);
    await createBronze(engine, 'watch_history', [{ session_id: 'session_000001', watch_date: '2024-06-02' }]);
    await createBronze(engine, 'search_logs', [
      { search_id: 'search_000001', search_date: '2024-06-01' },
      { search_id: 'search_000002', search_date: '2024-06-02' },
      { search_id: 'search_000003', search_date: '2024-05-31' },
      { search_id: 'search_000004', search_date: '2024-06-01', user_id: 'user_00002' },
    ]);
    await buildSilver(engine);
    const rows = await engine.query('SELECT watched_within_window FROM silver.int_searches_attributed_to_watches ORDER BY search_id');
    expect(rows.map((r) => r.watched_within_window)).toEqual([true, true, false, false]);
    await engine.close();
  });

  it('matches reviews with earlier watches of the title and checks is_verified_watch', async () => {
    const engine = await freshEngine();
    await createEmptyBronze(engine, ['watch_history', 'reviews']);
    await createBronze(engine, 'watch_history', [
      { session_id: 'session_000001', movie_id: 'movie_0001', watch_date: '2024-06-01' },
      { session_id: 'session_000002', movie_id: 'movie_0002', watch_date: '2024-07-01' },
    ]);
    await createBronze(engine, 'reviews', [
      { review_id: 'review_000001', movie_id: 'movie_0001', review_date: '2024-06-01', is_verified_watch: true },
      { review_id: 'review_000002', movie_id: 'movie_0002', review_date: '2024-06-01', is_verified_watch: true },
      { review_id: 'review_000003', movie_id: 'movie_0003', review_date: '2024-06-01', is_verified_watch: false },
    ]);
    await buildSilver(engine);
    const rows = await engine.query(`SELECT sessions_of_title, sessions_before_review, has_watch_before_review, is_verified_watch_consistent
      FROM silver.int_reviews_matched_to_watches ORDER BY review_id`);
    expect(rows).toEqual([
      { sessions_of_title: 1, sessions_before_review: 1, has_watch_before_review: true, is_verified_watch_consistent: true },
      { sessions_of_title: 1, sessions_before_review: 0, has_watch_before_review: false, is_verified_watch_consistent: false },
      { sessions_of_title: 0, sessions_before_review: 0, has_watch_before_review: false, is_verified_watch_consistent: true },
    ]);
    await engine.close();
  });

  it('computes session features and rolls activity up per user and day', async () => {
    const engine = await freshEngine();
    await createEmptyBronze(engine, ['users', 'movies', 'watch_history']);
    await createBronze(engine, 'users', [{ user_id: 'user_00001', created_at: '2024-05-30 23:00:00', age: 30 }]);
    await createBronze(engine, 'movies', [
      { movie_id: 'movie_0001', duration_minutes: 100, added_to_platform: '2024-05-01', genre_primary: 'Horror' },
    ]);
    await createBronze(engine, 'watch_history', [
      { session_id: 'session_000001', watch_date: '2024-06-01', watch_duration_minutes: 50, action: 'completed', progress_percentage: 90 }, // Saturday
      { session_id: 'session_000002', watch_date: '2024-06-03', watch_duration_minutes: 900 }, // Monday, invalid duration
      { session_id: 'session_000003', watch_date: '2024-06-03', watch_duration_minutes: 30 },
    ]);
    await buildSilver(engine);
    const [s] =
      await engine.query(`SELECT completion_ratio, watch_iso_dow, is_weekend, watch_month, watch_year_month, days_since_signup, days_since_title_added, age_band, genre_primary
      FROM silver.int_sessions_joined_to_titles WHERE session_id = 'session_000001'`);
    expect(s).toEqual({
      completion_ratio: 0.5,
      watch_iso_dow: 6,
      is_weekend: true,
      watch_month: 6,
      watch_year_month: '2024-06',
      days_since_signup: 2,
      days_since_title_added: 31,
      age_band: '25-34',
      genre_primary: 'Horror',
    });
    const days = await engine.query(
      'SELECT activity_date, sessions, watch_minutes, completed_sessions, binge_sessions, reviews FROM silver.int_user_activity_rolled_up_by_day ORDER BY activity_date',
    );
    expect(days).toEqual([
      { activity_date: '2024-06-01', sessions: 1, watch_minutes: 50, completed_sessions: 1, binge_sessions: 0, reviews: 0 },
      { activity_date: '2024-06-03', sessions: 2, watch_minutes: 30, completed_sessions: 0, binge_sessions: 1, reviews: 0 },
    ]);
    await engine.close();
  });
});

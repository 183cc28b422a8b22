import { describe, expect, it } from 'vitest';
import { buildSilver, createBronze, createEmptyBronze, freshEngine } from './fixtures.js';

describe('imputation strategies', () => {
  it('users: age by plan and country (overall median when the group has none), gender Unknown, spend by plan, household median', async () => {
    const engine = await freshEngine();
    await createBronze(engine, 'users', [
      { user_id: 'user_00001', subscription_plan: 'Basic', country: 'USA', age: 20, monthly_spend: 8, household_size: 1 },
      { user_id: 'user_00002', subscription_plan: 'Basic', country: 'USA', age: 31, monthly_spend: 10, household_size: 2 },
      {
        user_id: 'user_00003',
        subscription_plan: 'Basic',
        country: 'USA',
        age: null,
        monthly_spend: null,
        household_size: null,
        gender: null,
      },
      { user_id: 'user_00004', subscription_plan: 'Premium', country: 'Canada', age: 60, monthly_spend: 20, household_size: 5 },
      { user_id: 'user_00005', subscription_plan: 'Premium', country: 'Canada', age: -3, monthly_spend: null },
      { user_id: 'user_00006', subscription_plan: 'Premium', country: 'USA', age: null, monthly_spend: 30 },
    ]);
    await buildSilver(engine, ['users']);
    const rows = await engine.query(`SELECT user_id, age, age_was_imputed, age_was_invalid, gender, gender_was_imputed, monthly_spend,
      monthly_spend_was_imputed, household_size, household_size_was_imputed FROM silver.users ORDER BY user_id`);
    // Basic/USA ages 20, 31 -> median 25.5 -> 26; Premium/Canada has only 60 (the -3 is blanked);
    // Premium/USA has none -> overall median of 20, 31, 60 = 31. Spend: Basic 8, 10 -> 9; Premium 20, 30 -> 25.
    // Household: 1, 2, 5, 2 (defaults 2 for users 5 and 6) -> median 2.
    expect(rows.map((r) => [r.user_id, r.age, r.age_was_imputed, r.age_was_invalid])).toEqual([
      ['user_00001', 20, false, false],
      ['user_00002', 31, false, false],
      ['user_00003', 26, true, false],
      ['user_00004', 60, false, false],
      ['user_00005', 60, true, true],
      ['user_00006', 31, true, false],
    ]);
    expect(rows[2]).toMatchObject({
      gender: 'Unknown',
      gender_was_imputed: true,
      monthly_spend: 9,
      monthly_spend_was_imputed: true,
      household_size: 2,
      household_size_was_imputed: true,
    });
    expect(rows[4]).toMatchObject({ monthly_spend: 25, monthly_spend_was_imputed: true, gender: 'Female', gender_was_imputed: false });
    expect(rows[0]).toMatchObject({ monthly_spend: 8, monthly_spend_was_imputed: false, household_size: 1 });
    await engine.close();
  });

  it('movies: imdb by genre; budget and revenue only within Movie; seasons only within series', async () => {
    const engine = await freshEngine();
    await createBronze(engine, 'movies', [
      { movie_id: 'movie_0001', genre_primary: 'Drama', imdb_rating: 6, production_budget: 100, box_office_revenue: 1000 },
      { movie_id: 'movie_0002', genre_primary: 'Drama', imdb_rating: 8, production_budget: 300, box_office_revenue: null },
      { movie_id: 'movie_0003', genre_primary: 'Drama', imdb_rating: null, production_budget: null, box_office_revenue: null },
      {
        movie_id: 'movie_0004',
        genre_primary: 'Horror',
        imdb_rating: 4,
        content_type: 'TV Series',
        production_budget: null,
        box_office_revenue: null,
        number_of_seasons: 3,
        number_of_episodes: 30,
      },
      {
        movie_id: 'movie_0005',
        genre_primary: 'Horror',
        imdb_rating: null,
        content_type: 'TV Series',
        production_budget: null,
        box_office_revenue: null,
        number_of_seasons: null,
        number_of_episodes: 12,
      },
      {
        movie_id: 'movie_0006',
        genre_primary: 'Comedy',
        imdb_rating: null,
        content_type: 'Stand-up Comedy',
        production_budget: null,
        box_office_revenue: null,
      },
    ]);
    await buildSilver(engine, ['movies']);
    const rows =
      await engine.query(`SELECT movie_id, imdb_rating, imdb_rating_was_imputed, production_budget, production_budget_was_imputed,
      box_office_revenue, number_of_seasons, number_of_seasons_was_imputed FROM silver.movies ORDER BY movie_id`);
    expect(rows.map((r) => [r.imdb_rating, r.imdb_rating_was_imputed])).toEqual([
      [6, false],
      [8, false],
      [7, true],
      [4, false],
      [4, true],
      [6, true],
    ]);
    expect(rows.map((r) => [r.production_budget, r.production_budget_was_imputed])).toEqual([
      [100, false],
      [300, false],
      [200, true],
      [null, false],
      [null, false],
      [null, false],
    ]);
    expect(rows.map((r) => r.box_office_revenue)).toEqual([1000, 1000, 1000, null, null, null]);
    expect(rows.map((r) => [r.number_of_seasons, r.number_of_seasons_was_imputed])).toEqual([
      [null, false],
      [null, false],
      [null, false],
      [3, false],
      [3, true],
      [null, false],
    ]);
    await engine.close();
  });

  it('watch_history: duration from progress x title length, else median by action and device; progress and rating left blank', async () => {
    const engine = await freshEngine();
    await createEmptyBronze(engine, ['movies', 'watch_history']);
    await createBronze(engine, 'movies', [{ movie_id: 'movie_0001', duration_minutes: 120 }]);
    await createBronze(engine, 'watch_history', [
      { session_id: 'session_000001', action: 'paused', device_type: 'Mobile', watch_duration_minutes: 10 },
      { session_id: 'session_000002', action: 'paused', device_type: 'Mobile', watch_duration_minutes: 30 },
      { session_id: 'session_000003', action: 'paused', device_type: 'Mobile', watch_duration_minutes: null, progress_percentage: 25 },
      { session_id: 'session_000004', action: 'paused', device_type: 'Mobile', watch_duration_minutes: null, progress_percentage: null },
      {
        session_id: 'session_000005',
        action: 'started',
        device_type: 'Tablet',
        watch_duration_minutes: null,
        progress_percentage: null,
        user_rating: 4,
      },
    ]);
    await buildSilver(engine, ['movies', 'watch_history']);
    const rows =
      await engine.query(`SELECT watch_duration_minutes, watch_duration_minutes_was_imputed, progress_percentage, progress_percentage_is_missing, user_rating_is_missing
      FROM silver.watch_history ORDER BY session_id`);
    expect(rows).toEqual([
      {
        watch_duration_minutes: 10,
        watch_duration_minutes_was_imputed: false,
        progress_percentage: 50,
        progress_percentage_is_missing: false,
        user_rating_is_missing: true,
      },
      {
        watch_duration_minutes: 30,
        watch_duration_minutes_was_imputed: false,
        progress_percentage: 50,
        progress_percentage_is_missing: false,
        user_rating_is_missing: true,
      },
      {
        watch_duration_minutes: 30,
        watch_duration_minutes_was_imputed: true,
        progress_percentage: 25,
        progress_percentage_is_missing: false,
        user_rating_is_missing: true,
      },
      {
        watch_duration_minutes: 20,
        watch_duration_minutes_was_imputed: true,
        progress_percentage: null,
        progress_percentage_is_missing: true,
        user_rating_is_missing: true,
      },
      {
        watch_duration_minutes: 20,
        watch_duration_minutes_was_imputed: true,
        progress_percentage: null,
        progress_percentage_is_missing: true,
        user_rating_is_missing: false,
      },
    ]);
    await engine.close();
  });

  it('reviews, recommendations and searches: score by sentiment, score by type, unknown version, duration by device, text left blank', async () => {
    const engine = await freshEngine();
    await createBronze(engine, 'reviews', [
      { review_id: 'review_000001', sentiment: 'positive', rating: 5, sentiment_score: 0.7 },
      { review_id: 'review_000002', sentiment: 'positive', rating: 5, sentiment_score: 0.9 },
      {
        review_id: 'review_000003',
        sentiment: 'positive',
        rating: 4,
        sentiment_score: null,
        review_text: null,
        helpful_votes: null,
        total_votes: null,
      },
      { review_id: 'review_000004', sentiment: 'negative', rating: 1, sentiment_score: 0.1 },
      { review_id: 'review_000005', sentiment: 'negative', rating: 2, sentiment_score: null },
    ]);
    await createBronze(engine, 'recommendation_logs', [
      { recommendation_id: 'rec_000001', recommendation_type: 'trending', recommendation_score: 0.2 },
      { recommendation_id: 'rec_000002', recommendation_type: 'trending', recommendation_score: 0.4 },
      { recommendation_id: 'rec_000003', recommendation_type: 'trending', recommendation_score: null, algorithm_version: null },
      { recommendation_id: 'rec_000004', recommendation_type: 'personalized', recommendation_score: 0.9 },
    ]);
    await createBronze(engine, 'search_logs', [
      { search_id: 'search_000001', device_type: 'Smart TV', search_duration_seconds: 40 },
      { search_id: 'search_000002', device_type: 'Smart TV', search_duration_seconds: null },
      { search_id: 'search_000003', device_type: 'Mobile', search_duration_seconds: 10 },
    ]);
    await buildSilver(engine, ['reviews', 'recommendation_logs', 'search_logs']);
    const reviews = await engine.query(
      'SELECT sentiment_score, sentiment_score_was_imputed, review_text, review_text_is_missing, helpful_votes_is_missing FROM silver.reviews ORDER BY review_id',
    );
    expect(reviews.map((r) => [Number((r.sentiment_score as number).toFixed(6)), r.sentiment_score_was_imputed])).toEqual([
      [0.7, false],
      [0.9, false],
      [0.8, true],
      [0.1, false],
      [0.1, true],
    ]);
    expect(reviews[2]).toMatchObject({ review_text: null, review_text_is_missing: true, helpful_votes_is_missing: true });
    const recs = await engine.query(
      'SELECT recommendation_score, recommendation_score_was_imputed, algorithm_version, algorithm_version_was_imputed FROM silver.recommendation_logs ORDER BY recommendation_id',
    );
    expect(recs[2]).toEqual({
      recommendation_score: 0.30000000000000004,
      recommendation_score_was_imputed: true,
      algorithm_version: 'unknown',
      algorithm_version_was_imputed: true,
    });
    expect(recs[3]).toEqual({
      recommendation_score: 0.9,
      recommendation_score_was_imputed: false,
      algorithm_version: 'v1.2',
      algorithm_version_was_imputed: false,
    });
    const searches = await engine.query(
      'SELECT search_duration_seconds, search_duration_seconds_was_imputed FROM silver.search_logs ORDER BY search_id',
    );
    expect(searches).toEqual([
      { search_duration_seconds: 40, search_duration_seconds_was_imputed: false },
      { search_duration_seconds: 40, search_duration_seconds_was_imputed: true },
      { search_duration_seconds: 10, search_duration_seconds_was_imputed: false },
    ]);
    await engine.close();
  });
});

import { describe, expect, it } from 'vitest';
import { buildSilver, createBronze, createEmptyBronze, freshEngine } from './fixtures.js';

describe('normalisation', () => {
  it('casts float-text integers (-0.0 becomes 0) and keeps structural blanks as not applicable', async () => {
    const engine = await freshEngine();
    await createBronze(engine, 'users', [{ user_id: 'user_00001', age: -0.0, household_size: 3.0 }]);
    await createBronze(engine, 'movies', [
      { movie_id: 'movie_0001', content_type: 'Movie', duration_minutes: 95.0, production_budget: 5e6 },
      {
        movie_id: 'movie_0002',
        content_type: 'Documentary',
        production_budget: null,
        box_office_revenue: null,
        number_of_seasons: null,
        number_of_episodes: null,
      },
      {
        movie_id: 'movie_0003',
        content_type: 'TV Series',
        production_budget: null,
        box_office_revenue: null,
        number_of_seasons: 2.0,
        number_of_episodes: 20.0,
      },
    ]);
    await buildSilver(engine, ['users', 'movies']);
    const [user] = await engine.query('SELECT age_reported, typeof(age_reported) AS t, household_size, age_was_invalid FROM silver.users');
    expect(user).toEqual({ age_reported: 0, t: 'BIGINT', household_size: 3, age_was_invalid: true });
    const movies =
      await engine.query(`SELECT movie_id, duration_minutes, production_budget, production_budget_was_imputed, number_of_seasons, number_of_seasons_was_imputed
      FROM silver.movies ORDER BY movie_id`);
    expect(movies).toEqual([
      {
        movie_id: 'movie_0001',
        duration_minutes: 95,
        production_budget: 5000000,
        production_budget_was_imputed: false,
        number_of_seasons: null,
        number_of_seasons_was_imputed: false,
      },
      {
        movie_id: 'movie_0002',
        duration_minutes: 100,
        production_budget: null,
        production_budget_was_imputed: false,
        number_of_seasons: null,
        number_of_seasons_was_imputed: false,
      },
      {
        movie_id: 'movie_0003',
        duration_minutes: 100,
        production_budget: null,
        production_budget_was_imputed: false,
        number_of_seasons: 2,
        number_of_seasons_was_imputed: false,
      },
    ]);
    await engine.close();
  });

  it('maps devices onto one canonical list and adds a quality tier beside the raw label', async () => {
    const engine = await freshEngine();
    await createEmptyBronze(engine, ['watch_history']);
    await createBronze(engine, 'watch_history', [
      { session_id: 'session_000001', device_type: ' smart tv', quality: 'SD' },
      { session_id: 'session_000002', device_type: 'Laptop', quality: 'HD' },
      { session_id: 'session_000003', device_type: 'Fridge', quality: '4K' },
      { session_id: 'session_000004', device_type: 'MOBILE', quality: 'Ultra HD' },
    ]);
    await buildSilver(engine, ['movies', 'watch_history']);
    const rows = await engine.query(
      'SELECT device_type, quality, quality_tier, quality_rank FROM silver.watch_history ORDER BY session_id',
    );
    expect(rows).toEqual([
      { device_type: 'Smart TV', quality: 'SD', quality_tier: 'SD', quality_rank: 1 },
      { device_type: 'Laptop', quality: 'HD', quality_tier: 'HD', quality_rank: 2 },
      { device_type: 'Unknown', quality: '4K', quality_tier: 'UHD', quality_rank: 3 },
      { device_type: 'Mobile', quality: 'Ultra HD', quality_tier: 'UHD', quality_rank: 3 },
    ]);
    await engine.close();
  });

  it('reads a blank clicked position as "no click" and never imputes it', async () => {
    const engine = await freshEngine();
    await createBronze(engine, 'search_logs', [
      { search_id: 'search_000001', clicked_result_position: null },
      { search_id: 'search_000002', clicked_result_position: 3 },
    ]);
    await buildSilver(engine, ['search_logs']);
    const rows = await engine.query('SELECT clicked, clicked_result_position FROM silver.search_logs ORDER BY search_id');
    expect(rows).toEqual([
      { clicked: false, clicked_result_position: null },
      { clicked: true, clicked_result_position: 3 },
    ]);
    await engine.close();
  });
});

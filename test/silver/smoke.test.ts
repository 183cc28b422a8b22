import { describe, expect, it } from 'vitest';
import { buildSilver, compileSilver, createBronze, freshEngine, SILVER_MODEL_ORDER } from './fixtures.js';

describe('silver models compile and build', () => {
  it('builds every model on one row per source', async () => {
    const engine = await freshEngine();
    await createBronze(engine, 'users', [{ user_id: 'user_00001' }]);
    await createBronze(engine, 'movies', [{ movie_id: 'movie_0001' }]);
    await createBronze(engine, 'watch_history', [{ session_id: 'session_000001' }]);
    await createBronze(engine, 'recommendation_logs', [{ recommendation_id: 'rec_000001' }]);
    await createBronze(engine, 'search_logs', [{ search_id: 'search_000001' }]);
    await createBronze(engine, 'reviews', [{ review_id: 'review_000001' }]);
    await buildSilver(engine);
    for (const name of SILVER_MODEL_ORDER) {
      const rows = await engine.query(`SELECT count(*) AS n FROM silver.${name}`);
      expect(rows[0].n, name).toBe(name === 'int_user_activity_rolled_up_by_day' ? 2 : 1); // the review is on the next day
    }
    await engine.close();
  });

  it('compiles for spark without any leftover macro', () => {
    for (const name of SILVER_MODEL_ORDER) expect(compileSilver(name, 'spark')).not.toMatch(/\{\{|\}\}/);
  });
});

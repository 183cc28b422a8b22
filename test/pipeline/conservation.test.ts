import { describe, expect, it } from 'vitest';
import { checkConservation } from '../../src/pipeline/conservation.js';
import { ensureWarehouse, QUARANTINE_COLUMNS } from '../../src/warehouse/schema.js';
import { withEngine } from './fixtures.js';

describe('row conservation', () => {
  it("counts only this run's dedup rows and silver-layer quarantine rows", async () => {
    await withEngine(async (engine) => {
      await ensureWarehouse(engine);
      await engine.exec(`
        CREATE TABLE bronze.users AS SELECT * FROM range(10) t(i);
        CREATE TABLE silver.users AS SELECT * FROM range(6) t(i);
        INSERT INTO meta.dedup_log (run_id, dataset) VALUES ('r1', 'users'), ('r1', 'silver.users'), ('r0', 'users'), ('r1', 'movies');
        CREATE TABLE quarantine.users (${QUARANTINE_COLUMNS});
        INSERT INTO quarantine.users (run_id, layer) VALUES ('r1', 'silver'), ('r1', 'silver'), ('r1', 'bronze'), ('r0', 'silver');
        CREATE TABLE bronze.movies AS SELECT * FROM range(3) t(i);
        CREATE TABLE silver.movies AS SELECT * FROM range(3) t(i);`);
      // users: 10 = 6 + 2 (r1 users / silver.users) + 2 (r1 silver) -> conserved; movies: 3 != 3 + 1.
      const results = await checkConservation(engine, 'r1', ['users', 'movies']);
      expect(results.map((r) => [r.table, r.bronzeRows, r.silverRows, r.dedupRows, r.quarantinedRows, r.ok])).toEqual([
        ['users', 10, 6, 2, 2, true],
        ['movies', 3, 3, 1, 0, false],
      ]);
      expect(results[1].message).toBe('movies: bronze 3 != silver 3 + deduplicated 1 + superseded by updates 0 + quarantined 0 (+1 rows)');
    });
  });
});

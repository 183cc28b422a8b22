// Gold tables are profiled for the quality report: rows, blanks and numeric ranges of every column,
// one statistics query a table; temporary tables of a build in progress are left out.
import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { ensureWarehouse } from '../../src/warehouse/schema.js';
import { profileGold } from '../../src/gold/profile-gold.js';

describe('profileGold', () => {
  it('records rows, blanks and ranges of each gold table, and skips temporary tables', async () => {
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    try {
      await ensureWarehouse(engine);
      await engine.exec(`CREATE TABLE gold.kpi_demo AS SELECT * FROM (VALUES ('a', 3.5), ('b', NULL), ('c', -1.0)) v(segment, rate)`);
      await engine.exec(`CREATE TABLE gold.kpi_demo__tmp_run_9 AS SELECT 1 AS x`);
      await profileGold(engine, 'run_1');
      const rows = await engine.query(
        `SELECT dataset, column_name, row_count, blank_count, min_value, max_value, histogram_json FROM meta.column_profiles WHERE run_id = 'run_1' AND layer = 'gold' ORDER BY column_name`,
      );
      expect(rows.map((r) => [r.dataset, r.column_name, Number(r.row_count), Number(r.blank_count), r.min_value, r.max_value])).toEqual([
        ['gold.kpi_demo', 'rate', 3, 1, '-1.0', '3.5'],
        ['gold.kpi_demo', 'segment', 3, 0, 'a', 'c'],
      ]);
      expect(rows.every((r) => r.histogram_json === null)).toBe(true);
    } finally {
      await engine.close();
    }
  });
});

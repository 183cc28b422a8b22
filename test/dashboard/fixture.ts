// A tiny hand-made warehouse for dashboard tests: two runs of meta evidence (one check name and one
// sample carry a <script> payload) and a small gold-like table used by the filter test page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { sql } from '../../src/engine/sql.js';
import { ensureWarehouse } from '../../src/warehouse/schema.js';
import { whereFilters } from '../../src/dashboard/filters.js';
import { lineChart } from '../../src/dashboard/charts.js';
import type { PageSpec } from '../../src/dashboard/views.js';

export const XSS = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">';

export interface FixtureWarehouse {
  dir: string;
  cleanup(): void;
}

export async function makeFixtureWarehouse(): Promise<FixtureWarehouse> {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-dash-'));
  const engine = await DuckDbEngine.open({ path: join(dir, 'marquee.duckdb') });
  await ensureWarehouse(engine);
  await engine.exec(`
    INSERT INTO meta.runs VALUES
      ('run_001', TIMESTAMP '2025-10-01 08:00:00', TIMESTAMP '2025-10-01 08:02:00', 'success', 'all', 'duckdb', DATE '2025-10-01', '{}', NULL),
      ('run_002', TIMESTAMP '2025-10-02 08:00:00', TIMESTAMP '2025-10-02 08:03:00', 'success', 'all', 'duckdb', DATE '2025-10-01', '{}', NULL);
    INSERT INTO meta.check_results VALUES
      ('run_001', 'silver', 'users', 'age_in_range', 'range', 'age', 'warn', 'AGE_RANGE', 990, 10, false, '[-3]', TIMESTAMP '2025-10-01 08:01:00'),
      ('run_001', 'silver', 'users', 'user_id_unique', 'unique', 'user_id', 'fail', NULL, 1000, 0, true, NULL, TIMESTAMP '2025-10-01 08:01:00'),
      ('run_001', 'silver', 'movies', 'genre_accepted', 'accepted_values', 'genre_primary', 'drop', 'BAD_GENRE', 95, 5, false, '["Sci"]', TIMESTAMP '2025-10-01 08:01:00'),
      ('run_002', 'silver', 'users', 'age_in_range', 'range', 'age', 'warn', 'AGE_RANGE', 975, 25, false, '[-3, 140]', TIMESTAMP '2025-10-02 08:01:00'),
      ('run_002', 'silver', 'users', 'user_id_unique', 'unique', 'user_id', 'fail', NULL, 1000, 0, true, NULL, TIMESTAMP '2025-10-02 08:01:00'),
      ('run_002', 'silver', 'movies', 'genre_accepted', 'accepted_values', 'genre_primary', 'drop', 'BAD_GENRE', 93, 7, false, '["Sci"]', TIMESTAMP '2025-10-02 08:01:00');
    INSERT INTO meta.ingestions VALUES
      ('run_002', 'b1', 'users', 'users.csv', 'abc', 1000, 1030, 1027, 3, 'ok', TIMESTAMP '2025-10-02 08:00:10', 120, NULL);
    INSERT INTO meta.dedup_log VALUES
      ('run_002', 'users', 'exact_copy', 'user_00001', 'b1', 1002, 'h1', 'b1', 2),
      ('run_002', 'users', 'exact_copy', 'user_00002', 'b1', 1003, 'h2', 'b1', 3),
      ('run_002', 'movies', 'latest_wins', 'movie_0001', 'b1', 50, 'h3', 'b1', 4);
    INSERT INTO meta.change_log VALUES
      ('run_002', 'users', 'user_00001', 'b0', 2, 'b1', 2, 'monthly_spend', '{"monthly_spend": "10.0"}', '{"monthly_spend": "12.0"}'),
      ('run_002', 'users', 'user_00003', 'b0', 4, 'b1', 4, 'is_active', '{"is_active": "true"}', '{"is_active": "false"}');
    INSERT INTO meta.column_profiles VALUES
      ('run_002', 'bronze', 'users', 'age', 'BIGINT', 1030, 123, 0.1194, 0.12, 0, 80, '-3', '140', 38.2, 12.1, 18, 29, 37, 47, 72, NULL, NULL),
      ('run_002', 'bronze', 'users', 'monthly_spend', 'DOUBLE', 1030, 103, 0.1, 0.1, 0, 900, '0.0', '950.5', 15.4, 30.2, 0, 8.99, 12.99, 17.99, 250, NULL, NULL);
    INSERT INTO meta.imputation_log VALUES
      ('run_002', 'users', 'monthly_spend', 'median_by_plan', 103, 50, 2.1, 3.4, NULL, 15.4, 15.3, 30.2, 28.9, NULL);
    INSERT INTO meta.lineage VALUES
      ('run_002', 'bronze.users', 'silver.users', 'ref'),
      ('run_002', 'bronze.movies', 'silver.movies', 'ref'),
      ('run_002', 'silver.users', 'gold.kpi_engagement_by_user_month', 'ref'),
      ('run_002', 'silver.movies', 'gold.kpi_engagement_by_user_month', 'ref');
    INSERT INTO meta.step_runs VALUES
      ('run_001', 'bronze.users', 'bronze', 'success', 1030, 1030, TIMESTAMP '2025-10-01 08:00:00', 900, NULL, NULL),
      ('run_002', 'bronze.users', 'bronze', 'success', 1030, 1030, TIMESTAMP '2025-10-02 08:00:00', 800, NULL, NULL),
      ('run_002', 'bronze.movies', 'bronze', 'success', 100, 100, TIMESTAMP '2025-10-02 08:00:01', 300, NULL, NULL),
      ('run_002', 'silver.users', 'silver', 'success', 1030, 1000, TIMESTAMP '2025-10-02 08:00:02', 1500, NULL, NULL),
      ('run_002', 'silver.movies', 'silver', 'failed', 100, 0, TIMESTAMP '2025-10-02 08:00:03', 200, 'boom', NULL);
  `);
  // The XSS payload goes in as a bound value, where a real pipeline would put source text.
  await engine.exec(
    sql`INSERT INTO meta.check_results VALUES ('run_002', 'silver', 'reviews', ${XSS}, 'expression', 'review_text', 'warn', 'XSS', 9, 1, false, ${XSS}, TIMESTAMP '2025-10-02 08:01:30')`,
  );
  // A small gold-like table for the filter test page (not a real gold table: its columns are the test's).
  await engine.exec(`
    CREATE TABLE gold.test_sessions (month DATE, country VARCHAR, plan VARCHAR, device VARCHAR, sessions BIGINT);
    INSERT INTO gold.test_sessions VALUES
      (DATE '2025-01-01', 'USA', 'Basic', 'Mobile', 100), (DATE '2025-01-01', 'Canada', 'Premium', 'Desktop', 40),
      (DATE '2025-02-01', 'USA', 'Basic', 'Mobile', 120), (DATE '2025-02-01', 'Canada', 'Premium', 'Desktop', 60),
      (DATE '2025-03-01', 'USA', 'Standard', 'Tablet', 90), (DATE '2025-03-01', 'Canada', 'Basic', 'Mobile', 30);
  `);
  // The two gold QA tables the Data Quality page reads (columns as the real gold steps write them).
  await engine.exec(`
    CREATE TABLE gold.quality_scorecard (layer VARCHAR, dataset VARCHAR, dimension VARCHAR, score DOUBLE, checks BIGINT, checks_passed HUGEINT, check_names VARCHAR);
    INSERT INTO gold.quality_scorecard VALUES
      ('silver', 'silver.users', 'validity', 97.5, 2, 1, 'age_in_range, gender_in_domain'),
      ('silver', 'silver.users', 'uniqueness', 100, 1, 1, 'user_id_unique'),
      ('silver', 'silver.movies', 'validity', 93, 1, 0, 'genre_accepted');
    CREATE TABLE gold.reconciliation (comparison VARCHAR, description VARCHAR, expected DOUBLE, actual DOUBLE, tolerance DOUBLE, passed BOOLEAN);
    INSERT INTO gold.reconciliation VALUES
      ('sessions_by_user_month', 'Sessions in silver = sessions summed over gold user-months.', 1000, 1000, 0, true),
      ('watch_hours', 'Valid watch hours in silver = hours summed over gold user-months.', 512.25, 511.75, 0.000001, false);
  `);
  await engine.close();
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A page exercising filters and KPI cards over the fixture's gold.test_sessions. */
export const filterTestPage: PageSpec = {
  name: 'filter-test',
  title: 'Filter test',
  description: 'Sessions by month from the fixture table, with every filter applied.',
  views: [
    {
      id: 'cards',
      title: 'Sessions card',
      caption: 'Latest month of sessions against the previous month.',
      tables: ['gold.test_sessions'],
      filterColumns: { date: 'month', country: 'country', plan: 'plan', device: 'device' },
      kpis: [
        {
          name: 'sessions',
          label: 'Sessions',
          description: 'Sessions.',
          table: 'gold.test_sessions',
          grain: 'month',
          expression: 'sum(sessions)',
          format: 'count',
          direction: 'up',
        },
      ],
      query: (f) =>
        sql`SELECT 'sessions' AS kpi, strftime(month, '%Y-%m') AS period, sum(sessions) AS value FROM gold.test_sessions ${whereFilters(f, { date: 'month', country: 'country', plan: 'plan', device: 'device' })} GROUP BY month ORDER BY month`,
    },
    {
      id: 'by-month',
      title: 'Sessions by month',
      caption: 'Sessions per month for the filtered rows.',
      tables: ['gold.test_sessions'],
      filterColumns: { date: 'month', country: 'country', plan: 'plan', device: 'device' },
      query: (f) =>
        sql`SELECT strftime(month, '%Y-%m') AS month, sum(sessions) AS sessions FROM gold.test_sessions ${whereFilters(f, { date: 'month', country: 'country', plan: 'plan', device: 'device' })} GROUP BY month ORDER BY month`,
      chart: (rows) =>
        lineChart(rows, {
          x: { key: 'month', label: 'Month', format: 'text' },
          y: { label: 'Sessions', format: 'count' },
          series: [{ key: 'sessions', name: 'Sessions' }],
        }),
      table: [
        { key: 'month', label: 'Month', format: 'text' },
        { key: 'sessions', label: 'Sessions', format: 'integer' },
      ],
    },
    {
      id: 'missing',
      title: 'Needs a table that does not exist',
      caption: 'Shows the not-available panel.',
      tables: ['gold.kpi_not_built_yet'],
      query: () => sql`SELECT * FROM gold.kpi_not_built_yet`,
    },
  ],
};

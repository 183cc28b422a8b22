// End to end through the CLI on small generated sets: realistic signal and none. The run must
// finish with no `fail` check fired, every gold table built with the rows its grain implies, and
// gold reconciled with silver.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { runCliOk } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'marquee-e2e-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<string> {
  return (await runCliOk(args, { env: { CI: 'true' }, timeoutMs: 600_000 })).stdout;
}

async function inspect(warehouse: string) {
  const engine = await DuckDbEngine.open({ path: join(warehouse, 'marquee.duckdb') });
  try {
    const count = async (table: string) => Number((await engine.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
    const failedFailChecks = await engine.query(`SELECT dataset, check_name FROM meta.check_results WHERE action = 'fail' AND NOT passed`);
    const reconciliation = await engine.query<{ comparison: string; passed: boolean }>(
      'SELECT comparison, passed FROM gold.reconciliation',
    );
    const gold = await engine.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'gold' ORDER BY 1`,
    );
    return { count, failedFailChecks, reconciliation, goldTables: gold.map((g) => g.table_name), engine };
  } catch (error) {
    await engine.close();
    throw error;
  }
}

for (const signal of ['realistic', 'none'] as const) {
  describe(`pipeline on a generated set, signal ${signal}`, () => {
    const data = join(work, `data-${signal}`);
    const warehouse = join(work, `wh-${signal}`);

    it('runs bronze -> gold through the CLI and publishes reconciled gold tables', async () => {
      await cli('generate', '--out', data, '--scale', '0.02', '--seed', '11', '--signal', signal);
      const output = await cli('run', '--input', data, '--warehouse', warehouse);
      expect(output).toMatch(/ok: steps ok \d+, failed 0, skipped 0/);

      const w = await inspect(warehouse);
      try {
        expect(w.failedFailChecks).toEqual([]);
        expect(w.reconciliation.length).toBeGreaterThan(10);
        expect(w.reconciliation.filter((r) => !r.passed)).toEqual([]);
        const users = await w.count('silver.users');
        const movies = await w.count('silver.movies');
        expect(users).toBe(200);
        // Grain-implied row counts.
        expect(await w.count('gold.kpi_engagement_by_user')).toBe(users);
        expect(await w.count('gold.ml_user_features')).toBe(users);
        expect(await w.count('gold.kpi_content_by_title')).toBe(movies);
        expect(await w.count("gold.kpi_recommendation_ctr WHERE dimension = 'recommendation_type'")).toBe(5);
        expect(await w.count("gold.kpi_churn_by_segment WHERE dimension = 'plan'")).toBe(4);
        expect(await w.count("gold.viewing_patterns WHERE dimension = 'weekday'")).toBe(7);
        expect(await w.count('gold.kpi_business_by_month')).toBe(24);
        for (const table of [
          'kpi_engagement_by_user_month',
          'kpi_content_by_title_week',
          'cohort_retention',
          'genre_by_demographic',
          'ml_user_item_interactions',
          'ml_title_daily_views',
          'ml_review_texts',
          'ml_search_queries',
          'search_top_queries',
          'quality_scorecard',
        ]) {
          expect(await w.count(`gold.${table}`), table).toBeGreaterThan(0);
        }
        // Gold reports what is there: CTR falls with list position only where the generator planted it.
        const [{ gap }] = await w.engine.query<{ gap: number }>(`SELECT
            sum(CASE WHEN CAST(value AS INTEGER) <= 5 THEN clicks END) / sum(CASE WHEN CAST(value AS INTEGER) <= 5 THEN impressions END)
          - sum(CASE WHEN CAST(value AS INTEGER) >= 16 THEN clicks END) / sum(CASE WHEN CAST(value AS INTEGER) >= 16 THEN impressions END) AS gap
          FROM gold.kpi_recommendation_ctr WHERE dimension = 'position'`);
        if (signal === 'realistic') expect(gap).toBeGreaterThan(0.08);
        else expect(Math.abs(gap)).toBeLessThan(0.08);
        const scores = await w.engine.query<{ score: number }>('SELECT score FROM gold.quality_scorecard');
        for (const { score } of scores) (expect(score).toBeGreaterThanOrEqual(0), expect(score).toBeLessThanOrEqual(100));
      } finally {
        await w.engine.close();
      }
    }, 600_000); // a full run (ML included) by the CLI: minutes at high load
  });
}

// Three monthly exports through bronze, silver and gold with the real CLI. Until bronze loads
// `<table>_*.csv` files as batches, each export is fed the way bronze accepts it today: copied over
// `<table>.csv` and loaded by its own run (so the snapshots take effect at their load times, not at
// the months in their names). The counts are checked against the CSV files themselves.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { generateDataset } from '../../src/generate/index.js';
import { rawFields } from '../../src/generate/snapshots.js';
import { runCli } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'marquee-snap-e2e-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
/** `marquee run <args>`, awaited (a synchronous child would freeze the test worker for the whole run). */
const marquee = (...args: string[]) => runCli(['run', ...args], { env: { TZ: 'UTC' } });

const MONTHS = ['2025_07', '2025_08', '2025_09'];
const EVENTS = ['watch_history', 'recommendation_logs', 'search_logs', 'reviews'];

/** user_id -> is_active text of one export (copies are identical). */
function activity(path: string): Map<string, string> {
  return new Map(
    readFileSync(path, 'latin1')
      .split('\n')
      .slice(1)
      .filter((l) => l)
      .map((l) => {
        const f = rawFields(l);
        return [f[0], f[11]];
      }),
  );
}

describe('three users exports through gold', () => {
  it('gives churn by month and MRR movement that match the exports', async () => {
    const data = join(work, 'data');
    await generateDataset({ out: data, scale: 0.05, seed: 11, snapshots: 3 });
    const input = join(work, 'input');
    const warehouse = join(work, 'warehouse');
    mkdirSync(input);
    copyFileSync(join(data, 'movies.csv'), join(input, 'movies.csv'));
    for (const month of MONTHS) {
      for (const table of ['users', ...EVENTS]) copyFileSync(join(data, `${table}_${month}.csv`), join(input, `${table}.csv`));
      const run = await marquee('--input', input, '--warehouse', warehouse, '--through', 'gold');
      expect(run.status, `${month}: ${run.stdout.slice(-2000)}${run.stderr}`).toBe(0);
    }

    const exports = MONTHS.map((m) => activity(join(data, `users_${m}.csv`)));
    const expected = exports.slice(1).map((now, i) => {
      const before = exports[i];
      const activeBefore = [...before].filter(([, a]) => a === 'True').map(([id]) => id);
      return {
        active_at_previous: activeBefore.length,
        churned: activeBefore.filter((id) => now.get(id) === 'False').length,
        new_accounts: [...now.keys()].filter((id) => !before.has(id)).length,
      };
    });
    expect(expected[0].churned + expected[1].churned).toBeGreaterThan(0);

    const engine = await DuckDbEngine.open({ path: join(warehouse, 'marquee.duckdb') });
    try {
      const rows = await engine.query<{
        snapshot_no: number;
        accounts: number;
        active_at_previous: number;
        churned: number;
        new_accounts: number;
        monthly_churn_rate: number;
      }>(
        `SELECT snapshot_no, accounts, active_at_previous, churned, new_accounts, monthly_churn_rate FROM gold.kpi_churn_by_month ORDER BY snapshot_no`,
      );
      expect(rows.map((r) => r.snapshot_no)).toEqual([1, 2, 3]);
      expect(rows[2].accounts).toBe(exports[2].size);
      expect(rows.slice(1).map(({ active_at_previous, churned, new_accounts }) => ({ active_at_previous, churned, new_accounts }))).toEqual(
        expected,
      );
      expect(rows[1].monthly_churn_rate).toBeCloseTo(expected[0].churned / expected[0].active_at_previous, 12);
      // Silver holds the latest export; history every version; updates were logged and conserved.
      expect(await engine.query(`SELECT count(*) AS n FROM silver.users`)).toEqual([{ n: exports[2].size }]);
      const [{ versions }] = await engine.query<{ versions: number }>(`SELECT count(*) AS versions FROM silver.users_history`);
      expect(versions).toBeGreaterThan(exports[2].size);
      const conservation = await engine.query<{ passed: boolean }>(
        `SELECT passed FROM meta.check_results WHERE kind = 'conservation' AND dataset = 'silver.users'`,
      );
      expect(conservation).toHaveLength(3);
      expect(conservation.every((c) => c.passed)).toBe(true);
      const [{ updates }] = await engine.query<{ updates: number }>(
        `SELECT count(*) AS updates FROM meta.change_log WHERE dataset = 'users' AND run_id = (SELECT max(run_id) FROM meta.runs)`,
      );
      expect(updates).toBe(versions - exports[2].size);
      const movement = await engine.query<{
        mrr_start: number;
        new_mrr: number;
        expansion_mrr: number;
        contraction_mrr: number;
        churned_mrr: number;
        mrr_end: number;
      }>(
        `SELECT mrr_start, new_mrr, expansion_mrr, contraction_mrr, churned_mrr, mrr_end FROM gold.kpi_mrr_movement_by_month WHERE snapshot_no > 1 ORDER BY snapshot_no`,
      );
      for (const m of movement) {
        expect(m.churned_mrr).toBeGreaterThan(0);
        expect(m.mrr_end).toBeCloseTo(m.mrr_start + m.new_mrr + m.expansion_mrr - m.contraction_mrr - m.churned_mrr, 1);
      }
    } finally {
      await engine.close();
    }
  }, 300_000);
});

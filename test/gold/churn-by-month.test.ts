// Churn and MRR over time from three monthly exports of users, checked by hand. Bronze holds the
// three exports as batches (users_2025_07.csv, _08, _09); silver builds the history and the batch
// list exactly as the runner compiles them; gold compares consecutive exports.
import { describe, expect, it } from 'vitest';
import { buildSilver, createBronze, freshEngine } from '../silver/fixtures.js';
import { buildGoldModel } from './build-model.js';
import type { DuckDbEngine } from '../../src/engine/duckdb/engine.js';

// u1: Basic 10 -> Premium 20 (expansion) -> inactive (churned)
// u2: 15 -> 15 (exact re-send) -> 12 (contraction)
// u3: inactive 8 -> active 8 (reactivated: new MRR) -> 8 (re-send)
// u4: absent -> new, 30 -> inactive (churned)
// u5: active with blank spend all along (MRR 0)
const JUL = 'b1';
const AUG = 'b2';
const SEP = 'b3';
const user = (id: string, batch: string, line: number, is_active: boolean, monthly_spend: number | null, subscription_plan = 'Basic') => ({
  user_id: id,
  _batch_id: batch,
  _line_number: line,
  is_active,
  monthly_spend,
  subscription_plan,
});

describe('churn and MRR by month from users snapshots', () => {
  it('counts churned, reactivated and new accounts and splits MRR movement, as computed by hand', async () => {
    const engine = await freshEngine();
    await createBronze(engine, 'users', [
      user('user_00001', JUL, 2, true, 10),
      user('user_00002', JUL, 3, true, 15),
      user('user_00003', JUL, 4, false, 8),
      user('user_00005', JUL, 5, true, null),
      user('user_00001', AUG, 2, true, 20, 'Premium'),
      user('user_00002', AUG, 3, true, 15),
      user('user_00003', AUG, 4, true, 8),
      user('user_00004', AUG, 5, true, 30),
      user('user_00005', AUG, 6, true, null),
      user('user_00001', SEP, 2, false, 20, 'Premium'),
      user('user_00002', SEP, 3, true, 12),
      user('user_00003', SEP, 4, true, 8),
      user('user_00004', SEP, 5, false, 30),
      user('user_00005', SEP, 6, true, null),
    ]);
    await engine.exec(
      `UPDATE bronze.users SET _source_file = CASE _batch_id WHEN 'b1' THEN 'in/users_2025_07.csv' WHEN 'b2' THEN 'in/users_2025_08.csv' ELSE 'in/users_2025_09.csv' END`,
    );
    await buildSilver(engine, ['users', 'users_history', 'source_batches']);
    await engine.exec('CREATE SCHEMA IF NOT EXISTS gold');
    await buildGoldModel(engine as DuckDbEngine, 'kpi_churn_by_month');
    await buildGoldModel(engine as DuckDbEngine, 'kpi_mrr_movement_by_month');
    await buildGoldModel(engine as DuckDbEngine, 'kpi_subscriptions_by_export');

    expect(
      await engine.query(`SELECT CAST(snapshot_month AS VARCHAR) AS month, snapshot_no, accounts, active_accounts, active_at_previous, churned, reactivated, new_accounts, monthly_churn_rate
      FROM gold.kpi_churn_by_month ORDER BY snapshot_no`),
    ).toEqual([
      {
        month: '2025-07-01',
        snapshot_no: 1,
        accounts: 4,
        active_accounts: 3,
        active_at_previous: null,
        churned: null,
        reactivated: null,
        new_accounts: null,
        monthly_churn_rate: null,
      },
      {
        month: '2025-08-01',
        snapshot_no: 2,
        accounts: 5,
        active_accounts: 5,
        active_at_previous: 3,
        churned: 0,
        reactivated: 1,
        new_accounts: 1,
        monthly_churn_rate: 0,
      },
      {
        month: '2025-09-01',
        snapshot_no: 3,
        accounts: 5,
        active_accounts: 3,
        active_at_previous: 5,
        churned: 2,
        reactivated: 0,
        new_accounts: 0,
        monthly_churn_rate: 0.4,
      },
    ]);
    expect(
      await engine.query(`SELECT snapshot_no, mrr_start, new_mrr, expansion_mrr, contraction_mrr, churned_mrr, mrr_end, net_mrr_movement,
        accounts_new, accounts_expanded, accounts_contracted, accounts_churned
      FROM gold.kpi_mrr_movement_by_month ORDER BY snapshot_no`),
    ).toEqual([
      {
        snapshot_no: 1,
        mrr_start: null,
        new_mrr: null,
        expansion_mrr: null,
        contraction_mrr: null,
        churned_mrr: null,
        mrr_end: 25,
        net_mrr_movement: null,
        accounts_new: null,
        accounts_expanded: null,
        accounts_contracted: null,
        accounts_churned: null,
      },
      {
        snapshot_no: 2,
        mrr_start: 25,
        new_mrr: 38,
        expansion_mrr: 10,
        contraction_mrr: 0,
        churned_mrr: 0,
        mrr_end: 73,
        net_mrr_movement: 48,
        accounts_new: 2,
        accounts_expanded: 1,
        accounts_contracted: 0,
        accounts_churned: 0,
      },
      {
        snapshot_no: 3,
        mrr_start: 73,
        new_mrr: 0,
        expansion_mrr: 0,
        contraction_mrr: 3,
        churned_mrr: 50,
        mrr_end: 20,
        net_mrr_movement: -53,
        accounts_new: 0,
        accounts_expanded: 0,
        accounts_contracted: 1,
        accounts_churned: 2,
      },
    ]);
    // The snapshot KPIs at each export, by the declared formulas (u5's blank spend adds nothing to MRR).
    expect(
      await engine.query(`SELECT CAST(snapshot_month AS VARCHAR) AS month, snapshot_no, active_subscribers, churn_rate, mrr
      FROM gold.kpi_subscriptions_by_export ORDER BY snapshot_no`),
    ).toEqual([
      { month: '2025-07-01', snapshot_no: 1, active_subscribers: 3, churn_rate: 0.25, mrr: 25 },
      { month: '2025-08-01', snapshot_no: 2, active_subscribers: 5, churn_rate: 0, mrr: 73 },
      { month: '2025-09-01', snapshot_no: 3, active_subscribers: 3, churn_rate: 0.4, mrr: 20 },
    ]);
    // Silver holds the latest export's values; the re-sends are duplicates, the changes updates.
    expect(
      await engine.query(
        `SELECT user_id, is_active, monthly_spend FROM silver.users WHERE user_id IN ('user_00001', 'user_00002') ORDER BY user_id`,
      ),
    ).toEqual([
      { user_id: 'user_00001', is_active: false, monthly_spend: 20 },
      { user_id: 'user_00002', is_active: true, monthly_spend: 12 },
    ]);
    await engine.close();
  });

  it('with one export there is one row and no movement', async () => {
    const engine = await freshEngine();
    await createBronze(engine, 'users', [user('user_00001', JUL, 2, true, 10), user('user_00002', JUL, 3, false, 15)]);
    await buildSilver(engine, ['users', 'users_history', 'source_batches']);
    await engine.exec('CREATE SCHEMA IF NOT EXISTS gold');
    await buildGoldModel(engine as DuckDbEngine, 'kpi_churn_by_month');
    expect(
      await engine.query(`SELECT snapshot_no, accounts, active_accounts, churned, monthly_churn_rate FROM gold.kpi_churn_by_month`),
    ).toEqual([{ snapshot_no: 1, accounts: 2, active_accounts: 1, churned: null, monthly_churn_rate: null }]);
    await engine.close();
  });
});

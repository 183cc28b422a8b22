// Each headline says what its label says, computed by hand on a small fixture: recorded vs imputed
// watch hours, the completion label against progress, and the spend-outlier rule behind MRR.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { kpi, SPEND_BAND_MIN } from '../../src/gold/kpis.js';
import { buildGoldModel, freshEngine, SESSION_COLUMNS } from './build-model.js';

let engine: DuckDbEngine;
beforeEach(async () => {
  engine = await freshEngine();
});
afterEach(async () => engine.close());

const S = (id: string, minutes: number, action: string, progress: number, imputed: boolean, invalid = false) =>
  `('${id}', 'u1', 'm1', DATE '2024-01-05', 'Mobile', 'HD', 'USA', ${minutes}, ${progress}, '${action}', NULL, false, false, ${invalid}, 'Drama', '25-34', 'Female', ${imputed}, ${action === 'completed' && progress < 50})`;

async function sessions(rows: string[]): Promise<void> {
  await engine.exec(`CREATE TABLE silver.int_sessions_joined_to_titles (${SESSION_COLUMNS})`);
  await engine.exec(`INSERT INTO silver.int_sessions_joined_to_titles VALUES ${rows.join(', ')}`);
}

describe('watch hours: recorded is the headline, imputed its own measure', () => {
  it('splits recorded and imputed minutes and leaves invalid sessions out of both', async () => {
    await sessions([
      S('s1', 120, 'completed', 100, false), // recorded 2 h
      S('s2', 60, 'completed', 30, false), //   recorded 1 h, completed under 50 %
      S('s3', 90, 'stopped', 40, true), //      imputed 1.5 h
      S('s4', 900, 'completed', 90, false, true), // invalid (over 13 h): neither
    ]);
    await buildGoldModel(engine, 'kpi_engagement_by_user_month');
    const [row] = await engine.query(
      'SELECT sessions, watch_hours, imputed_watch_hours, avg_session_minutes, completion_rate, completed_low_progress_share FROM gold.kpi_engagement_by_user_month',
    );
    expect(row).toEqual({
      sessions: 4,
      watch_hours: 3, //                   (120 + 60) / 60
      imputed_watch_hours: 1.5, //         90 / 60
      avg_session_minutes: 90, //          recorded sessions only: (120 + 60) / 2
      completion_rate: 0.75, //            3 of 4 sessions say 'completed'
      completed_low_progress_share: 1 / 3, // of those 3, s2 has progress 30 %
    });
    expect(kpi('watch_hours').label).toBe('Watch hours (recorded)');
    expect(kpi('watch_hours').description).toMatch(/imputed durations .* left out/);
    expect(kpi('completion_rate').description).toMatch(/action is 'completed'/);
  });

  it('the daily segment table rolls up to the same figures', async () => {
    await sessions([S('s1', 120, 'completed', 100, false), S('s2', 60, 'completed', 30, false), S('s3', 90, 'stopped', 40, true)]);
    await engine.exec('CREATE TABLE silver.users (user_id VARCHAR, country VARCHAR, subscription_plan VARCHAR)');
    await engine.exec(
      'CREATE TABLE silver.recommendation_logs (recommendation_date DATE, user_id VARCHAR, device_type VARCHAR, was_clicked BOOLEAN)',
    );
    await engine.exec('CREATE TABLE silver.search_logs (search_date DATE, user_id VARCHAR, device_type VARCHAR, clicked BOOLEAN)');
    await engine.exec('CREATE TABLE silver.reviews (review_date DATE, user_id VARCHAR, device_type VARCHAR, rating BIGINT)');
    // int_sessions_joined_to_titles carries user_country and subscription_plan in the real table.
    await engine.exec("ALTER TABLE silver.int_sessions_joined_to_titles ADD COLUMN user_country VARCHAR DEFAULT 'USA'");
    await engine.exec("ALTER TABLE silver.int_sessions_joined_to_titles ADD COLUMN subscription_plan VARCHAR DEFAULT 'Basic'");
    await buildGoldModel(engine, 'kpi_daily_by_segment');
    const [row] = await engine.query(`SELECT ${kpi('watch_hours').rollup} AS watch_hours, ${kpi('imputed_watch_hours').rollup} AS imputed,
      ${kpi('completed_low_progress_share').rollup} AS low_progress, ${kpi('avg_session_minutes').rollup} AS avg_minutes FROM gold.kpi_daily_by_segment`);
    expect(row).toEqual({ watch_hours: 3, imputed: 1.5, low_progress: 0.5, avg_minutes: 90 });
  });
});

describe('MRR: the seed band is the outlier rule; MAD flags are reported, not dropped', () => {
  it('leaves out only the band, counts both kinds of flag', async () => {
    await engine.exec(`CREATE TABLE silver.users (user_id VARCHAR, subscription_plan VARCHAR, country VARCHAR, signup_quarter VARCHAR, primary_device VARCHAR, age_band VARCHAR,
      is_active BOOLEAN, monthly_spend DOUBLE, is_spend_outlier BOOLEAN, is_inferred BOOLEAN)`);
    await engine.exec(`INSERT INTO silver.users VALUES
      ('u1','Premium','USA','2024-Q1','Mobile','25-34',true,20,false,false),
      ('u2','Premium','USA','2024-Q1','Mobile','25-34',true,90,true,false),    -- flagged by MAD only: stays in MRR
      ('u3','Premium','USA','2024-Q1','Mobile','25-34',true,${SPEND_BAND_MIN},true,false),   -- in the band: out
      ('u4','Premium','USA','2024-Q1','Mobile','25-34',true,750,true,false),   -- in the band: out
      ('u5','Basic','USA','2024-Q1','Mobile','25-34',false,900,true,false)`); // churned: not revenue either way
    await buildGoldModel(engine, 'kpi_churn_by_segment');
    const [row] = await engine.query(
      "SELECT mrr, arpu, spend_outlier_accounts, spend_mad_flagged_accounts FROM gold.kpi_churn_by_segment WHERE dimension = 'overall'",
    );
    expect(row).toEqual({ mrr: 110, arpu: 55, spend_outlier_accounts: 2, spend_mad_flagged_accounts: 1 });
    expect(SPEND_BAND_MIN).toBe(200);
    expect(kpi('mrr').description).toContain('accounts spending $200 or more a month');
  });
});

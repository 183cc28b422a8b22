// KPI math on hand-built silver rows with hand-computed expected values.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { buildGoldModel, freshEngine, SESSION_COLUMNS } from './build-model.js';

let engine: DuckDbEngine;
beforeEach(async () => {
  engine = await freshEngine();
});
afterEach(async () => engine.close());

async function sessions(rows: string[]): Promise<void> {
  await engine.exec(`CREATE TABLE silver.int_sessions_joined_to_titles (${SESSION_COLUMNS})`);
  await engine.exec(`INSERT INTO silver.int_sessions_joined_to_titles VALUES ${rows.join(', ')}`);
}

const S = (
  id: string,
  user: string,
  movie: string,
  date: string,
  minutes: number | null,
  action: string,
  binge: boolean,
  invalid: boolean,
  genre: string,
  imputed = false,
  progress = 50,
) =>
  `('${id}', '${user}', '${movie}', DATE '${date}', 'Mobile', 'HD', 'USA', ${minutes ?? 'NULL'}, ${progress}, '${action}', NULL, false, ${binge}, ${invalid}, '${genre}', '25-34', 'Female', ${imputed}, ${action === 'completed' && progress < 50})`;

describe('engagement per user-month', () => {
  it('counts sessions, valid hours, completion, titles, genres and binges by hand', async () => {
    await sessions([
      S('s1', 'u1', 'm1', '2024-01-05', 60, 'completed', false, false, 'Drama'),
      S('s2', 'u1', 'm2', '2024-01-20', 120, 'stopped', false, false, 'Comedy'),
      S('s3', 'u1', 'm1', '2024-02-01', 400, 'completed', true, false, 'Drama'),
      S('s4', 'u2', 'm2', '2024-01-10', 30, 'paused', false, false, 'Comedy'),
      S('s5', 'u2', 'm2', '2024-01-11', 900, 'completed', true, true, 'Comedy'),
    ]);
    await buildGoldModel(engine, 'kpi_engagement_by_user_month');
    const rows =
      await engine.query(`SELECT user_id, CAST(month AS VARCHAR) AS month, sessions, watch_hours, completion_rate, distinct_titles, distinct_genres, binge_sessions, avg_session_minutes
      FROM gold.kpi_engagement_by_user_month ORDER BY user_id, month`);
    expect(rows).toEqual([
      {
        user_id: 'u1',
        month: '2024-01-01',
        sessions: 2,
        watch_hours: 3,
        completion_rate: 0.5,
        distinct_titles: 2,
        distinct_genres: 2,
        binge_sessions: 1 - 1,
        avg_session_minutes: 90,
      },
      {
        user_id: 'u1',
        month: '2024-02-01',
        sessions: 1,
        watch_hours: 400 / 60,
        completion_rate: 1,
        distinct_titles: 1,
        distinct_genres: 1,
        binge_sessions: 1,
        avg_session_minutes: 400,
      },
      // The 900-minute session is invalid: it counts as a session but adds no hours or length.
      {
        user_id: 'u2',
        month: '2024-01-01',
        sessions: 2,
        watch_hours: 0.5,
        completion_rate: 0.5,
        distinct_titles: 1,
        distinct_genres: 1,
        binge_sessions: 1,
        avg_session_minutes: 30,
      },
    ]);
  });
});

describe('recommendation CTR with Wilson intervals', () => {
  it('matches hand-computed CTRs and bounds', async () => {
    await engine.exec(
      `CREATE TABLE silver.recommendation_logs (recommendation_id VARCHAR, user_id VARCHAR, movie_id VARCHAR, recommendation_type VARCHAR, algorithm_version VARCHAR, position_in_list BIGINT, device_type VARCHAR, time_of_day VARCHAR, was_clicked BOOLEAN)`,
    );
    await engine.exec(`INSERT INTO silver.recommendation_logs VALUES
      ('r1','u1','m1','personalized','v2.0',1,'Mobile','evening',true),
      ('r2','u1','m2','personalized','v2.0',2,'Mobile','evening',false),
      ('r3','u2','m1','trending',NULL,1,'Tablet','morning',true),
      ('r4','u2','m2','trending',NULL,2,'Tablet','morning',false),
      ('r5','u2','m3','trending','v1.2',3,'Tablet','night',false)`);
    await buildGoldModel(engine, 'kpi_recommendation_ctr');
    const get = async (dimension: string, value: string) =>
      (
        await engine.query(
          `SELECT impressions, clicks, ctr, ctr_ci_low, ctr_ci_high FROM gold.kpi_recommendation_ctr WHERE dimension = '${dimension}' AND value = '${value}'`,
        )
      )[0];
    const overall = await get('overall', 'all');
    expect(overall).toMatchObject({ impressions: 5, clicks: 2, ctr: 0.4 });
    // Wilson 95% for 2/5 by hand: centre (0.4 + 3.8416/10) / (1 + 3.8416/5), half-width 1.96 * sqrt(0.24/5 + 3.8416/100) / (1 + 0.76832)
    const centre = (0.4 + 0.38416) / 1.76832;
    const half = (1.96 * Math.sqrt(0.048 + 0.038416)) / 1.76832;
    expect(overall.ctr_ci_low).toBeCloseTo(centre - half, 10);
    expect(overall.ctr_ci_high).toBeCloseTo(centre + half, 10);
    expect(await get('recommendation_type', 'trending')).toMatchObject({ impressions: 3, clicks: 1 });
    expect(await get('algorithm_version', 'unknown')).toMatchObject({ impressions: 2, clicks: 1, ctr: 0.5 });
    expect(await get('position', '1')).toMatchObject({ impressions: 2, clicks: 2, ctr: 1 });
  });
});

describe('churn, MRR and ARPU by segment', () => {
  it('excludes the spend-outlier band from revenue and computes churn per plan', async () => {
    await engine.exec(`CREATE TABLE silver.users (user_id VARCHAR, subscription_plan VARCHAR, country VARCHAR, signup_quarter VARCHAR, primary_device VARCHAR, age_band VARCHAR,
      is_active BOOLEAN, monthly_spend DOUBLE, is_spend_outlier BOOLEAN, subscription_start_date DATE, is_inferred BOOLEAN)`);
    // u4 is an inferred member (named by events only, every attribute NULL): not an account of any segment.
    await engine.exec(`INSERT INTO silver.users VALUES
      ('u1','Premium','USA','2024-Q1','Mobile','25-34',true,20,false,DATE '2024-01-02',false),
      ('u2','Basic','Canada','2024-Q1','Mobile','25-34',false,10,false,DATE '2024-02-02',false),
      ('u3','Premium','USA','2024-Q2','Tablet','Unknown',true,500,true,DATE '2024-04-02',false),
      ('u4',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,true)`);
    await buildGoldModel(engine, 'kpi_churn_by_segment');
    const rows =
      await engine.query(`SELECT dimension, value, subscribers, active_subscribers, churn_rate, mrr, arpu FROM gold.kpi_churn_by_segment
      WHERE dimension IN ('overall', 'plan') ORDER BY dimension, value`);
    expect(rows).toEqual([
      { dimension: 'overall', value: 'all', subscribers: 3, active_subscribers: 2, churn_rate: 1 / 3, mrr: 20, arpu: 20 },
      { dimension: 'plan', value: 'Basic', subscribers: 1, active_subscribers: 0, churn_rate: 1, mrr: 0, arpu: null },
      { dimension: 'plan', value: 'Premium', subscribers: 2, active_subscribers: 2, churn_rate: 0, mrr: 20, arpu: 20 },
    ]);
  });
});

describe('search KPIs', () => {
  it('computes zero-result rate, click-through and mean click position', async () => {
    await engine.exec(`CREATE TABLE silver.search_logs (search_id VARCHAR, search_query VARCHAR, results_returned BIGINT, clicked BOOLEAN, clicked_result_position BIGINT,
      is_click_beyond_results BOOLEAN, had_typo BOOLEAN, used_filters BOOLEAN, device_type VARCHAR)`);
    await engine.exec(`INSERT INTO silver.search_logs VALUES
      ('q1','horror',10,true,2,false,false,false,'Mobile'),
      ('q2','horor',0,true,3,true,true,false,'Mobile'),
      ('q3','comedy',5,false,NULL,false,false,true,'Tablet'),
      ('q4','comedy',5,true,1,false,false,true,'Tablet')`);
    await buildGoldModel(engine, 'kpi_search');
    const [overall] = await engine.query(`SELECT * FROM gold.kpi_search WHERE dimension = 'overall'`);
    expect(overall).toMatchObject({
      searches: 4,
      zero_result_rate: 0.25,
      search_click_through: 0.75,
      mean_click_position: 2,
      clicks_beyond_results: 1,
    });
    const [typo] = await engine.query(`SELECT * FROM gold.kpi_search WHERE dimension = 'had_typo' AND value = 'typo'`);
    expect(typo).toMatchObject({ searches: 1, zero_result_rate: 1 });
  });
});

describe('as-of date, never the wall clock', () => {
  it('measures recency, frequency and tenure against the configured as-of date', async () => {
    await sessions([
      S('s1', 'u1', 'm1', '2024-01-05', 60, 'completed', false, false, 'Drama'),
      S('s2', 'u1', 'm1', '2024-02-20', 60, 'completed', false, false, 'Drama'),
      S('s3', 'u1', 'm1', '2024-05-01', 60, 'completed', false, false, 'Drama'),
    ]);
    await engine.exec(
      `CREATE TABLE silver.users (user_id VARCHAR, subscription_plan VARCHAR, country VARCHAR, is_active BOOLEAN, monthly_spend DOUBLE, subscription_start_date DATE)`,
    );
    await engine.exec(
      `INSERT INTO silver.users VALUES ('u1','Basic','USA',true,9.99,DATE '2023-12-01'), ('u2','Basic','USA',true,9.99,DATE '2024-02-01')`,
    );
    await buildGoldModel(engine, 'kpi_engagement_by_user', '2024-03-01');
    const rows = await engine.query(
      `SELECT user_id, sessions, recency_days, frequency_90d, tenure_days, engagement_score FROM gold.kpi_engagement_by_user ORDER BY user_id`,
    );
    // The May session lies after the as-of date and is ignored; Feb 20 -> Mar 1 is 10 days.
    expect(rows[0]).toMatchObject({ user_id: 'u1', sessions: 2, recency_days: 10, frequency_90d: 2, tenure_days: 91 });
    expect(rows[1]).toMatchObject({ user_id: 'u2', sessions: 0, recency_days: null, frequency_90d: 0, tenure_days: 29 });
    expect(rows[0].engagement_score as number).toBeGreaterThan(rows[1].engagement_score as number);
    await buildGoldModel(engine, 'kpi_engagement_by_user', '2024-06-01');
    const later = await engine.query(`SELECT sessions, recency_days FROM gold.kpi_engagement_by_user WHERE user_id = 'u1'`);
    expect(later[0]).toEqual({ sessions: 3, recency_days: 31 });
  });

  it('no silver or gold model reads the wall clock', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    for (const layer of ['silver', 'gold']) {
      const dir = new URL(`../../models/${layer}/`, import.meta.url);
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
        const text = readFileSync(new URL(file, dir), 'utf8').toLowerCase();
        expect(text, `${layer}/${file}`).not.toMatch(/current_date|current_timestamp|\bnow\(\)|\btoday\(\)|get_current_time/);
      }
    }
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IMPUTATIONS, imputationFor } from '../../src/silver/imputation-strategies.js';
import { holdoutSize, measureImputation, writeImputationLog } from '../../src/silver/imputation-quality.js';
import { SILVER_SETTINGS } from '../../src/silver/settings.js';
import { buildSilver, createBronze, createEmptyBronze, freshEngine } from './fixtures.js';

const settings = { ...SILVER_SETTINGS, holdoutShare: 0.5, holdoutMax: 1, holdoutSeed: 42 };

describe('imputation quality', () => {
  it('sizes the holdout as a share of known values, capped, at least one when two are known', () => {
    expect(holdoutSize(1, SILVER_SETTINGS)).toBe(0);
    expect(holdoutSize(2, SILVER_SETTINGS)).toBe(1);
    expect(holdoutSize(1000, SILVER_SETTINGS)).toBe(100);
    expect(holdoutSize(1_000_000, SILVER_SETTINGS)).toBe(5000);
  });

  it("hides a seeded known value, re-imputes it with the model's own SQL and reports error and shift (hand-computed)", async () => {
    const engine = await freshEngine();
    await createBronze(engine, 'search_logs', [
      { search_id: 'search_000001', search_duration_seconds: 10 },
      { search_id: 'search_000002', search_duration_seconds: 20 },
      { search_id: 'search_000003', search_duration_seconds: 60 },
      { search_id: 'search_000004', search_duration_seconds: null },
    ]);
    await buildSilver(engine, ['search_logs']);
    const q = await measureImputation(engine, imputationFor('search_logs', 'search_duration_seconds'), settings);
    // The held-out row is the known row whose sha256('42|<key>') sorts first; the other two give its median.
    const keys = ['search_000001', 'search_000002', 'search_000003'];
    const hidden = keys.map((k) => [createHash('sha256').update(`42|${k}`).digest('hex'), k]).sort()[0][1];
    const errorIfHidden: Record<string, number> = { search_000001: 30, search_000002: 15, search_000003: 45 }; // |median(others) - truth|
    expect(q.holdoutSize).toBe(1);
    expect(q.mae).toBeCloseTo(errorIfHidden[hidden], 9);
    expect(q.rmse).toBeCloseTo(errorIfHidden[hidden], 9);
    expect(q.accuracy).toBeNull();
    expect(q.rowsFilled).toBe(1);
    // Before: 10, 20, 60. After: the blank filled with median 20 -> 10, 20, 60, 20.
    expect(q.meanBefore).toBeCloseTo(30, 9);
    expect(q.stdBefore).toBeCloseTo(Math.sqrt(700), 9);
    expect(q.meanAfter).toBeCloseTo(27.5, 9);
    expect(q.stdAfter).toBeCloseTo(Math.sqrt(1475 / 3), 9);
    await engine.close();
  });

  it('reports accuracy for categories: an explicit Unknown never matches a real gender', async () => {
    const engine = await freshEngine();
    await createBronze(engine, 'users', [
      { user_id: 'user_00001', gender: 'Male' },
      { user_id: 'user_00002', gender: 'Female' },
      { user_id: 'user_00003', gender: null },
    ]);
    await buildSilver(engine, ['users']);
    const q = await measureImputation(engine, imputationFor('users', 'gender'), settings);
    expect(q).toMatchObject({ holdoutSize: 1, accuracy: 0, mae: null, rowsFilled: 1, meanBefore: null });
    await engine.close();
  });

  it("writes one meta.imputation_log row per strategy, replacing the run's rows on a re-run", async () => {
    const engine = await freshEngine();
    await createEmptyBronze(engine, ['users']);
    await createBronze(engine, 'users', [
      { user_id: 'user_00001', age: 20 },
      { user_id: 'user_00002', age: 40 },
      { user_id: 'user_00003', age: null },
    ]);
    await buildSilver(engine, ['movies', 'users', 'watch_history', 'recommendation_logs', 'search_logs', 'reviews']);
    await writeImputationLog(engine, 'run-1', IMPUTATIONS, settings);
    await writeImputationLog(engine, 'run-1', IMPUTATIONS, settings);
    const rows = await engine.query(
      `SELECT dataset, column_name, strategy, rows_filled, holdout_size, mae FROM meta.imputation_log WHERE run_id = 'run-1' ORDER BY dataset, column_name`,
    );
    expect(rows).toHaveLength(IMPUTATIONS.length);
    // Ages 20 and 40, one hidden: the other one is the median, error 20; the blank is filled with 30.
    expect(rows.find((r) => r.column_name === 'age')).toEqual({
      dataset: 'silver.users',
      column_name: 'age',
      strategy: 'median by subscription_plan, country',
      rows_filled: 1,
      holdout_size: 1,
      mae: 20,
    });
    expect(rows.find((r) => r.column_name === 'progress_percentage')).toMatchObject({ strategy: 'leave_blank', rows_filled: 0 });
    await engine.close();
  });
});

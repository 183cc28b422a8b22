import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../src/engine/duckdb/engine.js';
import { columnByName } from '../../../src/ml/core/matrix.js';
import { encodeRows, loadChurnDataset, MISSING_LEVEL } from '../../../src/ml/churn/data.js';
import { featureGroups, topDrivers } from '../../../src/ml/churn/drivers.js';
import { rocCurve } from '../../../src/ml/churn/curves.js';
import { riskBand } from '../../../src/ml/churn/report.js';
import { userIndex, truthFor } from '../../../src/ml/ground_truth.js';
import { createMatrix } from '../../../src/ml/core/matrix.js';

describe('encodeRows', () => {
  const rows = [
    { a: 1, b: true, plan: 'Premium' },
    { a: null, b: false, plan: 'Basic' },
    { a: 3, b: null, plan: null },
  ];

  it('keeps numbers (null -> NaN, booleans -> 0/1) and one-hot encodes categoricals with sorted levels', () => {
    const { x, sourceColumn } = encodeRows(rows, ['a', 'b'], ['plan']);
    expect(x.names).toEqual(['a', 'b', `plan=${MISSING_LEVEL}`, 'plan=Basic', 'plan=Premium']);
    expect(Array.from(columnByName(x, 'a'))).toEqual([1, NaN, 3]);
    expect(Array.from(columnByName(x, 'b'))).toEqual([1, 0, NaN]);
    expect(Array.from(columnByName(x, 'plan=Premium'))).toEqual([1, 0, 0]);
    expect(Array.from(columnByName(x, `plan=${MISSING_LEVEL}`))).toEqual([0, 0, 1]);
    expect(sourceColumn['plan=Basic']).toBe('plan');
  });

  it('gives the same columns whatever the row order', () => {
    expect(encodeRows([...rows].reverse(), ['a'], ['plan']).x.names).toEqual(encodeRows(rows, ['a'], ['plan']).x.names);
  });

  it('fails on a non-numeric value in a numeric column, naming the row and column', () => {
    expect(() => encodeRows([{ a: 1 }, { a: 'x' }], ['a'], [])).toThrow(/row 2 column a: expected a number, got "x"/);
  });
});

describe('loadChurnDataset', () => {
  it('reads a feature table in user order, excludes key/date/label and encodes plan, country, device', async () => {
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    try {
      await engine.exec(`CREATE SCHEMA gold; CREATE TABLE gold.f AS SELECT * FROM (VALUES
        ('user_002', DATE '2025-10-01', 'Basic', 'USA', 'Mobile', 10.0, 3, true),
        ('user_001', DATE '2025-10-01', 'Premium', 'UK', 'Mobile', NULL, 5, false)
      ) t(user_id, as_of_date, subscription_plan, country, primary_device, monthly_spend, sessions_90d, churned)`);
      const d = await loadChurnDataset(engine, 'gold.f');
      expect(d.userIds).toEqual(['user_001', 'user_002']);
      expect(Array.from(d.labels)).toEqual([0, 1]);
      expect(d.x.names).toEqual([
        'monthly_spend',
        'sessions_90d',
        'subscription_plan=Basic',
        'subscription_plan=Premium',
        'country=UK',
        'country=USA',
        'primary_device=Mobile',
      ]);
      expect(Array.from(columnByName(d.x, 'monthly_spend'))).toEqual([NaN, 10]);
    } finally {
      await engine.close();
    }
  });
});

describe('loadChurnDataset in batches', () => {
  // 5,000 rows arrive in three stream batches: the streamed matrix must equal encoding all rows at once.
  const table = `CREATE SCHEMA gold; CREATE TABLE gold.f AS
    SELECT printf('user_%05d', 5000 - i) AS user_id, DATE '2025-10-01' AS as_of_date,
      CASE WHEN i % 7 = 0 THEN NULL WHEN i % 3 = 0 THEN 'Basic' ELSE 'Premium' END AS subscription_plan,
      CASE WHEN i % 5 = 0 THEN '' ELSE ['USA', 'UK', 'India'][1 + i % 3] END AS country,
      CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 37 % 101) / 7.0 END AS monthly_spend,
      i % 13 AS sessions_90d, i % 2 = 0 AS churned,
      CASE WHEN i % 4 = 0 THEN NULL ELSE i % 3 = 0 END AS churned_behavioural
    FROM range(5000) t(i)`;

  it('gives the same matrix, labels and ids as encoding every row at once', async () => {
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    try {
      await engine.exec(table);
      const d = await loadChurnDataset(engine, 'gold.f');
      const rows = await engine.query('SELECT * FROM gold.f ORDER BY user_id');
      const whole = encodeRows(rows, ['monthly_spend', 'sessions_90d'], ['subscription_plan', 'country']);
      expect(d.x.names).toEqual(whole.x.names);
      expect(d.x.names).toContain(`country=${MISSING_LEVEL}`);
      expect(d.sourceColumn).toEqual(whole.sourceColumn);
      expect(Array.from(d.x.data)).toEqual(Array.from(whole.x.data));
      expect(d.userIds).toEqual(rows.map((r) => r.user_id));
      expect(Array.from(d.labels)).toEqual(rows.map((r) => (r.churned ? 1 : 0)));
      expect(Array.from(d.behaviouralLabels!)).toEqual(
        rows.map((r) => (r.churned_behavioural === null ? NaN : r.churned_behavioural ? 1 : 0)),
      );
    } finally {
      await engine.close();
    }
  });

  it('names the row of a bad value counted across batches', async () => {
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    try {
      await engine.exec(table);
      await engine.exec(`ALTER TABLE gold.f ADD COLUMN note VARCHAR; UPDATE gold.f SET note = 'x' WHERE user_id = 'user_03001'`);
      await expect(loadChurnDataset(engine, 'gold.f')).rejects.toThrow(/row 3001 column note: expected a number, got "x"/);
    } finally {
      await engine.close();
    }
  });
});

describe('top drivers', () => {
  it('groups one-hot levels and missing indicators with their gold column', () => {
    const groups = featureGroups(['a', 'a__missing', 'plan=Basic', 'plan=Premium'], {
      a: 'a',
      'plan=Basic': 'plan',
      'plan=Premium': 'plan',
    });
    expect([...groups.entries()]).toEqual([
      ['a', [0, 1]],
      ['plan', [2, 3]],
    ]);
  });

  it("names the feature whose typical value lowers a user's risk the most", () => {
    const x = createMatrix(4, ['a', 'b'], Float64Array.from([0, 0, 5, 0, /* b */ 0, 3, 0, 0]));
    const predict = (m: typeof x) =>
      Float64Array.from({ length: m.nRows }, (_, i) => 1 / (1 + Math.exp(-(m.data[i] + 0.5 * m.data[m.nRows + i] - 1))));
    const drivers = topDrivers(predict, x, { a: 'a', b: 'b' }, 2);
    expect(drivers[2].map((d) => d.feature)).toEqual(['a']);
    expect(drivers[1].map((d) => d.feature)).toEqual(['b']);
    expect(drivers[0]).toEqual([]);
  });
});

describe('rocCurve', () => {
  it('steps through distinct thresholds from (0,0) to (1,1), ties in one step', () => {
    const pts = rocCurve([1, 0, 1, 0], [0.9, 0.5, 0.5, 0.1]);
    expect(pts.map((p) => [p.fpr, p.tpr])).toEqual([
      [0, 0],
      [0, 0.5],
      [0.5, 1],
      [1, 1],
    ]);
  });

  it('thins long curves to maxPoints keeping both ends', () => {
    const n = 1000;
    const labels = Array.from({ length: n }, (_, i) => i % 2);
    const scores = Array.from({ length: n }, (_, i) => i);
    const pts = rocCurve(labels, scores, 51);
    expect(pts).toHaveLength(51);
    expect(pts[0]).toMatchObject({ fpr: 0, tpr: 0 });
    expect(pts[50]).toMatchObject({ fpr: 1, tpr: 1 });
  });
});

describe('small helpers', () => {
  it('risk bands use fixed cut-offs', () => {
    expect([0.05, 0.15, 0.29, 0.3, NaN].map(riskBand)).toEqual(['low', 'medium', 'medium', 'high', 'unknown']);
  });
  it('maps user ids to ground-truth rows', () => {
    expect(userIndex('user_00042')).toBe(41);
    expect(Array.from(truthFor(['user_00002', 'user_00009', 'nobody'], [0.1, 0.2, 0.3]))).toEqual([0.2, NaN, NaN]);
  });
});

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

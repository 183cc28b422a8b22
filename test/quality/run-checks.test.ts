import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import type { Engine } from '../../src/engine/engine.js';
import { dialectFor } from '../../src/engine/dialect.js';
import type { CheckDefinition } from '../../src/quality/check.js';
import { applyDropChecks, compileCheck, runChecks } from '../../src/quality/run-checks.js';

// Five users: u3 appears twice; u2 has no age; u3/150 has an unknown plan; u5 is too young and
// signed up after the as-of date; one blank country. Orders: o2 points at a missing user.
const FIXTURE = `
CREATE SCHEMA s;
CREATE TABLE s.users AS SELECT * FROM (VALUES
  ('u1', 25,   'Basic',   'US', DATE '2025-09-20', 'b1', 2),
  ('u2', NULL, 'Premium', 'US', DATE '2025-01-01', 'b1', 3),
  ('u3', 150,  'Gold',    'CA', DATE '2024-06-01', 'b1', 4),
  ('u3', 30,   'Basic',   NULL, DATE '2025-09-30', 'b1', 5),
  ('u5', 10,   NULL,      'UK', DATE '2025-10-05', 'b2', 2)
) AS t(user_id, age, plan, country, signup, _batch_id, _line_number);
CREATE TABLE s.orders AS SELECT * FROM (VALUES ('o1', 'u1'), ('o2', 'u9'), ('o3', NULL), ('o4', 'u3')) AS t(order_id, user_id);
`;

async function withEngine(fn: (engine: Engine) => Promise<void>): Promise<void> {
  const engine = await DuckDbEngine.open({ path: ':memory:' });
  try {
    await engine.exec(FIXTURE);
    await fn(engine);
  } finally {
    await engine.close();
  }
}

function check(partial: Partial<CheckDefinition> & Pick<CheckDefinition, 'name' | 'kind'>): CheckDefinition {
  return { dataset: 's.users', action: 'warn', reasonCode: partial.name.toUpperCase(), description: `${partial.name} holds`, ...partial };
}

const run = (engine: Engine, checks: CheckDefinition[]) => runChecks(engine, checks, { runId: 'r1', layer: 'silver' });

describe('check kinds compile to counts that match hand-computed values', () => {
  const cases: Array<[string, CheckDefinition, { passed: number; failed: number; ok: boolean; sample: string[] }]> = [
    ['not_null', check({ name: 'age_present', kind: 'not_null', column: 'age' }), { passed: 4, failed: 1, ok: false, sample: ['u2'] }],
    // u3 twice: one extra copy fails (the sample still names every copy of the repeated key).
    [
      'unique (extra copies fail)',
      check({ name: 'user_unique', kind: 'unique', column: 'user_id' }),
      { passed: 4, failed: 1, ok: false, sample: ['u3', 'u3'] },
    ],
    [
      'unique composite',
      check({ name: 'user_plan_unique', kind: 'unique', params: { columns: ['user_id', 'plan'] } }),
      { passed: 5, failed: 0, ok: true, sample: [] },
    ],
    // (b1, Basic) twice; (b2, NULL) has a blank part and is not compared.
    [
      'unique composite with a repeat',
      check({ name: 'batch_plan_unique', kind: 'unique', params: { columns: ['_batch_id', 'plan'] } }),
      { passed: 4, failed: 1, ok: false, sample: ['u1', 'u3'] },
    ],
    [
      'accepted_values (NULL passes)',
      check({ name: 'plan_known', kind: 'accepted_values', column: 'plan', params: { values: ['Basic', 'Premium'] } }),
      { passed: 4, failed: 1, ok: false, sample: ['u3'] },
    ],
    [
      'range (NULL passes)',
      check({ name: 'age_plausible', kind: 'range', column: 'age', params: { min: 13, max: 100 } }),
      { passed: 3, failed: 2, ok: false, sample: ['u3', 'u5'] },
    ],
    [
      'range on dates',
      check({ name: 'signup_before_asof', kind: 'range', column: 'signup', params: { max: '2025-10-01' } }),
      { passed: 4, failed: 1, ok: false, sample: ['u5'] },
    ],
    [
      'relationship (NULL passes; the sample shows the orphan value, not the first column)',
      check({ name: 'order_user', kind: 'relationship', dataset: 's.orders', column: 'user_id', params: { to: 's.users.user_id' } }),
      { passed: 3, failed: 1, ok: false, sample: ['u9'] },
    ],
    [
      'expression (FALSE fails, NULL passes)',
      check({ name: 'adult_outside_ca', kind: 'expression', params: { expression: "age >= 18 AND country <> 'CA'" } }),
      { passed: 3, failed: 2, ok: false, sample: ['u3', 'u5'] },
    ],
    [
      'completeness over the limit',
      check({ name: 'country_complete', kind: 'completeness', column: 'country', params: { maxBlankRate: 0.1 } }),
      { passed: 4, failed: 1, ok: false, sample: ['u3'] },
    ],
    [
      'completeness at the limit',
      check({ name: 'country_complete', kind: 'completeness', column: 'country', params: { maxBlankRate: 0.2 } }),
      { passed: 4, failed: 1, ok: true, sample: [] },
    ],
    [
      'freshness: one row within 7 days',
      check({ name: 'fresh', kind: 'freshness', params: { column: 'signup', asOf: '2025-10-01', maxAgeDays: 7 } }),
      { passed: 1, failed: 4, ok: true, sample: [] },
    ],
    [
      'freshness: none on the day',
      check({ name: 'fresh', kind: 'freshness', params: { column: 'signup', asOf: '2025-10-01', maxAgeDays: 0 } }),
      { passed: 0, failed: 5, ok: false, sample: ['newest 2025-10-05 vs as-of 2025-10-01'] },
    ],
    [
      'row_count within bounds',
      check({ name: 'rows', kind: 'row_count', params: { min: 3, max: 10 } }),
      { passed: 5, failed: 0, ok: true, sample: [] },
    ],
    [
      'row_count below min',
      check({ name: 'rows', kind: 'row_count', params: { min: 6 } }),
      { passed: 0, failed: 5, ok: false, sample: ['rows 5, expected 6..inf'] },
    ],
    // Non-blank plans: Basic 2, Premium 1, Gold 1 -> shares .5/.25/.25 vs reference .5/.5/0.
    [
      'distribution_drift beyond tolerance',
      check({
        name: 'plan_mix',
        kind: 'distribution_drift',
        column: 'plan',
        params: { reference: { Basic: 0.5, Premium: 0.5 }, tolerance: 0.2 },
      }),
      { passed: 2, failed: 2, ok: false, sample: ['Gold: 0.25 vs 0.0', 'Premium: 0.25 vs 0.5'] },
    ],
    [
      'distribution_drift within tolerance',
      check({
        name: 'plan_mix',
        kind: 'distribution_drift',
        column: 'plan',
        params: { reference: { Basic: 0.5, Premium: 0.5 }, tolerance: 0.3 },
      }),
      { passed: 4, failed: 0, ok: true, sample: [] },
    ],
  ];

  for (const [label, definition, expected] of cases) {
    it(label, async () => {
      await withEngine(async (engine) => {
        const [result] = await run(engine, [definition]);
        expect({ passed: result.passedRecords, failed: result.failedRecords, ok: result.passed, sample: result.sample }).toEqual(expected);
      });
    });
  }

  it('uses params.key for the sample when given', async () => {
    await withEngine(async (engine) => {
      const [result] = await run(engine, [check({ name: 'age_present', kind: 'not_null', column: 'age', params: { key: 'plan' } })]);
      expect(result.sample).toEqual(['Premium']);
    });
  });

  it('writes one meta.check_results row per check with the counts', async () => {
    await withEngine(async (engine) => {
      await run(engine, [
        check({ name: 'age_present', kind: 'not_null', column: 'age' }),
        check({ name: 'rows', kind: 'row_count', action: 'fail', params: { min: 1 } }),
      ]);
      const rows = await engine.query(
        'SELECT run_id, layer, dataset, check_name, kind, column_name, action, reason_code, passed_records, failed_records, passed, sample FROM meta.check_results ORDER BY check_name',
      );
      expect(rows).toEqual([
        {
          run_id: 'r1',
          layer: 'silver',
          dataset: 's.users',
          check_name: 'age_present',
          kind: 'not_null',
          column_name: 'age',
          action: 'warn',
          reason_code: 'AGE_PRESENT',
          passed_records: 4,
          failed_records: 1,
          passed: false,
          sample: '["u2"]',
        },
        {
          run_id: 'r1',
          layer: 'silver',
          dataset: 's.users',
          check_name: 'rows',
          kind: 'row_count',
          column_name: null,
          action: 'fail',
          reason_code: 'ROWS',
          passed_records: 5,
          failed_records: 0,
          passed: true,
          sample: '[]',
        },
      ]);
    });
  });

  it('rejects malformed checks with the check named', () => {
    const duck = dialectFor('duckdb');
    expect(() => compileCheck(check({ name: 'rows', kind: 'row_count', action: 'drop', params: { min: 1 } }), duck)).toThrow(
      /check 'rows' on s.users: kind 'row_count' .* cannot drop/,
    );
    expect(() =>
      compileCheck(check({ name: 'fk', kind: 'relationship', column: 'user_id', params: { to: 'users.user_id' } }), duck),
    ).toThrow(/'schema.table.column'/);
    expect(() => compileCheck(check({ name: 'r', kind: 'range', column: 'age' }), duck)).toThrow(/params.min and\/or params.max/);
    expect(() => compileCheck(check({ name: 'n', kind: 'not_null', column: 'Age; DROP' }), duck)).toThrow(/lower-case column name/);
  });
});

describe('applyDropChecks', () => {
  it('moves failing rows to quarantine once each and removes them from the temp table', async () => {
    await withEngine(async (engine) => {
      await engine.exec('CREATE TABLE s.users__tmp_r1 AS SELECT * FROM s.users');
      const checks = [
        check({
          name: 'plan_known',
          kind: 'accepted_values',
          column: 'plan',
          action: 'drop',
          reasonCode: 'PLAN_UNKNOWN',
          params: { values: ['Basic', 'Premium'] },
        }),
        check({
          name: 'age_plausible',
          kind: 'range',
          column: 'age',
          action: 'drop',
          reasonCode: 'AGE_OUT_OF_RANGE',
          params: { min: 13, max: 100 },
        }),
        check({ name: 'age_present', kind: 'not_null', column: 'age', action: 'warn' }),
      ];
      const outcome = await applyDropChecks(engine, 's.users__tmp_r1', checks, { runId: 'r1', layer: 'silver', sourceTable: 'users' });
      // u3/150 fails both checks: it goes once, under the first check's code.
      expect(outcome.quarantined).toBe(2);
      expect(outcome.results.map((r) => [r.check, r.failedRecords])).toEqual([
        ['plan_known', 1],
        ['age_plausible', 2],
      ]);
      expect(await engine.query('SELECT user_id, age FROM s.users__tmp_r1 ORDER BY user_id, age')).toEqual([
        { user_id: 'u1', age: 25 },
        { user_id: 'u2', age: null },
        { user_id: 'u3', age: 30 },
      ]);
      const quarantined = await engine.query<{ row_json: string } & Record<string, unknown>>(
        'SELECT run_id, layer, batch_id, line_number, reason_code, reason, row_json FROM quarantine.users ORDER BY reason_code',
      );
      expect(quarantined.map(({ row_json, ...rest }) => ({ ...rest, user_id: JSON.parse(row_json).user_id }))).toEqual([
        {
          run_id: 'r1',
          layer: 'silver',
          batch_id: 'b2',
          line_number: 2,
          reason_code: 'AGE_OUT_OF_RANGE',
          reason: 'age_plausible: age_plausible holds',
          user_id: 'u5',
        },
        {
          run_id: 'r1',
          layer: 'silver',
          batch_id: 'b1',
          line_number: 4,
          reason_code: 'PLAN_UNKNOWN',
          reason: 'plan_known: plan_known holds',
          user_id: 'u3',
        },
      ]);
      // Only the drop checks were recorded here; warn/fail checks run later against the kept rows.
      expect(await engine.query('SELECT count(*) AS n FROM meta.check_results')).toEqual([{ n: 2 }]);
    });
  });

  it('leaves the table untouched when nothing fails', async () => {
    await withEngine(async (engine) => {
      await engine.exec('CREATE TABLE s.t__tmp AS SELECT * FROM s.users');
      const outcome = await applyDropChecks(
        engine,
        's.t__tmp',
        [check({ name: 'id', kind: 'not_null', column: 'user_id', action: 'drop' })],
        { runId: 'r1', layer: 'silver', sourceTable: 'users' },
      );
      expect(outcome.quarantined).toBe(0);
      expect(await engine.query('SELECT count(*) AS n FROM s.t__tmp')).toEqual([{ n: 5 }]);
    });
  });
});

describe('samples of personal data', () => {
  it('are masked when the sample key is a PII column of the contract (email), kept otherwise', async () => {
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    try {
      await engine.exec(`CREATE SCHEMA bronze; CREATE TABLE bronze.users AS SELECT * FROM (VALUES
        ('user_1', 'ann@example.com', 'Ann'), ('user_2', 'ann@example.com', 'Bob')) AS t(user_id, email, first_name)`);
      const byEmail = {
        name: 'email_unique',
        kind: 'unique' as const,
        dataset: 'bronze.users',
        column: 'email',
        action: 'warn' as const,
        reasonCode: 'E',
        description: 'unique email',
        params: { key: 'email' },
      };
      const byId = { ...byEmail, name: 'email_unique_by_id', params: {} };
      const [masked, keyed] = await runChecks(engine, [byEmail, byId], { runId: 'r1', layer: 'bronze' });
      expect(masked.passed).toBe(false);
      expect(masked.sample).toEqual(['[email masked]', '[email masked]']);
      expect(keyed.sample).toEqual(['user_1', 'user_2']);
      const stored = JSON.stringify(await engine.query('SELECT sample FROM meta.check_results'));
      expect(stored).not.toContain('ann@example.com');
    } finally {
      await engine.close();
    }
  });
});

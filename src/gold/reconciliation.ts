// Reconciliation: gold totals must equal the silver totals they were built from, and shares must
// sum to one. Each comparison becomes a row of gold.reconciliation (the evidence, shown in the
// quality report) and the table is guarded by one `fail` check, so a mismatch stops the run.
import type { Engine } from '../engine/engine.js';
import type { CheckDefinition } from '../quality/check.js';
import { runChecks } from '../quality/run-checks.js';
import type { StepContext, StepResult, TsStep } from '../pipeline/step.js';

export interface Comparison {
  name: string;
  description: string;
  /** SQL returning one number: the reference (silver) side. */
  expected: string;
  /** SQL returning one number: the gold side. */
  actual: string;
  /**
   * Largest allowed |expected - actual|, relative to max(1, |expected|): 0 for counts; for sums of
   * floats a small relative bound, since the two sides add the same numbers in a different order
   * (at 10 M sessions the last digits of a 10-million-hour total differ).
   */
  tolerance: number;
}

/** Whether the two sides agree within the comparison's (relative) tolerance. */
export function withinTolerance(expected: number, actual: number, tolerance: number): boolean {
  return Math.abs(expected - actual) <= tolerance * Math.max(1, Math.abs(expected));
}

const recordedMinutes =
  'CASE WHEN is_invalid_duration OR watch_duration_minutes_was_imputed THEN 0 ELSE coalesce(watch_duration_minutes, 0) END';
const imputedMinutes =
  'CASE WHEN NOT is_invalid_duration AND watch_duration_minutes_was_imputed THEN coalesce(watch_duration_minutes, 0) ELSE 0 END';

export const COMPARISONS: readonly Comparison[] = [
  {
    name: 'sessions_by_user_month',
    description: 'Sessions in silver = sessions summed over gold user-months.',
    expected: 'SELECT count(*) FROM silver.watch_history',
    actual: 'SELECT sum(sessions) FROM gold.kpi_engagement_by_user_month',
    tolerance: 0,
  },
  {
    name: 'sessions_by_title',
    description: 'Sessions in silver = views summed over gold titles.',
    expected: 'SELECT count(*) FROM silver.watch_history',
    actual: 'SELECT sum(views) FROM gold.kpi_content_by_title',
    tolerance: 0,
  },
  {
    name: 'sessions_by_device',
    description: 'Sessions in silver = sessions summed over the device breakdown.',
    expected: 'SELECT count(*) FROM silver.watch_history',
    actual: "SELECT sum(sessions) FROM gold.viewing_patterns WHERE dimension = 'device'",
    tolerance: 0,
  },
  {
    name: 'sessions_by_month',
    description: 'Sessions in silver = sessions summed over business months.',
    expected: 'SELECT count(*) FROM silver.watch_history',
    actual: 'SELECT sum(sessions) FROM gold.kpi_business_by_month',
    tolerance: 0,
  },
  {
    name: 'watch_hours',
    description: 'Recorded (valid, not imputed) watch hours in silver = hours summed over gold user-months.',
    expected: `SELECT sum(${recordedMinutes}) / 60.0 FROM silver.watch_history`,
    actual: 'SELECT sum(watch_hours) FROM gold.kpi_engagement_by_user_month',
    tolerance: 1e-9,
  },
  {
    name: 'imputed_watch_hours',
    description: 'Imputed (valid) watch hours in silver = imputed hours summed over gold user-months.',
    expected: `SELECT sum(${imputedMinutes}) / 60.0 FROM silver.watch_history`,
    actual: 'SELECT sum(imputed_watch_hours) FROM gold.kpi_engagement_by_user_month',
    tolerance: 1e-9,
  },
  {
    name: 'recommendation_impressions',
    description: 'Impressions in silver = gold overall impressions.',
    expected: 'SELECT count(*) FROM silver.recommendation_logs',
    actual: "SELECT sum(impressions) FROM gold.kpi_recommendation_ctr WHERE dimension = 'overall'",
    tolerance: 0,
  },
  {
    name: 'recommendation_clicks',
    description: 'Clicks in silver = gold overall clicks = clicks summed over titles.',
    expected: 'SELECT sum(CASE WHEN was_clicked THEN 1 ELSE 0 END) FROM silver.recommendation_logs',
    actual: 'SELECT sum(clicks) FROM gold.kpi_content_by_title',
    tolerance: 0,
  },
  {
    name: 'searches',
    description: 'Searches in silver = gold overall searches.',
    expected: 'SELECT count(*) FROM silver.search_logs',
    actual: "SELECT sum(searches) FROM gold.kpi_search WHERE dimension = 'overall'",
    tolerance: 0,
  },
  {
    name: 'reviews',
    description: 'Reviews in silver = gold overall reviews.',
    expected: 'SELECT count(*) FROM silver.reviews',
    actual: "SELECT sum(reviews) FROM gold.kpi_reviews WHERE dimension = 'overall'",
    tolerance: 0,
  },
  {
    name: 'active_users',
    description: 'Active accounts in silver = gold overall active subscribers.',
    expected: 'SELECT sum(CASE WHEN is_active THEN 1 ELSE 0 END) FROM silver.users',
    actual: "SELECT sum(active_subscribers) FROM gold.kpi_churn_by_segment WHERE dimension = 'overall'",
    tolerance: 0,
  },
  {
    name: 'accounts_in_features',
    description: 'Every silver account (inferred members aside) has one row of ML features.',
    expected: 'SELECT count(*) FROM silver.users WHERE NOT is_inferred',
    actual: 'SELECT count(*) FROM gold.ml_user_features',
    tolerance: 0,
  },
  {
    name: 'viewing_shares_sum_to_one',
    description: 'Session shares sum to 1 within every viewing-pattern dimension (worst deviation).',
    expected: 'SELECT 0',
    actual:
      'SELECT coalesce(max(abs(total - 1)), 0) FROM (SELECT dimension, sum(session_share) AS total FROM gold.viewing_patterns GROUP BY dimension) t',
    tolerance: 1e-9,
  },
  {
    name: 'review_shares_sum_to_one',
    description: 'Review shares sum to 1 within every review dimension (worst deviation).',
    expected: 'SELECT 0',
    actual:
      'SELECT coalesce(max(abs(total - 1)), 0) FROM (SELECT dimension, sum(review_share) AS total FROM gold.kpi_reviews GROUP BY dimension) t',
    tolerance: 1e-9,
  },
  {
    name: 'genre_shares_sum_to_one',
    description: 'Genre shares sum to 1 within every demographic group (worst deviation).',
    expected: 'SELECT 0',
    actual:
      'SELECT coalesce(max(abs(total - 1)), 0) FROM (SELECT age_band, gender, sum(genre_share) AS total FROM gold.genre_by_demographic GROUP BY age_band, gender) t',
    tolerance: 1e-9,
  },
];

/** Tables the comparisons read: the step's dependencies. */
export const RECONCILED_TABLES = [
  ...new Set(
    COMPARISONS.flatMap((c) =>
      [c.expected, c.actual].flatMap((q) => [...q.matchAll(/\b(silver|gold)\.([a-z_]+)/g)].map((m) => `${m[1]}.${m[2]}`)),
    ),
  ),
].sort();

const RECONCILIATION_CHECK: CheckDefinition = {
  name: 'gold_reconciles_with_silver',
  kind: 'expression',
  dataset: 'gold.reconciliation',
  action: 'fail',
  reasonCode: 'RECONCILIATION_MISMATCH',
  description: 'Every gold total equals its silver total within tolerance, and shares sum to 1.',
  params: { expression: 'passed', key: 'comparison' },
};

async function scalar(engine: Engine, query: string): Promise<number | null> {
  const rows = await engine.query(query);
  const value = rows.length > 0 ? Object.values(rows[0])[0] : null;
  return value === null || value === undefined ? null : Number(value);
}

/** Compute every comparison, rebuild gold.reconciliation atomically, run its fail check. */
export async function reconcile(engine: Engine, runId: string, comparisons: readonly Comparison[] = COMPARISONS) {
  const values: string[] = [];
  for (const c of comparisons) {
    const expected = await scalar(engine, c.expected);
    const actual = await scalar(engine, c.actual);
    const passed = expected !== null && actual !== null && withinTolerance(expected, actual, c.tolerance);
    const lit = (v: number | null) => (v === null ? 'NULL' : String(v));
    const text = (s: string) => "'" + s.replaceAll("'", "''") + "'";
    values.push(
      `(${text(c.name)}, ${text(c.description)}, CAST(${lit(expected)} AS DOUBLE), CAST(${lit(actual)} AS DOUBLE), ${c.tolerance}, ${passed})`,
    );
  }
  const temp = `gold.reconciliation__tmp_${runId.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
  await engine.exec(`DROP TABLE IF EXISTS ${temp}`);
  await engine.exec(
    `CREATE TABLE ${temp} AS SELECT * FROM (VALUES ${values.join(', ')}) AS t(comparison, description, expected, actual, tolerance, passed)`,
  );
  await engine.swapTable(temp, 'gold.reconciliation');
  return runChecks(engine, [RECONCILIATION_CHECK], { runId, layer: 'gold' });
}

export const reconciliationStep: TsStep = {
  kind: 'ts',
  name: 'gold.reconciliation',
  layer: 'gold',
  description: 'Gold totals reconciled with silver totals; shares sum to one.',
  deps: RECONCILED_TABLES,
  produces: ['gold.reconciliation'],
  async run(ctx: StepContext): Promise<StepResult> {
    const [result] = await reconcile(ctx.engine, ctx.runId);
    if (!result.passed) {
      const failed = await ctx.engine.query<{ comparison: string; expected: number; actual: number }>(
        'SELECT comparison, expected, actual FROM gold.reconciliation WHERE NOT passed',
      );
      throw new Error(
        `gold does not reconcile with silver: ${failed.map((f) => `${f.comparison} expected ${f.expected} got ${f.actual}`).join('; ')}`,
      );
    }
    return { rowsOut: COMPARISONS.length, metadata: { comparisons: COMPARISONS.length } };
  },
};

// The quality scorecard: per layer and table, five dimensions scored 0-100 from the latest result
// of every check (this run's, or the last run's for layers this run did not rebuild), with the checks behind each score. A check kind maps to the dimension it evidences; a
// score is the record-weighted pass rate of its checks (table-level checks count as one record).
import type { CheckKind } from '../quality/check.js';
import type { StepContext, StepResult, TsStep } from '../pipeline/step.js';
import type { Engine } from '../engine/engine.js';
import { literal } from '../engine/sql.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_MODELS_DIR } from '../install-paths.js';
import { TABLE_LEVEL_KINDS } from '../quality/run-checks.js';

/** Every gold SQL model of the repository (models/gold/*.sql), as table names. */
function goldModelTables(): string[] {
  const dir = join(REPO_MODELS_DIR, 'gold');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => `gold.${f.slice(0, -4)}`)
    .sort();
}

export type QualityDimension = 'completeness' | 'validity' | 'uniqueness' | 'consistency' | 'timeliness';

export const DIMENSION_OF_KIND: Readonly<Record<CheckKind, QualityDimension>> = {
  not_null: 'completeness',
  completeness: 'completeness',
  accepted_values: 'validity',
  range: 'validity',
  expression: 'validity',
  distribution_drift: 'validity',
  unique: 'uniqueness',
  relationship: 'consistency',
  row_count: 'consistency',
  freshness: 'timeliness',
  conservation: 'consistency',
  quarantine_share: 'validity',
};

/** Reason codes that make an expression check evidence of consistency rather than validity. */
const CONSISTENCY_REASONS = ['RECONCILIATION_MISMATCH'];

export async function buildScorecard(engine: Engine, runId: string): Promise<number> {
  const kindCase = Object.entries(DIMENSION_OF_KIND)
    .map(([kind, dim]) => `WHEN kind = '${kind}' THEN '${dim}'`)
    .join(' ');
  const reasons = CONSISTENCY_REASONS.map(literal).join(', ');
  // Table-level checks (and the runner's conservation check) count as one record each.
  const tableLevel = [...TABLE_LEVEL_KINDS, 'conservation'].map(literal).join(', ');
  const temp = `gold.quality_scorecard__tmp_${runId.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
  await engine.exec(`DROP TABLE IF EXISTS ${temp}`);
  await engine.exec(`CREATE TABLE ${temp} AS
    WITH results AS (
      SELECT layer, dataset, check_name, passed,
        CASE WHEN reason_code IN (${reasons}) THEN 'consistency' ELSE CASE ${kindCase} END END AS dimension,
        CASE WHEN kind IN (${tableLevel}) THEN (CASE WHEN passed THEN 1 ELSE 0 END) ELSE passed_records END AS ok,
        CASE WHEN kind IN (${tableLevel}) THEN 1 ELSE passed_records + failed_records END AS total
      FROM (
        -- The latest result of every check up to this run, so a partial run (--select gold+)
        -- still scores the layers it did not rebuild from their last results.
        SELECT c.*, row_number() OVER (PARTITION BY layer, dataset, check_name ORDER BY checked_at DESC, run_id DESC) AS recency
        FROM meta.check_results c
        WHERE run_id <= ${literal(runId)}
      ) latest
      WHERE recency = 1
    )
    SELECT
      layer,
      dataset,
      dimension,
      CASE WHEN sum(total) = 0 THEN 100.0 ELSE round(100.0 * sum(ok) / sum(total), 2) END AS score,
      count(*) AS checks,
      sum(CASE WHEN passed THEN 1 ELSE 0 END) AS checks_passed,
      ${engine.dialect.string_agg('check_name', "', '")} AS check_names
    FROM results
    GROUP BY layer, dataset, dimension`);
  await engine.swapTable(temp, 'gold.quality_scorecard');
  const [{ n }] = await engine.query<{ n: number }>('SELECT count(*) AS n FROM gold.quality_scorecard');
  return Number(n);
}

export const scorecardStep: TsStep = {
  kind: 'ts',
  name: 'gold.quality_scorecard',
  layer: 'gold',
  description: 'Quality scorecard per layer and table: completeness, validity, uniqueness, consistency, timeliness (0-100).',
  // Last in gold: it scores every check recorded so far in the run, so it waits for every gold model.
  deps: ['gold.reconciliation', ...goldModelTables()],
  produces: ['gold.quality_scorecard'],
  async run(ctx: StepContext): Promise<StepResult> {
    const rows = await buildScorecard(ctx.engine, ctx.runId);
    return { rowsOut: rows };
  },
};

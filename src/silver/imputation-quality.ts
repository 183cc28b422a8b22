// Measures how good each imputation strategy is, with the very SQL the silver models use
// (imputeSql from imputation-strategies.ts): a seeded sample of known values is hidden, filled by the
// strategy, and compared with the truth (MAE/RMSE for numbers, accuracy for categories). Also
// records rows filled and the distribution before (known values) vs after (with fills).
// Results go to meta.imputation_log (this run's rows for the dataset replaced: idempotent).
import type { Engine } from '../engine/engine.js';
import { deleteRows } from '../engine/rows.js';
import { literal, raw, sql } from '../engine/sql.js';
import { compileModel } from '../pipeline/compile.js';
import type { StepContext, StepResult, TsStep } from '../pipeline/step.js';
import {
  IMPUTATIONS,
  columnsRead,
  describeStrategy,
  flagColumn,
  imputationMediansFrom,
  imputeSql,
  isNumeric,
  type ColumnImputation,
} from './imputation-strategies.js';
import { SILVER_SETTINGS, type SilverSettings } from './settings.js';

export interface ImputationQuality {
  dataset: string;
  column: string;
  strategy: string;
  rowsFilled: number;
  holdoutSize: number;
  mae: number | null;
  rmse: number | null;
  accuracy: number | null;
  meanBefore: number | null;
  meanAfter: number | null;
  stdBefore: number | null;
  stdAfter: number | null;
  note: string;
}

type Num = number | null;
const num = (v: unknown): Num => (v === null || v === undefined ? null : Number(v));

/** Rows to hide: holdoutShare of the known values, at most holdoutMax, at least 1 when 2+ are known. */
export function holdoutSize(known: number, settings: Pick<SilverSettings, 'holdoutShare' | 'holdoutMax'>): number {
  if (known < 2) return 0;
  return Math.max(1, Math.min(settings.holdoutMax, Math.round(known * settings.holdoutShare)));
}

export async function measureImputation(
  engine: Engine,
  imp: ColumnImputation,
  settings: SilverSettings = SILVER_SETTINGS,
): Promise<ImputationQuality> {
  const table = `silver.${imp.table}`;
  const col = imp.column;
  const flag = flagColumn(imp);
  const numeric = isNumeric(imp);
  const value = (expr: string) => (numeric ? `CAST(${expr} AS DOUBLE)` : expr);

  const [dist] = await engine.query(`
    SELECT
      sum(CASE WHEN ${flag} THEN 1 ELSE 0 END) AS flagged,
      sum(CASE WHEN NOT ${flag} AND ${col} IS NOT NULL THEN 1 ELSE 0 END) AS known,
      ${numeric ? `avg(CASE WHEN NOT ${flag} THEN ${value(col)} END)` : 'NULL'} AS mean_before,
      ${numeric ? `stddev_samp(CASE WHEN NOT ${flag} THEN ${value(col)} END)` : 'NULL'} AS std_before,
      ${numeric ? `avg(${value(col)})` : 'NULL'} AS mean_after,
      ${numeric ? `stddev_samp(${value(col)})` : 'NULL'} AS std_after
    FROM ${table}`);
  const flagged = Number(dist.flagged ?? 0);
  const known = Number(dist.known ?? 0);
  const base: ImputationQuality = {
    dataset: table,
    column: col,
    strategy: describeStrategy(imp),
    rowsFilled: imp.strategy.kind === 'leave_blank' ? 0 : flagged,
    holdoutSize: 0,
    mae: null,
    rmse: null,
    accuracy: null,
    meanBefore: num(dist.mean_before),
    meanAfter: num(dist.mean_after),
    stdBefore: num(dist.std_before),
    stdAfter: num(dist.std_after),
    note: '',
  };
  if (imp.strategy.kind === 'leave_blank') return { ...base, note: `left blank on purpose: ${flagged} rows missing, indicator ${flag}` };
  const n = holdoutSize(known, settings);
  if (n === 0) return { ...base, note: `too few known values (${known}) to measure` };

  const others = columnsRead(imp).filter((c) => c !== col);
  const seedHash = engine.dialect.keyed_hash(imp.key, literal(String(settings.holdoutSeed)));
  const fill = compileModel(imputeSql(imp), engine.dialect, `imputation quality ${table}.${col}`).sql;
  const mediansFrom = compileModel(imputationMediansFrom([imp], 'masked'), engine.dialect, `imputation quality ${table}.${col}`).sql;
  // The holdout is the n known rows first in (seeded hash, key) order: a top-n, not a full ranking.
  // The fill runs over all rows (its medians need every non-hidden value), only holdout rows are scored.
  const [m] = await engine.query(sql`
    WITH holdout AS (
      SELECT ${raw(imp.key)} AS _holdout_key
      FROM ${raw(table)}
      WHERE NOT ${raw(flag)} AND ${raw(col)} IS NOT NULL
      ORDER BY ${raw(seedHash)}, ${raw(imp.key)}
      LIMIT ${raw(String(n))}
    ),
    masked AS (
      SELECT ${raw(others.map((c) => `${c}, `).join(''))}${raw(col)} AS _truth, (h._holdout_key IS NOT NULL) AS _holdout,
             CASE WHEN h._holdout_key IS NULL AND NOT ${raw(flag)} THEN ${raw(col)} END AS ${raw(col)}
      FROM ${raw(table)} t LEFT JOIN holdout h ON h._holdout_key = t.${raw(imp.key)}
    ),
    filled AS (
      SELECT _holdout, _truth, ${raw(fill)} AS _imputed FROM ${raw(mediansFrom)}
    )
    SELECT
      count(*) AS holdout_size,
      ${raw(numeric ? 'avg(abs(CAST(_imputed AS DOUBLE) - CAST(_truth AS DOUBLE)))' : 'NULL')} AS mae,
      ${raw(numeric ? 'sqrt(avg((CAST(_imputed AS DOUBLE) - CAST(_truth AS DOUBLE)) * (CAST(_imputed AS DOUBLE) - CAST(_truth AS DOUBLE))))' : 'NULL')} AS rmse,
      ${raw(numeric ? 'NULL' : 'avg(CASE WHEN _imputed = _truth THEN 1.0 ELSE 0.0 END)')} AS accuracy
    FROM filled
    WHERE _holdout`);
  return {
    ...base,
    holdoutSize: Number(m.holdout_size),
    mae: num(m.mae),
    rmse: num(m.rmse),
    accuracy: num(m.accuracy),
    note: `holdout of ${n} of ${known} known values, seed ${settings.holdoutSeed}`,
  };
}

/** Measure every strategy of the given tables and replace this run's rows in meta.imputation_log. */
export async function writeImputationLog(
  engine: Engine,
  runId: string,
  imputations: readonly ColumnImputation[] = IMPUTATIONS,
  settings: SilverSettings = SILVER_SETTINGS,
): Promise<ImputationQuality[]> {
  const results: ImputationQuality[] = [];
  for (const imp of imputations) results.push(await measureImputation(engine, imp, settings));
  for (const dataset of new Set(results.map((r) => r.dataset))) {
    await deleteRows(engine, 'meta.imputation_log', sql`run_id = ${runId} AND dataset = ${dataset}`);
  }
  for (const r of results) {
    await engine.exec(sql`INSERT INTO meta.imputation_log VALUES (${runId}, ${r.dataset}, ${r.column}, ${r.strategy}, ${r.rowsFilled},
      ${r.holdoutSize}, ${r.mae}, ${r.rmse}, ${r.accuracy}, ${r.meanBefore}, ${r.meanAfter}, ${r.stdBefore}, ${r.stdAfter}, ${r.note})`);
  }
  return results;
}

export const imputationQualityStep: TsStep = {
  kind: 'ts',
  name: 'silver.imputation_quality',
  layer: 'silver',
  description: 'Measures every imputation strategy on a seeded holdout of known values; writes meta.imputation_log.',
  deps: [...new Set(IMPUTATIONS.map((i) => `silver.${i.table}`))],
  produces: ['meta.imputation_log'],
  async run(ctx: StepContext): Promise<StepResult> {
    const results = await writeImputationLog(ctx.engine, ctx.runId);
    const filled = results.reduce((a, r) => a + r.rowsFilled, 0);
    ctx.log(`imputation_log: ${results.length} columns, ${filled} values filled`);
    return { rowsOut: results.length, metadata: { valuesFilled: filled } };
  },
};

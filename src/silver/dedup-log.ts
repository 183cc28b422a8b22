// Writes meta.dedup_log for this run: every bronze row that silver drops as a duplicate, with the
// row that survives and the rule. The silver models keep {{ dedup_rank(table) }} = 1; this step
// ranks with the same SQL (dedupRankSql), so the log and the models cannot disagree.
// Rule: 'exact_row' when the dropped row's field values equal the survivor's (same _row_hash),
// else 'primary_key' (same key, different content: the later version is dropped, first one wins).
import { SOURCE_TABLES, contractFor, type SourceTableName } from '../contracts/index.js';
import type { Engine } from '../engine/engine.js';
import { deleteRows } from '../engine/rows.js';
import { sql, raw } from '../engine/sql.js';
import type { StepContext, StepResult, TsStep } from '../pipeline/step.js';
import { dedupRankSql } from './macros.js';

/** Replace this run's dedup-log rows of one table; returns how many rows were logged. */
export async function writeDedupLog(engine: Engine, runId: string, table: SourceTableName): Promise<number> {
  const key = contractFor(table).primaryKey;
  await deleteRows(engine, 'meta.dedup_log', sql`run_id = ${runId} AND dataset = ${table}`);
  await engine.exec(sql`
    INSERT INTO meta.dedup_log
    WITH ranked AS (
        SELECT ${raw(key)} AS key_value, _batch_id, _line_number, _row_hash, ${raw(dedupRankSql(table))} AS _dup_rank
        FROM ${raw(`bronze.${table}`)}
    )
    SELECT
        ${runId} AS run_id,
        ${table} AS dataset,
        CASE WHEN d._row_hash = s._row_hash THEN 'exact_row' ELSE 'primary_key' END AS rule,
        d.key_value,
        d._batch_id AS dropped_batch_id,
        d._line_number AS dropped_line_number,
        d._row_hash AS dropped_row_hash,
        s._batch_id AS surviving_batch_id,
        s._line_number AS surviving_line_number
    FROM ranked d
    JOIN ranked s ON s.key_value = d.key_value AND s._dup_rank = 1
    WHERE d._dup_rank > 1`);
  const rows = await engine.query<{ n: number }>(sql`SELECT count(*) AS n FROM meta.dedup_log WHERE run_id = ${runId} AND dataset = ${table}`);
  return Number(rows[0].n);
}

export const dedupLogStep: TsStep = {
  kind: 'ts',
  name: 'silver.dedup_log',
  layer: 'silver',
  description: 'Logs every duplicate bronze row silver drops (exact_row / primary_key) with its surviving row.',
  deps: SOURCE_TABLES.map((t) => `bronze.${t}`),
  produces: ['meta.dedup_log'],
  async run(ctx: StepContext): Promise<StepResult> {
    const byTable: Record<string, number> = {};
    for (const table of SOURCE_TABLES) byTable[table] = await writeDedupLog(ctx.engine, ctx.runId, table);
    const total = Object.values(byTable).reduce((a, b) => a + b, 0);
    ctx.log(`dedup_log: ${total} duplicate rows logged (${Object.entries(byTable).map(([t, n]) => `${t} ${n}`).join(', ')})`);
    return { rowsOut: total, metadata: { duplicatesByTable: byTable } };
  },
};

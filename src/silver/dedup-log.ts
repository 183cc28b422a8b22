// Writes meta.dedup_log for this run: every bronze row that silver drops as an exact re-send, with
// the row that survives. A row is a duplicate when its field values (`_row_hash`) equal those of the
// row of the same key just before it in arrival order (src/silver/versions.ts); the survivor is the
// first row of that version. A row with the same key but other values is not a duplicate but an
// update: it goes to meta.change_log (src/silver/change-log.ts), never here.
import { SOURCE_TABLES, contractFor, type SourceTableName } from '../contracts/index.js';
import type { Engine } from '../engine/engine.js';
import { deleteRows } from '../engine/rows.js';
import { sql, raw } from '../engine/sql.js';
import { compileModel } from '../pipeline/compile.js';
import type { StepContext, StepResult, TsStep } from '../pipeline/step.js';
import { repeatedVersionRowsSql } from './versions.js';

/**
 * The version rows of a table's repeated keys (every duplicate and every superseded version is among
 * them), with its {{ source() }} expanded for `engine`.
 */
export function compiledVersionRows(engine: Engine, table: SourceTableName): string {
  return compileModel(repeatedVersionRowsSql(table), engine.dialect, `${table} versions`).sql;
}

/** Replace this run's dedup-log rows of one table; returns how many rows were logged. */
export async function writeDedupLog(engine: Engine, runId: string, table: SourceTableName): Promise<number> {
  const key = contractFor(table).primaryKey;
  await deleteRows(engine, 'meta.dedup_log', sql`run_id = ${runId} AND dataset = ${table}`);
  await engine.exec(sql`
    INSERT INTO meta.dedup_log
    WITH version_rows AS (${raw(compiledVersionRows(engine, table))})
    SELECT
        ${runId} AS run_id,
        ${table} AS dataset,
        'exact_row' AS rule,
        d.${raw(key)} AS key_value,
        d._batch_id AS dropped_batch_id,
        d._line_number AS dropped_line_number,
        d._row_hash AS dropped_row_hash,
        s._batch_id AS surviving_batch_id,
        s._line_number AS surviving_line_number
    FROM version_rows d
    JOIN version_rows s ON s.${raw(key)} = d.${raw(key)} AND s._version = d._version AND s._starts = 1
    WHERE d._starts = 0`);
  const rows = await engine.query<{ n: number }>(
    sql`SELECT count(*) AS n FROM meta.dedup_log WHERE run_id = ${runId} AND dataset = ${table}`,
  );
  return Number(rows[0].n);
}

export const dedupLogStep: TsStep = {
  kind: 'ts',
  name: 'silver.dedup_log',
  layer: 'silver',
  description: 'Logs every exact re-send silver drops (same key and values as the version before it) with its surviving row.',
  deps: SOURCE_TABLES.map((t) => `bronze.${t}`),
  produces: ['meta.dedup_log'],
  async run(ctx: StepContext): Promise<StepResult> {
    const byTable: Record<string, number> = {};
    for (const table of SOURCE_TABLES) byTable[table] = await writeDedupLog(ctx.engine, ctx.runId, table);
    const total = Object.values(byTable).reduce((a, b) => a + b, 0);
    ctx.log(
      `dedup_log: ${total} duplicate rows logged (${Object.entries(byTable)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')})`,
    );
    return { rowsOut: total, metadata: { duplicatesByTable: byTable } };
  },
};

// Writes meta.change_log for this run: every update silver applies. An update is a version of a
// key superseded by the next one (same key, other field values, arriving later: src/silver/versions.ts).
// One row per superseded version: the key, where the old and the new version came from (batch and
// line), the columns that changed (contract order) and their old and new values as JSON objects.
// Personal data (contract `pii`) is named as changed but its values are never copied out of bronze.
import { SOURCE_TABLES, contractFor, type SourceTableName } from '../contracts/index.js';
import type { Engine } from '../engine/engine.js';
import { deleteRows } from '../engine/rows.js';
import { literal, raw, sql } from '../engine/sql.js';
import type { StepContext, StepResult, TsStep } from '../pipeline/step.js';
import { compiledVersionRows } from './dedup-log.js';

/** The changed-columns list and the old / new value objects of one table, as SQL over aliases ob / nb. */
function diffColumns(engine: Engine, table: SourceTableName): { changed: string; oldValues: string; newValues: string } {
  const d = engine.dialect;
  const columns = contractFor(table).columns.filter((c) => c.name !== contractFor(table).primaryKey);
  const differs = (c: string) => `NOT ${d.null_safe_eq(`ob.${c}`, `nb.${c}`)}`;
  const value = (alias: string, c: { name: string; pii?: boolean }) => (c.pii ? `'"(personal data)"'` : d.json_text(`${alias}.${c.name}`));
  const object = (alias: string) =>
    `concat('{', concat_ws(', ', ${columns
      .map((c) => `CASE WHEN ${differs(c.name)} THEN concat(${literal(`"${c.name}": `)}, ${value(alias, c)}) END`)
      .join(', ')}), '}')`;
  return {
    changed: `concat_ws(',', ${columns.map((c) => `CASE WHEN ${differs(c.name)} THEN ${literal(c.name)} END`).join(', ')})`,
    oldValues: object('ob'),
    newValues: object('nb'),
  };
}

/** Replace this run's change-log rows of one table; returns how many updates were logged. */
export async function writeChangeLog(engine: Engine, runId: string, table: SourceTableName): Promise<number> {
  const key = contractFor(table).primaryKey;
  const bronze = `bronze.${table}`;
  const diff = diffColumns(engine, table);
  await deleteRows(engine, 'meta.change_log', sql`run_id = ${runId} AND dataset = ${table}`);
  await engine.exec(sql`
    INSERT INTO meta.change_log
    WITH version_rows AS (${raw(compiledVersionRows(engine, table))}),
    starts AS (SELECT ${raw(key)} AS key_value, _batch_id, _line_number, _version FROM version_rows WHERE _starts = 1),
    updates AS (
        SELECT o.key_value, o._batch_id AS old_batch_id, o._line_number AS old_line_number,
            n._batch_id AS new_batch_id, n._line_number AS new_line_number
        FROM starts o JOIN starts n ON n.key_value = o.key_value AND n._version = o._version + 1
    )
    SELECT
        ${runId} AS run_id,
        ${table} AS dataset,
        u.key_value,
        u.old_batch_id,
        u.old_line_number,
        u.new_batch_id,
        u.new_line_number,
        ${raw(diff.changed)} AS changed_columns,
        ${raw(diff.oldValues)} AS old_values,
        ${raw(diff.newValues)} AS new_values
    FROM updates u
    JOIN ${raw(bronze)} ob ON ob.${raw(key)} = u.key_value AND ob._batch_id = u.old_batch_id AND ob._line_number = u.old_line_number
    JOIN ${raw(bronze)} nb ON nb.${raw(key)} = u.key_value AND nb._batch_id = u.new_batch_id AND nb._line_number = u.new_line_number`);
  const rows = await engine.query<{ n: number }>(
    sql`SELECT count(*) AS n FROM meta.change_log WHERE run_id = ${runId} AND dataset = ${table}`,
  );
  return Number(rows[0].n);
}

export const changeLogStep: TsStep = {
  kind: 'ts',
  name: 'silver.change_log',
  layer: 'silver',
  description:
    'Logs every update silver applies (a key arriving again with other values): key, batches, changed columns, old and new values.',
  deps: SOURCE_TABLES.map((t) => `bronze.${t}`),
  produces: ['meta.change_log'],
  async run(ctx: StepContext): Promise<StepResult> {
    const byTable: Record<string, number> = {};
    for (const table of SOURCE_TABLES) byTable[table] = await writeChangeLog(ctx.engine, ctx.runId, table);
    const total = Object.values(byTable).reduce((a, b) => a + b, 0);
    const updated = Object.entries(byTable).filter(([, n]) => n > 0);
    if (updated.length === 0) ctx.log('0 rows updated');
    for (const [table, n] of updated) ctx.log(`${table}: ${n} rows updated`);
    return { rowsOut: total, metadata: { updatesByTable: byTable } };
  },
};

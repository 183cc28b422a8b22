// Row-level changes (DELETE, UPDATE) on any engine. DuckDB runs them as they are. Spark's Parquet
// tables support neither, so there the table is rebuilt without the deleted rows (or with the new
// values) under a temporary name and swapped in with `engine.swapTable`. The rebuild costs a copy
// of the table; the meta tables this is used on are small (a few rows per run and step).
import { randomUUID } from 'node:crypto';
import type { Engine } from './engine.js';
import { raw, sql, type SqlQuery } from './sql.js';

/** `schema.table` with plain identifiers only: the name goes into DDL unquoted on every engine. */
function checkedName(table: string): string {
  if (!/^[A-Za-z0-9_]+\.[A-Za-z0-9_]+$/.test(table)) throw new Error(`rows: expected a plain schema.table name, got '${table}'`);
  return table;
}

const rebuildName = (table: string) => `${table}__tmp_rows_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

async function rebuild(engine: Engine, table: string, select: SqlQuery): Promise<void> {
  const temp = rebuildName(table);
  await engine.exec(sql`CREATE TABLE ${raw(temp)} AS ${select}`);
  try {
    await engine.swapTable(temp, table);
  } catch (error) {
    await engine.exec(`DROP TABLE IF EXISTS ${temp}`).catch(() => undefined);
    throw error;
  }
}

/** DELETE FROM `table` WHERE `where` (a boolean SQL fragment; NULL counts as false, as in DELETE). */
export async function deleteRows(engine: Engine, table: string, where: SqlQuery): Promise<void> {
  const name = checkedName(table);
  if (engine.supportsRowLevelDml) {
    await engine.exec(sql`DELETE FROM ${raw(name)} WHERE ${where}`);
    return;
  }
  // Most calls delete nothing (a first run replacing "this run's rows"): skip the copy then.
  const [hit] = await engine.query(sql`SELECT count(*) AS n FROM ${raw(name)} WHERE ${where}`);
  if (Number(hit.n) === 0) return;
  await rebuild(engine, name, sql`SELECT * FROM ${raw(name)} WHERE NOT coalesce(${where}, FALSE)`);
}

/**
 * UPDATE `table` SET column = value ... WHERE `where`. `set` maps column names to SQL fragments
 * (evaluated on the old row, as UPDATE does).
 */
export async function updateRows(engine: Engine, table: string, set: Readonly<Record<string, SqlQuery>>, where: SqlQuery): Promise<void> {
  const name = checkedName(table);
  const assignments = Object.entries(set);
  for (const [column] of assignments)
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(column)) throw new Error(`updateRows: bad column name '${column}'`);
  if (engine.supportsRowLevelDml) {
    let setList = sql``;
    assignments.forEach(([column, value], i) => {
      setList = sql`${setList}${raw(i === 0 ? '' : ', ')}${raw(column)} = ${value}`;
    });
    await engine.exec(sql`UPDATE ${raw(name)} SET ${setList} WHERE ${where}`);
    return;
  }
  const [hit] = await engine.query(sql`SELECT count(*) AS n FROM ${raw(name)} WHERE ${where}`);
  if (Number(hit.n) === 0) return;
  const columns = await engine.listColumns(name);
  if (columns.length === 0) throw new Error(`updateRows: table ${name} not found`);
  const changed = new Map(assignments);
  let list = sql``;
  columns.forEach(({ column_name: column, data_type: type }, i) => {
    const value = changed.get(column);
    // CAST keeps the column's type: a bare NULL or a literal would otherwise change it in the copy.
    const item =
      value === undefined
        ? sql`${raw(column)}`
        : sql`CAST(CASE WHEN coalesce(${where}, FALSE) THEN ${value} ELSE ${raw(column)} END AS ${raw(type)}) AS ${raw(column)}`;
    list = sql`${list}${raw(i === 0 ? '' : ', ')}${item}`;
  });
  for (const [column] of assignments)
    if (!columns.some((c) => c.column_name === column)) throw new Error(`updateRows: ${name} has no column '${column}'`);
  await rebuild(engine, name, sql`SELECT ${list} FROM ${raw(name)}`);
}

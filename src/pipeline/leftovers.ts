// Clean-up of what a killed run leaves behind. Every table is built under a temporary name
// (`<table>__tmp_<run>` for models and TS steps, `<table>__stage` for bronze batches) and swapped in
// atomically, so a crash never leaves a half-built table under its final name; it can leave the
// temporary one. A warehouse has one writer at a time (DuckDB locks the file), so at the start of a
// run every such table is an orphan of an earlier, interrupted run and is dropped.
import type { Engine } from '../engine/engine.js';
import { SCHEMAS } from '../warehouse/schema.js';

/** Table names that only ever hold a build in progress. */
export const TEMP_TABLE_PATTERN = /__tmp_[a-z0-9_]+$|__stage$/;

type TableRow = { table_schema: string; table_name: string };

async function allTables(engine: Engine): Promise<TableRow[]> {
  return engine.listTables();
}

/** Drop orphaned temp/stage tables in the warehouse schemas; returns their qualified names. */
export async function dropLeftoverTempTables(engine: Engine): Promise<string[]> {
  const rows = await allTables(engine);
  const leftovers = rows
    // Plain identifiers only (every step builds such names), so the name needs no engine-specific quoting.
    .filter(
      (r) =>
        (SCHEMAS as readonly string[]).includes(r.table_schema) &&
        TEMP_TABLE_PATTERN.test(r.table_name) &&
        /^[A-Za-z0-9_]+$/.test(r.table_name),
    )
    .map((r) => `${r.table_schema}.${r.table_name}`);
  for (const table of leftovers) await engine.exec(`DROP TABLE IF EXISTS ${table}`);
  return leftovers;
}

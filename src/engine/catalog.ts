// Catalog questions every layer asks, answered the same way on every engine (Spark has no
// information_schema, so they go through Engine.listTables).
import type { Engine } from './engine.js';

/** Whether `schema.table` exists. Spark's catalog is case-insensitive and reports names in lower case. */
export async function tableExists(engine: Engine, qualified: string): Promise<boolean> {
  const [schema, table] = qualified.split('.');
  return (await engine.listTables(schema)).some((t) => t.table_name.toLowerCase() === table.toLowerCase());
}

// Catalog questions every layer asks, answered the same way on every engine (Spark has no
// information_schema, so they go through Engine.listTables).
import type { ColumnInfo, Engine, TableName } from './engine.js';

/** Whether `schema.table` exists. Spark's catalog is case-insensitive and reports names in lower case. */
export async function tableExists(engine: Engine, qualified: string): Promise<boolean> {
  const [schema, table] = qualified.split('.');
  return (await engine.listTables(schema)).some((t) => t.table_name.toLowerCase() === table.toLowerCase());
}

/**
 * A read-only view of an engine that remembers its catalog answers: work that asks the same tables
 * and columns again and again (the quality report: every table card, failing-row sample,
 * correlation and missing-value matrix asks) asks the engine once each. Only for work that changes
 * no table, so a remembered answer cannot go stale: every statement that could write throws.
 */
export function readOnlyWithCatalogCache(engine: Engine): Engine {
  // The view is the caller's; the engine under it stays open.
  return cachedView(engine, { tables: new Map(), columns: new Map() }, async () => {});
}

interface CatalogAnswers {
  tables: Map<string, Promise<TableName[]>>;
  columns: Map<string, Promise<ColumnInfo[]>>;
}

function cachedView(engine: Engine, answers: CatalogAnswers, close: () => Promise<void>): Engine {
  const remembered = <T>(cache: Map<string, Promise<T[]>>, key: string, ask: () => Promise<T[]>): Promise<T[]> => {
    let answer = cache.get(key);
    if (!answer) {
      answer = ask();
      cache.set(key, answer);
      // A failed lookup is not remembered: the next caller asks again and sees the error itself.
      answer.catch(() => cache.delete(key));
    }
    // A copy each time: callers may sort or extend what they get.
    return answer.then((rows) => [...rows]);
  };
  const refuse = (what: string) => () => Promise.reject(new Error(`readOnlyWithCatalogCache: ${what} is not allowed on a read-only view`));
  const fork = engine.fork?.bind(engine);
  return {
    name: engine.name,
    dialect: engine.dialect,
    supportsRowLevelDml: engine.supportsRowLevelDml,
    csvReader: engine.csvReader,
    portableType: (dataType) => engine.portableType(dataType),
    query: (query) => engine.query(query),
    stream: (query) => engine.stream(query),
    listTables: (schema) => remembered(answers.tables, schema ?? '', () => engine.listTables(schema)),
    listColumns: (table) => remembered(answers.columns, table, () => engine.listColumns(table)),
    exec: refuse('exec'),
    swapTable: refuse('swapTable'),
    transaction: refuse('transaction'),
    writeRows: refuse('writeRows'),
    // A second connection for reading side by side (mapOnTwoConnections): read-only too, sharing these
    // answers; closing it closes that connection.
    ...(fork
      ? {
          fork: async () => {
            const second = await fork();
            return cachedView(second, answers, () => second.close());
          },
        }
      : {}),
    close,
  };
}

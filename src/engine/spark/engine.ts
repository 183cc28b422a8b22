// Spark engine: Marquee's SQL runs on a Spark cluster through Spark Connect (gRPC + Arrow).
// The protocol client is the rest of this folder (session.ts, client.ts ...); this file adapts it to
// the Engine interface.
import { randomUUID } from 'node:crypto';
import type { ColumnInfo, CsvReader, Engine, PortableColumnType, Row, TableName, WriteColumn, WriteValue } from '../engine.js';
import { DEFAULT_SPARK_URL } from '../../config.js';
import type { SqlQuery } from '../sql.js';
import { dialectFor, quoteIdentFor } from '../dialect.js';
import { sparkCsvReader } from './csv-reader.js';
import { rowsToArrowIpc } from './writer.js';
import { SparkSession, type SparkConnectOptions } from './session.js';
import { splitStatements } from './sqltext.js';
import { SparkError } from './errors.js';
import { sparkPortableType } from './types.js';

/** Spark's own identifier quoting (backticks), for SHOW and DESCRIBE. */
const quoteSparkIdent = quoteIdentFor('spark');

/**
 * Rows per LocalRelation in writeRows: one Spark job each. Kept well under the server's 128 MiB
 * message limit (spark.connect.grpc.maxInboundMessageSize) for rows of a few hundred bytes.
 */
export const WRITE_BATCH_ROWS = 100_000;

/** `schema.table` -> ['schema', 'table']; a bare name has no schema. Quotes are not expected here. */
function splitName(name: string): [string | undefined, string] {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? [undefined, name] : [name.slice(0, dot), name.slice(dot + 1)];
}

export class SparkEngine implements Engine {
  readonly name = 'spark' as const;
  readonly dialect = dialectFor('spark');
  /** Parquet tables of the session catalog support neither UPDATE nor DELETE (only Delta/Iceberg do). */
  readonly supportsRowLevelDml = false;
  readonly csvReader: CsvReader = sparkCsvReader;

  private constructor(
    private readonly session: SparkSession,
    private readonly writeBatchRows: number,
  ) {}

  /**
   * Connect to a Spark Connect server, e.g. sc://127.0.0.1:15002 or sc://host:443/;token=...
   * `writeBatchRows`: rows per LocalRelation in writeRows (default WRITE_BATCH_ROWS; tests use small ones).
   */
  static async connect(
    url: string = DEFAULT_SPARK_URL,
    options: SparkConnectOptions & { writeBatchRows?: number } = {},
  ): Promise<SparkEngine> {
    return new SparkEngine(await SparkSession.connect(url, options), options.writeBatchRows ?? WRITE_BATCH_ROWS);
  }

  async exec(statement: string | SqlQuery): Promise<void> {
    // Spark runs one statement per call; a script is split on top-level semicolons.
    if (typeof statement !== 'string') {
      await this.session.run(statement);
      return;
    }
    for (const one of splitStatements(statement)) await this.session.run(one);
  }

  async query<T extends Row = Row>(query: string | SqlQuery): Promise<T[]> {
    const rows: Row[] = [];
    for await (const batch of this.session.batches(query)) for (const row of batch) rows.push(row);
    return rows as T[];
  }

  /** Each batch is one Arrow record batch from the server (a few MB). */
  stream(query: string | SqlQuery): AsyncGenerator<Row[]> {
    return this.session.batches(query);
  }

  /** Bulk append: Arrow batches of `writeBatchRows` rows sent as LocalRelations and inserted by position. */
  async writeRows(table: string, columns: readonly WriteColumn[], rows: readonly (readonly WriteValue[])[]): Promise<void> {
    for (let start = 0; start < rows.length; start += this.writeBatchRows) {
      const batch = rows.slice(start, start + this.writeBatchRows);
      await this.session.appendArrow(table, rowsToArrowIpc(table, columns, batch, start));
    }
  }

  /**
   * Replace `target` with `temp`. Spark has no transactional DDL, so this is two catalog renames
   * (target -> backup, temp -> target) and a drop of the backup. Data is never lost: if the
   * second rename fails the backup is renamed back. It is NOT atomic for readers: between the
   * two renames (a few milliseconds of catalog work) `target` does not exist, so a concurrent
   * reader can fail with TABLE_OR_VIEW_NOT_FOUND; it never sees half a table.
   */
  async swapTable(temp: string, target: string): Promise<void> {
    const [schema, table] = splitName(target);
    const [tempSchema] = splitName(temp);
    if (tempSchema !== schema)
      throw new Error(`swapTable: ${temp} and ${target} must be in the same schema (Spark renames only within a schema)`);
    const qualified = (t: string) => asBackticked(schema === undefined ? t : `${schema}.${t}`);
    const backup = `${table}__swap_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const exists = await this.tableExists(schema, table);
    if (exists) await this.session.run(`ALTER TABLE ${qualified(table)} RENAME TO ${qualified(backup)}`);
    try {
      await this.session.run(`ALTER TABLE ${asBackticked(temp)} RENAME TO ${qualified(table)}`);
    } catch (error) {
      if (exists) await this.session.run(`ALTER TABLE ${qualified(backup)} RENAME TO ${qualified(table)}`);
      throw error;
    }
    if (exists) await this.session.run(`DROP TABLE ${qualified(backup)}`);
  }

  /** No multi-statement transactions over Spark Connect: the statements run in order (see Engine). */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  /**
   * Tables per schema, shaped like information_schema.tables rows (Spark's session catalog has no
   * information_schema; callers that read it need this on Spark). Temporary views are left out.
   */
  async listTables(schema?: string): Promise<TableName[]> {
    const schemas = schema !== undefined ? [schema] : (await this.query('SHOW SCHEMAS')).map((r) => String(r.namespace));
    const out: TableName[] = [];
    for (const s of schemas) {
      let rows: Row[];
      try {
        rows = await this.query(`SHOW TABLES IN ${asBackticked(s)}`);
      } catch (error) {
        // A schema that does not exist has no tables (DuckDB's information_schema answers the same).
        if (error instanceof SparkError && error.errorClass === 'SCHEMA_NOT_FOUND') continue;
        throw error;
      }
      for (const row of rows) {
        if (row.isTemporary !== true) out.push({ table_schema: s, table_name: String(row.tableName) });
      }
    }
    return out;
  }

  /** Columns of `schema.table` in order, shaped like information_schema.columns rows; [] when it does not exist. */
  async listColumns(qualified: string): Promise<ColumnInfo[]> {
    const [schema, table] = splitName(qualified);
    if (!(await this.tableExists(schema, table))) return [];
    const rows = await this.query(`DESCRIBE TABLE ${asBackticked(qualified)}`);
    const columns: ColumnInfo[] = [];
    for (const row of rows) {
      // DESCRIBE appends partitioning and metadata sections after an empty or '#' line.
      if (row.col_name === '' || String(row.col_name).startsWith('#')) break;
      columns.push({ column_name: String(row.col_name), data_type: String(row.data_type).toUpperCase() });
    }
    return columns;
  }

  private async tableExists(schema: string | undefined, table: string): Promise<boolean> {
    const rows = await this.query(
      schema === undefined
        ? `SHOW TABLES LIKE '${table.replaceAll("'", '')}'`
        : `SHOW TABLES IN ${quoteSparkIdent(schema)} LIKE '${table.replaceAll("'", '')}'`,
    );
    return rows.some((row) => String(row.tableName).toLowerCase() === table.toLowerCase() && row.isTemporary !== true);
  }

  portableType(dataType: string): PortableColumnType | undefined {
    return sparkPortableType(dataType);
  }

  async close(): Promise<void> {
    await this.session.close();
  }
}

function asBackticked(name: string): string {
  return name.split('.').map(quoteSparkIdent).join('.');
}

export { SparkError };

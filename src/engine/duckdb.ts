// DuckDB engine through @duckdb/node-api: an embedded database file in the warehouse folder.
import { DuckDBInstance, dateValue, timestampValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { ColumnInfo, Engine, Row, TableName, WriteColumn, WriteValue } from './engine.js';
import { epochDay, epochMicros } from './write-values.js';
import { sql, type SqlQuery } from './sql.js';
import { dialectFor } from './dialect.js';
import { readEnvironment } from '../config.js';

export interface DuckDbOptions {
  /** Database file path, or ':memory:'. */
  path: string;
  memoryLimit?: string;
  threads?: number;
  /**
   * Open for reading only (the dashboard): DuckDB's READ_ONLY access mode, no file access outside the
   * database (no COPY TO, read_csv, ATTACH) and a locked configuration. A reader cannot open a file
   * another process is writing: DuckDB then throws "Could not set lock on file".
   */
  readOnly?: boolean;
}

/** Convert DuckDB JS values to plain JSON-friendly values. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (value !== null && typeof value === 'object' && 'toString' in value && !Array.isArray(value) && value.constructor?.name?.startsWith('DuckDB')) {
    // DuckDBDateValue, DuckDBTimestampValue, DuckDBDecimalValue ... have faithful toString()s.
    const name = value.constructor.name;
    if (name === 'DuckDBDecimalValue') return Number(String(value));
    if (name === 'DuckDBListValue' || name === 'DuckDBArrayValue') return (value as unknown as { items: unknown[] }).items.map(plain);
    if (name === 'DuckDBStructValue') {
      const entries = (value as unknown as { entries: Record<string, unknown> }).entries;
      return Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, plain(v)]));
    }
    return String(value);
  }
  return value;
}


function traceStatement(statement: string | SqlQuery, started: number): void {
  const text = typeof statement === 'string' ? statement : statement.text;
  const ms = performance.now() - started;
  process.stderr.write(`sql ${ms.toFixed(0).padStart(6)} ms  ${text.replace(/\s+/g, ' ').slice(0, 160)}\n`);
}

export class DuckDbEngine implements Engine {
  readonly name = 'duckdb' as const;
  readonly dialect = dialectFor('duckdb');
  readonly supportsRowLevelDml = true;
  /** MARQUEE_TRACE_SQL=1: every statement's duration and first line to stderr (for finding slow SQL). */
  private readonly traceSql = readEnvironment().traceSql;

  private constructor(private readonly instance: DuckDBInstance, private readonly connection: DuckDBConnection) {}

  static async open(options: DuckDbOptions): Promise<DuckDbEngine> {
    const config: Record<string, string> = {};
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    if (options.threads) config.threads = String(options.threads);
    if (options.readOnly) {
      config.access_mode = 'READ_ONLY';
      config.enable_external_access = 'false';
    }
    const instance = await DuckDBInstance.create(options.path, config);
    const connection = await instance.connect();
    // Pin the time zone so timestamps never depend on the machine running the pipeline.
    await connection.run("SET TimeZone = 'UTC'");
    if (options.readOnly) await connection.run('SET lock_configuration = true');
    return new DuckDbEngine(instance, connection);
  }

  async exec(statement: string | SqlQuery): Promise<void> {
    const started = this.traceSql ? performance.now() : 0;
    if (typeof statement === 'string') await this.connection.run(statement);
    else await this.connection.run(statement.text, statement.params as never);
    if (this.traceSql) traceStatement(statement, started);
  }

  async query<T extends Row = Row>(query: string | SqlQuery): Promise<T[]> {
    const started = this.traceSql ? performance.now() : 0;
    const reader = typeof query === 'string'
      ? await this.connection.runAndReadAll(query)
      : await this.connection.runAndReadAll(query.text, query.params as never);
    if (this.traceSql) traceStatement(query, started);
    return reader.getRowObjects().map((row) => {
      const out: Row = {};
      for (const [k, v] of Object.entries(row)) out[k] = plain(v);
      return out as T;
    });
  }

  /** Depth of transaction() calls in progress: inner ones join the outer transaction. */
  private transactionDepth = 0;

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.transactionDepth > 0) return work();
    await this.exec('BEGIN TRANSACTION');
    this.transactionDepth += 1;
    try {
      const result = await work();
      await this.exec('COMMIT');
      return result;
    } catch (error) {
      await this.exec('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      this.transactionDepth -= 1;
    }
  }

  async swapTable(temp: string, target: string): Promise<void> {
    // DuckDB DDL is transactional: drop + rename commit together or not at all.
    const table = target.split('.')[1];
    await this.transaction(async () => {
      await this.exec(`DROP TABLE IF EXISTS ${target}`);
      await this.exec(`ALTER TABLE ${temp} RENAME TO "${table}"`);
    });
  }


  async listTables(schema?: string): Promise<TableName[]> {
    return this.query<TableName & Row>(schema === undefined
      ? sql`SELECT table_schema, table_name FROM information_schema.tables ORDER BY 1, 2`
      : sql`SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema = ${schema} ORDER BY 2`);
  }

  async listColumns(table: string): Promise<ColumnInfo[]> {
    const dot = table.lastIndexOf('.');
    const [schema, name] = dot === -1 ? ['main', table] : [table.slice(0, dot), table.slice(dot + 1)];
    return this.query<ColumnInfo & Row>(sql`SELECT column_name, upper(data_type) AS data_type FROM information_schema.columns
      WHERE table_schema = ${schema} AND table_name = ${name} ORDER BY ordinal_position`);
  }

  /** Bulk append through DuckDB's appender (no SQL text per row). */
  async writeRows(table: string, columns: readonly WriteColumn[], rows: readonly (readonly WriteValue[])[]): Promise<void> {
    const dot = table.lastIndexOf('.');
    const appender = await this.connection.createAppender(dot === -1 ? table : table.slice(dot + 1), dot === -1 ? null : table.slice(0, dot));
    try {
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r];
        for (let c = 0; c < columns.length; c++) appendCell(appender, columns[c], row[c], `${table} row ${r + 1} column ${columns[c].name}`);
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  /** The underlying connection, for engine-specific steps inside src/engine only. */
  get raw(): DuckDBConnection {
    return this.connection;
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function appendCell(appender: DuckDBAppender, column: WriteColumn, value: WriteValue, where: string): void {
  if (value === null) { appender.appendNull(); return; }
  switch (column.type) {
    case 'VARCHAR': appender.appendVarchar(String(value)); return;
    case 'DOUBLE': appender.appendDouble(Number(value)); return;
    case 'BIGINT': appender.appendBigInt(BigInt(value as number)); return;
    case 'BOOLEAN': appender.appendBoolean(value === true); return;
    case 'DATE': appender.appendDate(dateValue(epochDay(String(value), where))); return;
    case 'TIMESTAMP': appender.appendTimestamp(timestampValue(epochMicros(String(value), where))); return;
  }
}

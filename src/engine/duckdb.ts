// DuckDB engine through @duckdb/node-api: an embedded database file in the warehouse folder.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ColumnInfo, Engine, Row, TableName } from './engine.js';
import { sql, type SqlQuery } from './sql.js';
import { dialectFor } from './dialect.js';

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

export class DuckDbEngine implements Engine {
  readonly name = 'duckdb' as const;
  readonly dialect = dialectFor('duckdb');
  readonly supportsRowLevelDml = true;

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
    if (typeof statement === 'string') await this.connection.run(statement);
    else await this.connection.run(statement.text, statement.params as never);
  }

  async query<T extends Row = Row>(query: string | SqlQuery): Promise<T[]> {
    const reader = typeof query === 'string'
      ? await this.connection.runAndReadAll(query)
      : await this.connection.runAndReadAll(query.text, query.params as never);
    return reader.getRowObjects().map((row) => {
      const out: Row = {};
      for (const [k, v] of Object.entries(row)) out[k] = plain(v);
      return out as T;
    });
  }

  async swapTable(temp: string, target: string): Promise<void> {
    // DuckDB DDL is transactional: drop + rename commit together or not at all.
    const [schema, table] = target.split('.');
    await this.exec('BEGIN TRANSACTION');
    try {
      await this.exec(`DROP TABLE IF EXISTS ${target}`);
      await this.exec(`ALTER TABLE ${temp} RENAME TO "${table}"`);
      await this.exec('COMMIT');
    } catch (error) {
      await this.exec('ROLLBACK');
      throw error;
    }
    void schema;
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

  /** The underlying connection, for engine-specific steps inside src/engine only. */
  get raw(): DuckDBConnection {
    return this.connection;
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

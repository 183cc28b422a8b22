// DuckDB engine through @duckdb/node-api: an embedded database file in the warehouse folder.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ColumnInfo, CsvReader, Engine, PortableColumnType, Row, TableName, WriteColumn, WriteValue } from '../engine.js';
import { literal, sql, type SqlQuery } from '../sql.js';
import { dialectFor, quoteIdent } from '../dialect.js';
import { readEnvironment } from '../../config.js';
import { duckDbCsvReader } from './csv-reader.js';
import { duckDbPortableType } from './types.js';
import { plainValues } from './values.js';
import { appendRow } from './writer.js';

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

/**
 * The storage format of a warehouse file opened for writing: writing a table costs about a third less
 * CPU in DuckDB 1.3's format than in the default (0.10-compatible) one, mostly in compressing strings.
 * A file made in an older format is moved to this one on open, rows intact; it then opens in DuckDB 1.3
 * or later only.
 */
export const STORAGE_VERSION = 'v1.3.0';

/**
 * Rows per row group of the tables a run writes (DuckDB's default: 122,880). DuckDB scans a stored
 * table one row group per thread, so at the default a table of 100,000 rows (scale 1) is read, joined
 * and aggregated on one core; in groups of 32,768 every core takes part. Tables of millions of rows
 * are split either way.
 */
export const ROW_GROUP_SIZE = 32_768;

/** The catalog name a warehouse file opened for writing is attached under. */
const WAREHOUSE_CATALOG = 'warehouse';

/** A name pragma_table_info reads as it is (no quoting needed). */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** When a traced statement started: wall clock and the process's CPU (every DuckDB thread included). */
type TraceStart = { wall: number; cpu: NodeJS.CpuUsage };

function traceStart(): TraceStart {
  return { wall: performance.now(), cpu: process.cpuUsage() };
}

/**
 * One line per statement: wall ms, then the process's CPU ms over the same span, which tells a
 * statement on one core (CPU about equal to wall) from one on every core. With steps side by side
 * (`--concurrency`) or ML threads running, the CPU figure includes their work too.
 */
function traceStatement(statement: string | SqlQuery, started: TraceStart): void {
  const text = typeof statement === 'string' ? statement : statement.text;
  const ms = performance.now() - started.wall;
  const cpu = process.cpuUsage(started.cpu);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stderr.write(
    `sql ${ms.toFixed(0).padStart(6)} ms ${cpuMs.toFixed(0).padStart(6)} cpu ms  ${text.replace(/\s+/g, ' ').slice(0, 160)}\n`,
  );
}

export class DuckDbEngine implements Engine {
  readonly name = 'duckdb' as const;
  readonly dialect = dialectFor('duckdb');
  readonly supportsRowLevelDml = true;
  readonly csvReader: CsvReader = duckDbCsvReader;
  /** MARQUEE_TRACE_SQL=1: every statement's duration and first line to stderr (for finding slow SQL). */
  private readonly traceSql = readEnvironment().traceSql;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    /** False for a fork: closing it leaves the database (and the other connections) open. */
    private readonly ownsInstance = true,
    /** The catalog a writable file is attached as (open()); null when the file is the instance's own. */
    private readonly catalog: string | null = null,
  ) {}

  /**
   * A connection to an attached warehouse starts in the instance's in-memory database, so it is pointed
   * at the warehouse first. The time zone is the instance's (pinned to UTC when it opens), which every
   * connection starts with: a second connection to a read-only file, whose settings are locked, could
   * not set it.
   */
  private static async prepare(connection: DuckDBConnection, catalog: string | null): Promise<void> {
    if (catalog) await connection.run(`USE ${quoteIdent(catalog)}`);
  }

  static async open(options: DuckDbOptions): Promise<DuckDbEngine> {
    const config: Record<string, string> = {};
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    if (options.threads) config.threads = String(options.threads);
    if (options.readOnly) {
      config.access_mode = 'READ_ONLY';
      config.enable_external_access = 'false';
    }
    // A file opened for writing is attached to an in-memory instance, because two of its storage
    // options exist only as ATTACH options (see STORAGE_VERSION and ROW_GROUP_SIZE).
    const attach = !options.readOnly && options.path !== ':memory:';
    const instance = await DuckDBInstance.create(attach ? ':memory:' : options.path, config);
    const connection = await instance.connect();
    if (attach) {
      try {
        await connection.run(
          `ATTACH ${literal(options.path)} AS ${WAREHOUSE_CATALOG} (STORAGE_VERSION '${STORAGE_VERSION}', ROW_GROUP_SIZE ${ROW_GROUP_SIZE})`,
        );
      } catch (error) {
        connection.closeSync();
        instance.closeSync();
        throw error;
      }
    }
    const catalog = attach ? WAREHOUSE_CATALOG : null;
    // Timestamps never depend on the machine running the pipeline: UTC for every connection of the instance.
    await connection.run("SET GLOBAL TimeZone = 'UTC'");
    await DuckDbEngine.prepare(connection, catalog);
    if (options.readOnly) await connection.run('SET lock_configuration = true');
    return new DuckDbEngine(instance, connection, true, catalog);
  }

  async exec(statement: string | SqlQuery): Promise<void> {
    const started = this.traceSql ? traceStart() : undefined;
    if (typeof statement === 'string') await this.connection.run(statement);
    else await this.connection.run(statement.text, statement.params as never);
    if (started) traceStatement(statement, started);
  }

  async query<T extends Row = Row>(query: string | SqlQuery): Promise<T[]> {
    const started = this.traceSql ? traceStart() : undefined;
    const reader =
      typeof query === 'string'
        ? await this.connection.runAndReadAll(query)
        : await this.connection.runAndReadAll(query.text, query.params as never);
    if (started) traceStatement(query, started);
    return reader.convertRowObjects(plainValues) as T[];
  }

  async *stream(query: string | SqlQuery): AsyncGenerator<Row[]> {
    const result =
      typeof query === 'string' ? await this.connection.stream(query) : await this.connection.stream(query.text, query.params as never);
    // One data chunk (up to 2048 rows) per batch; leaving the loop early stops fetching.
    yield* result.yieldConvertedRowObjects(plainValues);
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
      await this.exec(`ALTER TABLE ${temp} RENAME TO ${quoteIdent(table)}`);
    });
  }

  async listTables(schema?: string): Promise<TableName[]> {
    return this.query<TableName & Row>(
      schema === undefined
        ? sql`SELECT table_schema, table_name FROM information_schema.tables ORDER BY 1, 2`
        : sql`SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema = ${schema} ORDER BY 2`,
    );
  }

  async listColumns(table: string): Promise<ColumnInfo[]> {
    const dot = table.lastIndexOf('.');
    const [schema, name] = dot === -1 ? ['main', table] : [table.slice(0, dot), table.slice(dot + 1)];
    // pragma_table_info looks the one table up (about 1 ms) where information_schema.columns scans the
    // whole catalog (3-6 ms), and a run asks a few hundred times. It gives the same names and types,
    // but cannot take a name that needs quoting and throws for a missing table (or a view it cannot
    // bind): those ask information_schema, which answers [] for a missing table.
    if (PLAIN_NAME.test(schema) && PLAIN_NAME.test(name)) {
      const found = await this.query<ColumnInfo & Row>(
        sql`SELECT name AS column_name, upper(type) AS data_type FROM pragma_table_info(${`${schema}.${name}`}) ORDER BY cid`,
      ).catch(() => null);
      if (found) return found;
    }
    return this.query<ColumnInfo & Row>(sql`SELECT column_name, upper(data_type) AS data_type FROM information_schema.columns
      WHERE table_schema = ${schema} AND table_name = ${name} ORDER BY ordinal_position`);
  }

  /** Bulk append through DuckDB's appender (no SQL text per row). */
  async writeRows(table: string, columns: readonly WriteColumn[], rows: readonly (readonly WriteValue[])[]): Promise<void> {
    const dot = table.lastIndexOf('.');
    const appender = await this.connection.createAppender(
      dot === -1 ? table : table.slice(dot + 1),
      dot === -1 ? null : table.slice(0, dot),
    );
    try {
      for (let r = 0; r < rows.length; r++) appendRow(appender, columns, rows[r], table, r + 1);
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  portableType(dataType: string): PortableColumnType | undefined {
    return duckDbPortableType(dataType);
  }

  /** The underlying connection, for engine-specific steps inside src/engine only. */
  get raw(): DuckDBConnection {
    return this.connection;
  }

  /** A second connection to the same database (DuckDB runs statements of several connections at once, sharing its threads). */
  async fork(): Promise<DuckDbEngine> {
    const connection = await this.instance.connect();
    await DuckDbEngine.prepare(connection, this.catalog);
    return new DuckDbEngine(this.instance, connection, false, this.catalog);
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }
}

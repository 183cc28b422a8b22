// An Engine for a step running in a worker thread: every call is a request to the thread that owns
// the database (serve.ts answers it on a connection of the step's own). The step's code cannot tell
// the difference; only bronze's CSV reader, which works on the owning thread's files and connection,
// is not offered (bronze does not run in workers).
import type { MessagePort } from 'node:worker_threads';
import type { EngineName } from '../../config.js';
import { dialectFor } from '../dialect.js';
import { duckDbPortableType } from '../duckdb/types.js';
import type {
  ColumnInfo,
  CsvReader,
  Dialect,
  Engine,
  PortableColumnType,
  Row,
  SqlQuery,
  TableName,
  WriteColumn,
  WriteValue,
} from '../engine.js';
import type { LockingEngine } from '../exclusive.js';
import { sparkPortableType } from '../spark/types.js';
import { revivedError, type EngineAnswer, type EngineRequest } from './protocol.js';

/** What the owning thread tells the worker about its engine. */
export interface RemoteEngineInfo {
  name: EngineName;
  supportsRowLevelDml: boolean;
}

const PORTABLE_TYPES: Record<EngineName, (dataType: string) => PortableColumnType | undefined> = {
  duckdb: duckDbPortableType,
  spark: sparkPortableType,
};

export class RemoteEngine implements Engine, LockingEngine {
  readonly name: EngineName;
  readonly dialect: Dialect;
  readonly supportsRowLevelDml: boolean;
  readonly csvReader: CsvReader = {
    stageBatch: () => Promise.reject(new Error('bronze ingestion does not run in a worker thread')),
  };
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private transactionDepth = 0;

  constructor(
    private readonly port: MessagePort,
    info: RemoteEngineInfo,
  ) {
    this.name = info.name;
    this.dialect = dialectFor(info.name);
    this.supportsRowLevelDml = info.supportsRowLevelDml;
    port.on('message', (answer: EngineAnswer) => {
      const waiting = this.pending.get(answer.id);
      if (!waiting) return;
      this.pending.delete(answer.id);
      if (answer.ok) waiting.resolve(answer.value);
      else waiting.reject(revivedError(answer.error));
    });
  }

  private call<T>(request: EngineRequest): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.port.postMessage({ id, request });
    });
  }

  async exec(statement: string | SqlQuery): Promise<void> {
    await this.call({ op: 'exec', statement });
  }

  query<T extends Row = Row>(query: string | SqlQuery): Promise<T[]> {
    return this.call<T[]>({ op: 'query', query });
  }

  async *stream(query: string | SqlQuery): AsyncGenerator<Row[]> {
    const stream = await this.call<number>({ op: 'stream', query });
    let finished = false;
    try {
      for (;;) {
        const batch = await this.call<Row[] | null>({ op: 'next', stream });
        if (batch === null) {
          finished = true;
          return;
        }
        yield batch;
      }
    } finally {
      if (!finished) await this.call({ op: 'stop', stream });
    }
  }

  async swapTable(temp: string, target: string): Promise<void> {
    await this.call({ op: 'swapTable', temp, target });
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.transactionDepth > 0) return work();
    await this.call({ op: 'begin' });
    this.transactionDepth += 1;
    try {
      const result = await work();
      await this.call({ op: 'end', commit: true });
      return result;
    } catch (error) {
      await this.call({ op: 'end', commit: false }).catch(() => undefined);
      throw error;
    } finally {
      this.transactionDepth -= 1;
    }
  }

  listTables(schema?: string): Promise<TableName[]> {
    return this.call<TableName[]>({ op: 'listTables', schema });
  }

  listColumns(table: string): Promise<ColumnInfo[]> {
    return this.call<ColumnInfo[]>({ op: 'listColumns', table });
  }

  async writeRows(table: string, columns: readonly WriteColumn[], rows: readonly (readonly WriteValue[])[]): Promise<void> {
    await this.call({ op: 'writeRows', table, columns, rows });
  }

  portableType(dataType: string): PortableColumnType | undefined {
    return PORTABLE_TYPES[this.name](dataType);
  }

  async lock(key: string): Promise<() => Promise<void>> {
    await this.call({ op: 'lock', key });
    return async () => {
      await this.call({ op: 'unlock', key });
    };
  }

  async close(): Promise<void> {
    this.port.close();
  }
}

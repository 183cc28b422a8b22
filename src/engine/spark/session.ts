// SQL over a Spark Connect session: queries as SQL relations (results streamed as Arrow
// batches), statements as sql_command plans (executed eagerly by the server), `$n` parameters
// bound as Spark named parameters.
import type { Row } from '../engine.js';
import type { SqlQuery } from '../sql.js';
import { SparkConnectClient, type Message } from './client.js';
import { decodeArrowBatch } from './values.js';
import { toLiteralExpression } from './literal.js';
import { toNamedParameters, toSparkTypeNames } from './sqltext.js';
import { parseSparkConnectUrl } from './url.js';

/**
 * Session settings every Marquee session runs with. Double-quoted identifiers make our
 * ident() ("schema"."table", the SQL standard and DuckDB's quoting) mean the same on Spark;
 * string literals must then use single quotes, which the dialect macros already do.
 */
export const SESSION_CONFIG: Readonly<Record<string, string>> = {
  'spark.sql.ansi.enabled': 'true',
  'spark.sql.ansi.doubleQuotedIdentifiers': 'true',
  'spark.sql.session.timeZone': 'UTC',
};

/** The SQL relation message for a query text with optional bound parameters. */
export function sqlRelation(query: string | SqlQuery): { relation: Message; text: string } {
  if (typeof query === 'string' || query.params.length === 0) {
    const text = typeof query === 'string' ? query : query.text;
    return { relation: { sql: { query: toSparkTypeNames(text) } }, text };
  }
  const { text, used } = toNamedParameters(toSparkTypeNames(query.text));
  for (const n of used) {
    if (n < 1 || n > query.params.length)
      throw new Error(`SQL uses $${n} but ${query.params.length} parameter(s) were given: ${query.text.split('\n')[0]}`);
  }
  // A protobuf map read from a descriptor set is a repeated key/value entry message.
  const named_arguments = [...used].map((n) => ({ key: 'p' + n, value: toLiteralExpression(query.params[n - 1], n) }));
  return { relation: { sql: { query: text, named_arguments } }, text: query.text };
}

export interface SparkConnectOptions {
  /** PEM CA certificates to trust for TLS (use_ssl=true) instead of the system roots. */
  rootCerts?: Buffer;
}

export class SparkSession {
  private constructor(readonly client: SparkConnectClient) {}

  /** Open a session at an sc:// URL and apply SESSION_CONFIG. */
  static async connect(url: string, options: SparkConnectOptions = {}): Promise<SparkSession> {
    const client = SparkConnectClient.open(parseSparkConnectUrl(url), options);
    try {
      await client.setConfig({ ...SESSION_CONFIG });
    } catch (error) {
      await client.close();
      throw error;
    }
    return new SparkSession(client);
  }

  /** Stream a query's rows, one Arrow batch (a few MB) at a time. */
  async *batches(query: string | SqlQuery): AsyncGenerator<Row[]> {
    const { relation, text } = sqlRelation(query);
    for await (const response of this.client.executePlan({ root: relation }, text)) {
      const batch = response.arrow_batch;
      if (!batch) continue;
      // Servers split a batch over several messages only when the client opts in to result
      // chunking, which this client does not; fail loudly rather than decode half a batch.
      if (Number(batch.num_chunks_in_batch ?? 1) > 1)
        throw new Error(`Spark sent a chunked Arrow batch (${batch.num_chunks_in_batch} chunks), which this client never requests`);
      yield decodeArrowBatch(batch.data);
    }
  }

  /** Run one statement (DDL, INSERT, SET ...); its result, if any, is discarded. */
  async run(statement: string | SqlQuery): Promise<void> {
    const { relation, text } = sqlRelation(statement);
    // Drain the stream: the statement has finished once the server closes it.
    for await (const response of this.client.executePlan({ command: { sql_command: { input: relation } } }, text)) void response;
  }

  /**
   * Append an Arrow IPC stream to an existing table: a WriteOperation (insertInto, by column
   * position) over a LocalRelation carrying the batch. One Spark job for the whole batch.
   */
  async appendArrow(table: string, ipc: Uint8Array): Promise<void> {
    const command = {
      write_operation: {
        input: { local_relation: { data: Buffer.from(ipc.buffer, ipc.byteOffset, ipc.byteLength) } },
        table: { table_name: table, save_method: 'TABLE_SAVE_METHOD_INSERT_INTO' },
        mode: 'SAVE_MODE_APPEND',
      },
    };
    for await (const response of this.client.executePlan({ command }, `INSERT INTO ${table} (local Arrow batch)`)) void response;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

// A small Spark Connect gRPC client: one channel, one Spark session (a UUID the server keys its
// state by), token and extra headers as metadata on every call. Plans and responses are plain
// objects shaped like the protobuf messages (snake_case field names, see proto.ts).
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { sparkConnectService, type SparkConnectServiceClient } from './proto.js';
import { toSparkError } from './errors.js';
import type { SparkConnectUrl } from './url.js';

/** The protobuf messages this client builds or reads, loosely typed (fields as in base.proto). */
export type Message = Record<string, unknown>;

export interface ExecutePlanResponse {
  server_side_session_id?: string;
  operation_id?: string;
  arrow_batch?: { row_count?: string; data: Buffer; start_offset?: string; chunk_index?: string; num_chunks_in_batch?: string };
  sql_command_result?: { relation?: Message };
  result_complete?: Message;
  schema?: Message;
  response_type?: string;
}

// Spark sends Arrow batches of up to spark.connect.grpc.arrow.maxBatchSize (4 MiB by default);
// grpc-js refuses messages over 4 MiB unless told otherwise.
const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

export class SparkConnectClient {
  readonly sessionId: string;
  readonly target: string;
  private serverSideSessionId: string | undefined;

  private constructor(
    private readonly stub: SparkConnectServiceClient,
    private readonly url: SparkConnectUrl,
  ) {
    this.sessionId = url.sessionId ?? randomUUID();
    this.target = `${url.host}:${url.port}`;
  }

  /**
   * `rootCerts`: PEM of the CAs to trust for TLS instead of the system roots (a private CA in
   * front of a self-hosted cluster; grpc-js also honours GRPC_DEFAULT_SSL_ROOTS_FILE_PATH).
   */
  static open(url: SparkConnectUrl, options: { rootCerts?: Buffer } = {}): SparkConnectClient {
    const Service = sparkConnectService();
    const credentials = url.useSsl ? grpc.credentials.createSsl(options.rootCerts ?? null) : grpc.credentials.createInsecure();
    const stub = new Service(`${url.host}:${url.port}`, credentials, {
      'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
      'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
      'grpc.primary_user_agent': url.userAgent,
    });
    return new SparkConnectClient(stub, url);
  }

  private metadata(): grpc.Metadata {
    const metadata = new grpc.Metadata();
    // Set per call rather than as call credentials so a token also works on a plaintext
    // loopback channel (Spark's local authentication), which grpc-js call credentials refuse.
    if (this.url.token !== undefined) metadata.set('authorization', `Bearer ${this.url.token}`);
    for (const [key, value] of Object.entries(this.url.headers)) metadata.set(key, value);
    return metadata;
  }

  private base(): Message {
    return {
      session_id: this.sessionId,
      user_context: { user_id: this.url.userId, user_name: this.url.userId },
      client_type: this.url.userAgent,
      ...(this.serverSideSessionId ? { client_observed_server_side_session_id: this.serverSideSessionId } : {}),
    };
  }

  private observe(serverSideSessionId: string | undefined): void {
    if (serverSideSessionId) this.serverSideSessionId ??= serverSideSessionId;
  }

  /** Run a plan ({ root } or { command }) and yield the server's responses as they stream in. */
  async *executePlan(plan: Message, sqlText?: string): AsyncGenerator<ExecutePlanResponse> {
    const request = { ...this.base(), operation_id: randomUUID(), plan };
    const call = (this.stub.ExecutePlan as unknown as (req: Message, md: grpc.Metadata) => grpc.ClientReadableStream<ExecutePlanResponse>)(
      request,
      this.metadata(),
    );
    try {
      // The stream pulls one message per read, so a slow consumer applies backpressure to the server.
      for await (const response of call as AsyncIterable<ExecutePlanResponse>) {
        this.observe(response.server_side_session_id);
        yield response;
      }
    } catch (error) {
      throw toSparkError(error, this.target, sqlText);
    } finally {
      // A consumer that stops early (break) must not leave the server producing batches.
      call.cancel();
    }
  }

  private unary<T>(method: string, request: Message): Promise<T> {
    const fn = this.stub[method] as unknown as (
      req: Message,
      md: grpc.Metadata,
      cb: (error: grpc.ServiceError | null, value: T) => void,
    ) => void;
    return new Promise<T>((resolve, reject) => {
      fn.call(this.stub, request, this.metadata(), (error, value) => {
        if (error) reject(toSparkError(error, this.target));
        else resolve(value);
      });
    });
  }

  /** Set session configuration (spark.sql.*) for this session only. */
  async setConfig(pairs: Record<string, string>): Promise<void> {
    const response = await this.unary<{ server_side_session_id?: string }>('Config', {
      ...this.base(),
      operation: { set: { pairs: Object.entries(pairs).map(([key, value]) => ({ key, value })) } },
    });
    this.observe(response.server_side_session_id);
  }

  /** Read session configuration values (undefined when unset). */
  async getConfig(keys: string[]): Promise<Record<string, string | undefined>> {
    const response = await this.unary<{ pairs?: Array<{ key: string; value?: string }> }>('Config', {
      ...this.base(),
      operation: { get_option: { keys } },
    });
    return Object.fromEntries((response.pairs ?? []).map((pair) => [pair.key, pair.value]));
  }

  /** Free the session's state on the server, then close the channel. */
  async close(): Promise<void> {
    try {
      await this.unary('ReleaseSession', {
        session_id: this.sessionId,
        user_context: { user_id: this.url.userId },
        client_type: this.url.userAgent,
      });
    } catch {
      // The server may already be gone; closing the channel is what matters to the caller.
    } finally {
      this.stub.close();
    }
  }
}

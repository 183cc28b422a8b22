// Turn gRPC failures from a Spark Connect server into errors a person can act on: Spark's error
// class and SQLSTATE, the server's message, and the first line of the SQL that failed.
import { status, type ServiceError } from '@grpc/grpc-js';

export class SparkError extends Error {
  constructor(
    message: string,
    /** Spark's error class, e.g. TABLE_OR_VIEW_NOT_FOUND (undefined for transport errors). */
    readonly errorClass: string | undefined,
    readonly sqlState: string | undefined,
    /** The gRPC status code name, e.g. INVALID_ARGUMENT, UNAVAILABLE. */
    readonly grpcCode: string,
  ) {
    super(message);
    this.name = 'SparkError';
  }
}

const MAX_MESSAGE = 1500;

function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as Partial<ServiceError>).code === 'number';
}

function firstLine(sqlText: string): string {
  const line = sqlText.trim().split('\n')[0].trim();
  return line.length > 120 ? line.slice(0, 117) + '...' : line;
}

/** Wrap any error from a Spark Connect call. `target` is host:port, `sqlText` the statement run. */
export function toSparkError(error: unknown, target: string, sqlText?: string): Error {
  if (error instanceof SparkError || !isServiceError(error)) return error instanceof Error ? error : new Error(String(error));
  const code = status[error.code] ?? String(error.code);
  const where = sqlText === undefined ? '' : `\n  in SQL: ${firstLine(sqlText)}`;
  if (error.code === status.UNAVAILABLE || error.code === status.DEADLINE_EXCEEDED) {
    return new SparkError(
      `cannot reach Spark Connect at ${target} (${code}: ${error.details}); is the cluster up? Locally: scripts/spark/start.sh${where}`,
      undefined,
      undefined,
      code,
    );
  }
  if (error.code === status.UNAUTHENTICATED || error.code === status.PERMISSION_DENIED) {
    return new SparkError(
      `Spark Connect at ${target} refused the credentials (${code}: ${error.details}); check token= in the sc:// URL${where}`,
      undefined,
      undefined,
      code,
    );
  }
  // Spark puts "[ERROR_CLASS] message ... SQLSTATE: xxxxx" in the status details; the JVM stack
  // trace, when present, follows after a blank line and is of no use to a pipeline user.
  const details = (error.details ?? '').split(/\n\s*\n\s*at |\nJVM stacktrace:/)[0].trim();
  const errorClass = /^\[([A-Z0-9_.]+)\]/.exec(details)?.[1];
  const sqlState = /SQLSTATE: ([0-9A-Z]{5})/.exec(details)?.[1];
  const text = details.length > MAX_MESSAGE ? details.slice(0, MAX_MESSAGE) + ' ...' : details;
  return new SparkError(`Spark (${code}): ${text || 'no details from server'}${where}`, errorClass, sqlState, code);
}

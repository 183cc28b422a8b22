// The messages between a step running in a worker thread (remote-engine.ts, an Engine whose every
// call is a request) and the thread that owns the connection (serve.ts, which answers on the real
// engine). Requests and answers carry plain data only: SQL text, bound values, rows.
import type { SqlQuery, WriteColumn, WriteValue } from '../engine.js';

export type EngineRequest =
  | { op: 'exec'; statement: string | SqlQuery }
  | { op: 'query'; query: string | SqlQuery }
  /** Start streaming a query; the answer is the stream's id for 'next' / 'stop'. */
  | { op: 'stream'; query: string | SqlQuery }
  | { op: 'next'; stream: number }
  | { op: 'stop'; stream: number }
  | { op: 'swapTable'; temp: string; target: string }
  | { op: 'listTables'; schema?: string }
  | { op: 'listColumns'; table: string }
  | { op: 'writeRows'; table: string; columns: readonly WriteColumn[]; rows: readonly (readonly WriteValue[])[] }
  /** Open a transaction; statements until 'end' run in it. */
  | { op: 'begin' }
  | { op: 'end'; commit: boolean }
  /** Wait for the named lock (serve.ts shares one set of locks among every worker and the owning thread). */
  | { op: 'lock'; key: string }
  | { op: 'unlock'; key: string };

export interface EngineCall {
  id: number;
  request: EngineRequest;
}

export type EngineAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

/** The built-in error classes kept across threads, so a programming fault stays recognisable as one. */
const BUILT_IN_ERRORS: Record<string, new (message: string) => Error> = { RangeError, TypeError, ReferenceError };

/** An Error with the message and stack the other thread threw (of the same built-in class, when it was one). */
export function revivedError(error: SerializedError): Error {
  const revived = new (BUILT_IN_ERRORS[error.name] ?? Error)(error.message);
  revived.name = error.name;
  if (error.stack) revived.stack = error.stack;
  return revived;
}

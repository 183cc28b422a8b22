// The owning thread's half of a remote engine: answers a worker's requests (protocol.ts) on one real
// engine (a connection of its own, so a step in a worker never shares a transaction with another step).
// Requests are answered as they come; a worker awaits each answer before its next request, as a step
// awaits each engine call.
import type { MessagePort } from 'node:worker_threads';
import type { Engine, Row } from '../engine.js';
import { acquire } from '../exclusive.js';
import { serializeError, type EngineAnswer, type EngineCall, type EngineRequest } from './protocol.js';

export interface ServedEngine {
  /** Stop answering; end what the worker left open (a transaction is rolled back, locks released, streams closed). */
  close(): Promise<void>;
}

export function serveEngine(port: MessagePort, engine: Engine): ServedEngine {
  const streams = new Map<number, AsyncGenerator<Row[]>>();
  const locks = new Map<string, () => void>();
  let nextStream = 1;
  /** The open transaction: settling `finish` commits (resolve) or rolls back (reject) it; `done` is engine.transaction's promise. */
  let transaction: { finish: { resolve(): void; reject(error: Error): void }; done: Promise<void> } | undefined;

  const handle = async (request: EngineRequest): Promise<unknown> => {
    switch (request.op) {
      case 'exec':
        return engine.exec(request.statement);
      case 'query':
        return engine.query(request.query);
      case 'stream': {
        const id = nextStream++;
        streams.set(id, engine.stream(request.query));
        return id;
      }
      case 'next': {
        const stream = streams.get(request.stream);
        if (!stream) throw new Error(`remote engine: no open stream ${request.stream}`);
        const step = await stream.next();
        if (step.done) streams.delete(request.stream);
        return step.done ? null : step.value;
      }
      case 'stop': {
        const stream = streams.get(request.stream);
        streams.delete(request.stream);
        await stream?.return(undefined);
        return null;
      }
      case 'swapTable':
        return engine.swapTable(request.temp, request.target);
      case 'listTables':
        return engine.listTables(request.schema);
      case 'listColumns':
        return engine.listColumns(request.table);
      case 'writeRows':
        return engine.writeRows(request.table, request.columns, request.rows);
      case 'begin':
        return begin();
      case 'end': {
        const open = transaction;
        if (!open) throw new Error('remote engine: no open transaction to end');
        transaction = undefined;
        if (request.commit) open.finish.resolve();
        else open.finish.reject(new Error('rolled back by the step'));
        await open.done.catch((error: Error) => {
          if (request.commit) throw error;
        });
        return null;
      }
      case 'lock': {
        locks.set(request.key, await acquire(request.key));
        return null;
      }
      case 'unlock': {
        locks.get(request.key)?.();
        locks.delete(request.key);
        return null;
      }
    }
  };

  /** Open a transaction whose body waits for the worker's 'end'; answers once the transaction is open. */
  const begin = () =>
    new Promise<null>((opened, failed) => {
      if (transaction) return failed(new Error('remote engine: a transaction is already open'));
      let finish!: { resolve(): void; reject(error: Error): void };
      const body = new Promise<void>((resolve, reject) => (finish = { resolve, reject }));
      const done = engine.transaction(async () => {
        opened(null);
        await body;
      });
      transaction = { finish, done };
      // BEGIN itself failed: the body never ran.
      done.catch((error: Error) => failed(error));
    });

  const onMessage = (call: EngineCall) => {
    handle(call.request).then(
      (value) => port.postMessage({ id: call.id, ok: true, value: value ?? null } satisfies EngineAnswer),
      (error: unknown) => port.postMessage({ id: call.id, ok: false, error: serializeError(error) } satisfies EngineAnswer),
    );
  };
  port.on('message', onMessage);

  return {
    async close() {
      port.off('message', onMessage);
      port.close();
      if (transaction) {
        transaction.finish.reject(new Error('the step ended with its transaction open'));
        await transaction.done.catch(() => undefined);
        transaction = undefined;
      }
      for (const stream of streams.values()) await stream.return(undefined).catch(() => undefined);
      streams.clear();
      for (const release of locks.values()) release();
      locks.clear();
    },
  };
}

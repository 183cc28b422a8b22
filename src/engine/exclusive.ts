// Named locks for work that must not interleave with the same work of another step running beside
// it: rebuilding a table several steps write rows of (the ML steps' ml.metrics, by use case) reads
// the old table and swaps in a new one, so two at once would lose one step's rows. The locks belong
// to the thread that owns the database; a step in a worker thread takes them through its engine
// (remote/remote-engine.ts), so one set of locks covers every step of the run.
import type { Engine } from './engine.js';

const held = new Map<string, Promise<void>>();

/** Wait until `key` is free, hold it; returns the release function. */
export async function acquire(key: string): Promise<() => void> {
  for (;;) {
    const busy = held.get(key);
    if (!busy) break;
    await busy;
  }
  let release!: () => void;
  held.set(
    key,
    new Promise<void>((resolve) => {
      release = () => {
        held.delete(key);
        resolve();
      };
    }),
  );
  return release;
}

/** An engine that takes its locks elsewhere (a worker's, from the owning thread). */
export interface LockingEngine extends Engine {
  lock(key: string): Promise<() => Promise<void>>;
}

function isLocking(engine: Engine): engine is LockingEngine {
  return typeof (engine as Partial<LockingEngine>).lock === 'function';
}

/** Run `work` holding the lock `key`, in whichever thread owns `engine`'s database. */
export async function exclusively<T>(engine: Engine, key: string, work: () => Promise<T>): Promise<T> {
  if (isLocking(engine)) {
    const release = await engine.lock(key);
    try {
      return await work();
    } finally {
      await release();
    }
  }
  const release = await acquire(key);
  try {
    return await work();
  } finally {
    release();
  }
}

// What every pipeline run from the command line shares (`marquee run`, `marquee start`): the run lock
// (one writer per warehouse), waiting a bounded time for readers to let go of the database, and
// SIGINT / SIGTERM turning into a clean stop: the step in progress finishes (each publishes as a
// whole), no further step starts, and the run ends 'cancelled' in meta.runs. A second signal more than
// two seconds later exits at once (the next run marks that run abandoned).
import { mkdirSync } from 'node:fs';
import type { MarqueeConfig } from '../config.js';
import type { Engine } from '../engine/engine.js';
import { openEngine } from '../engine/open.js';
import { acquireRunLock } from '../pipeline/run-lock.js';
import { checkWarehousePath } from './paths.js';

export interface RunSession {
  engine: Engine;
  /** Aborted with the signal's name when the user asks the run to stop. */
  signal: AbortSignal;
}

/** Exit codes of a run stopped by a signal, as shells report them (128 + signal number). */
export const SIGNAL_EXIT_CODE: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

export async function withRunSession<T>(config: MarqueeConfig, use: (session: RunSession) => Promise<T>): Promise<T> {
  if (config.engine === 'duckdb') checkWarehousePath(config.warehouse);
  const controller = new AbortController();
  let firstAt = 0;
  const onSignal = (name: NodeJS.Signals) => {
    if (!controller.signal.aborted) {
      firstAt = Date.now();
      process.stderr.write(`marquee: ${name} received: stopping after the current step (send it again to quit at once)\n`);
      controller.abort(name);
    } else if (Date.now() - firstAt > 2000) {
      process.stderr.write(`marquee: ${name} again: quitting now; the next run marks this one abandoned\n`);
      process.exit(SIGNAL_EXIT_CODE[name] ?? 1);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // The lock file lives in the warehouse folder (for Spark too: one run at a time from this machine).
  mkdirSync(config.warehouse, { recursive: true });
  const runLock = acquireRunLock(config.warehouse);
  try {
    const engine = await openEngine(config, { log: (line) => process.stderr.write(`marquee: ${line}\n`), signal: controller.signal });
    try {
      return await use({ engine, signal: controller.signal });
    } finally {
      await engine.close();
    }
  } finally {
    runLock.release();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

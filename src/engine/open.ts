// The one place that turns a config into an engine. Everything else asks for `openEngine(config)`
// and never names an engine class.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readEnvironment, type MarqueeConfig } from '../config.js';
import { warehouseDbPath } from '../warehouse/layout.js';
import { UserError } from '../errors.js';
import { DuckDbEngine } from './duckdb/engine.js';
import { ENGINE_NAMES, type Engine, type EngineName } from './engine.js';

export type EngineConfig = Pick<MarqueeConfig, 'engine' | 'warehouse' | 'memoryLimit' | 'threads' | 'sparkUrl'>;

/**
 * Whether the engine's warehouse is the local DuckDB file the dashboard reads (DuckDB), rather than
 * tables elsewhere that the dashboard reads through a local snapshot (Spark; src/dashboard/snapshot.ts).
 * Known before opening the engine, so the dashboard can decide without connecting.
 */
export function supportsDashboardInPlace(engine: EngineName): boolean {
  return engine === 'duckdb';
}

/** How long a writer waits for readers (the dashboard opens the file per request) to let go. */
export const READER_WAIT_MS = 30_000;

export interface OpenOptions {
  /** Where "waiting for readers" goes (once per wait). */
  log?: (line: string) => void;
  /** Stop waiting when aborted. */
  signal?: AbortSignal;
  waitMs?: number;
}

/**
 * Open the warehouse database for writing. DuckDB lets no other process hold the file meanwhile, and a
 * dashboard opens it read-only for each request, so a short conflict is normal: retry for a bounded
 * time (saying so once), then give up with one line naming the process that holds it.
 */
async function openDuckDbWaiting(config: EngineConfig, options: OpenOptions): Promise<Engine> {
  const path = warehouseDbPath(config.warehouse);
  const waitMs = options.waitMs ?? readEnvironment().readerWaitMs ?? READER_WAIT_MS;
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      return await DuckDbEngine.open({ path, memoryLimit: config.memoryLimit, threads: config.threads });
    } catch (error) {
      const text = (error as Error).message;
      const holder = /held in (.+?) \(PID (\d+)\)/.exec(text);
      if (!/Could not set lock/i.test(text)) {
        if (/IO Error/i.test(text)) throw new UserError(`cannot open the warehouse database ${path}: ${text.split('\n')[0]}`);
        throw error;
      }
      const who = holder ? `process ${holder[2]} (${holder[1]})` : 'another process';
      if (Date.now() >= deadline || options.signal?.aborted) {
        throw new UserError(
          `the warehouse database ${path} stayed open in ${who} for ${waitMs / 1000} s; close the program holding it (a dashboard server or another reader) and run again`,
        );
      }
      if (!told) {
        options.log?.(`waiting up to ${waitMs / 1000} s for ${who} to let go of ${path} (a dashboard or another reader has it open)`);
        told = true;
      }
      await new Promise((r) => setTimeout(r, 100 + Math.floor(Math.random() * 100)));
    }
  }
}

export async function openEngine(config: EngineConfig, options: OpenOptions = {}): Promise<Engine> {
  switch (config.engine) {
    case 'duckdb':
      mkdirSync(config.warehouse, { recursive: true });
      return openDuckDbWaiting(config, options);
    case 'spark': {
      // Loaded on demand so DuckDB runs never pay for gRPC and the Spark protocol descriptors.
      const { SparkEngine } = await import('./spark/engine.js');
      try {
        return await SparkEngine.connect(config.sparkUrl);
      } catch (error) {
        // A bad URL, missing descriptors or an unreachable server: setup problems, one clear line.
        throw new UserError(`engine 'spark': ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    default:
      throw new UserError(`unknown engine '${String(config.engine)}' (expected ${ENGINE_NAMES.join(' or ')})`);
  }
}

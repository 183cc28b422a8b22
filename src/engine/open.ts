// The one place that turns a config into an engine. Everything else asks for `openEngine(config)`
// and never names an engine class.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MarqueeConfig } from '../config.js';
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

export async function openEngine(config: EngineConfig): Promise<Engine> {
  switch (config.engine) {
    case 'duckdb':
      mkdirSync(config.warehouse, { recursive: true });
      return DuckDbEngine.open({ path: warehouseDbPath(config.warehouse), memoryLimit: config.memoryLimit, threads: config.threads });
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

// What a caller hands the runner (RunOptions), and how a run is planned without running it. Kept apart
// from runner.ts so the CLI and the gold check catalogue can plan and name the models folder without
// pulling in the execution code.
import { randomBytes } from 'node:crypto';
import type { MarqueeConfig } from '../config.js';
import { REPO_MODELS_DIR } from '../install-paths.js';
import type { Engine } from '../engine/engine.js';
import type { ExtraMacros, ModelVars } from './compile.js';
import { buildDag, type Dag } from './dag.js';
import { loadSqlModels } from './models.js';
import type { RunHook } from './run-hooks.js';
import type { RunReporter } from './reporter.js';
import type { StepThreads } from './step-thread.js';
import type { TsStep } from './step.js';

export const DEFAULT_MODELS_DIR = REPO_MODELS_DIR;

export interface RunOptions {
  engine: Engine;
  config: MarqueeConfig;
  /** Folder of models/<layer>/<name>.sql (default: the repository's models/). */
  modelsDir?: string;
  /** TypeScript steps (the CLI passes src/cli/registry.ts's). */
  tsSteps: readonly TsStep[];
  /** Macros beyond the dialect's, e.g. kpi('name'). */
  macros: ExtraMacros;
  /** Values models read with {{ var('name') }}. */
  vars: ModelVars;
  select?: string;
  through?: string;
  fullRefresh?: boolean;
  runId?: string;
  reporter?: RunReporter;
  /** Hooks around the run (the CLI passes the registry's, src/cli/registry.ts). */
  hooks: readonly RunHook[];
  /** Source tables whose bronze -> silver conservation is checked (default: every contract). */
  conservationTables?: readonly string[];
  /**
   * Aborted (reason: the signal's name) when the user asks the run to stop: the runner finishes the
   * step in progress (each step publishes atomically), runs no further step and ends the run 'cancelled'.
   */
  signal?: AbortSignal;
  /**
   * Steps of one layer run side by side, each on its own connection, up to this many at once, when
   * the engine can open more connections (DuckDB; Spark runs one at a time). Default 1.
   */
  concurrency?: number;
  /**
   * Worker threads for the CPU-heavy steps (TsStep.threaded: the ML steps): up to `count` of them run
   * at once, each in a thread of its own with its own connection, when the engine can open more
   * connections (DuckDB). Absent: every step runs in this thread.
   */
  threads?: StepThreads;
}

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', 't').slice(0, 15);
  return `r${stamp}_${randomBytes(2).toString('hex')}`;
}

/**
 * Load the steps and build the graph without running anything (also used by `--select` dry runs).
 * Only the engine's dialect is needed, so the CLI can plan (and refuse a bad selection) before it
 * opens or creates a warehouse.
 */
export async function planPipeline(
  options: Pick<RunOptions, 'modelsDir' | 'tsSteps' | 'macros' | 'vars'> &
    ({ engine: Pick<Engine, 'dialect'> } | { dialect: Engine['dialect'] }),
): Promise<Dag> {
  const models = await loadSqlModels(options.modelsDir ?? DEFAULT_MODELS_DIR);
  const steps = [...options.tsSteps, ...models];
  return buildDag(steps, {
    dialect: 'dialect' in options ? options.dialect : options.engine.dialect,
    vars: options.vars,
    macros: options.macros,
  });
}

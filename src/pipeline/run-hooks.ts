// Hooks a layer can give the runner around a run, for facts that span runs rather than one step:
// the silver pseudonym key is one (a changed key must rebuild all of silver, whatever was selected).
import type { MarqueeConfig } from '../config.js';
import type { Engine } from '../engine/engine.js';
import type { Dag } from './dag.js';
import type { StepRecord } from './reporter.js';

export interface RunHookContext {
  engine: Engine;
  config: MarqueeConfig;
  dag: Dag;
}

export interface BeforeRunOutcome {
  /** Layers to run in full in addition to the selection. */
  addLayers?: readonly string[];
  /** Lines for the run output (also kept in the run's message). */
  notes?: readonly string[];
}

export interface RunHook {
  name: string;
  /** After the graph is built and the selection taken, before any step runs. */
  beforeRun(ctx: RunHookContext): Promise<BeforeRunOutcome>;
  /** After the last step, with every step's record and the steps the run's selection picked (in run order). */
  afterRun(ctx: RunHookContext & { runId: string; records: readonly StepRecord[]; stepsInRun: readonly string[] }): Promise<void>;
}

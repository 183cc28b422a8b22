// What a pipeline step is. A step is either a SQL model (a .sql file under models/, with a sidecar
// .meta.ts describing it and its checks) or a TypeScript step for what SQL cannot do.
import type { Engine } from '../engine/engine.js';
import type { MarqueeConfig } from '../config.js';
import type { CheckDefinition } from '../quality/check.js';

export type Layer = 'bronze' | 'silver' | 'gold' | 'ml';

export interface StepContext {
  engine: Engine;
  config: MarqueeConfig;
  runId: string;
  /** `marquee run --full-refresh`: rebuild from scratch instead of incrementally (steps that load incrementally honour it). */
  fullRefresh?: boolean;
  /** Layers this run's selection picks, in pipeline order (the quality report says which did not run). */
  layersInRun?: readonly Layer[];
  /** Steps this run's selection picks, in run order (a step may leave to a later one what that one rewrites). */
  stepsInRun?: readonly string[];
  /** Report progress of a long step (rows done so far, optional total). */
  progress(done: number, total?: number, note?: string): void;
  /** Log a line the user should read (kept in the run log). */
  log(message: string): void;
}

export interface StepResult {
  rowsIn?: number;
  rowsOut?: number;
  /** Anything worth recording with the run (model metrics, counts). */
  metadata?: Record<string, unknown>;
}

export interface TsStep {
  kind: 'ts';
  /** Node name in the DAG, e.g. 'bronze.ingest' or 'ml.churn'. */
  name: string;
  layer: Layer;
  description: string;
  /** Names of steps or tables this step reads. */
  deps: string[];
  /** Tables this step writes (schema.table); a table has one producer. */
  produces: string[];
  /**
   * Tables this step writes its own rows of, beside other steps (the ML steps' ml.model_runs,
   * ml.metrics, ml.model_cards, keyed by use_case). Lineage lists each writer as a producer; a step
   * reading one depends on all of its writers.
   */
  writesShared?: string[];
  /**
   * CPU-heavy (model fits, resampling): the runner may run it in a worker thread (step-thread.ts),
   * beside other such steps, when the run has threads and the engine more connections. It must then
   * use only its context: the engine, config and callbacks it is handed.
   */
  threaded?: boolean;
  /**
   * Bytes of source files this step will read (bronze's ingest steps): the runner's first guess at
   * what a step costs when the warehouse has no earlier run to time it by (src/pipeline/step-cost.ts).
   */
  inputBytes?(config: MarqueeConfig): number;
  /**
   * URL of the module that exports this step (its `import.meta.url`): a worker thread running it
   * imports that module alone instead of every registered step (0.3 s of CPU per thread).
   */
  module?: string;
  run(ctx: StepContext): Promise<StepResult>;
}

/** Describes one SQL model; lives beside it as models/<layer>/<name>.meta.ts. */
export interface ModelMeta {
  description: string;
  /** One line per output column. */
  columns: Record<string, string>;
  checks?: CheckDefinition[];
  /**
   * Run in a later layer than the folder's: a model that reads a later layer's output (a gold table
   * an ml step writes) says so, so `--through gold` leaves it out instead of reading a table not built yet.
   */
  layer?: Layer;
}

export interface SqlModelStep {
  kind: 'sql';
  /** schema.table, e.g. 'silver.users'. */
  name: string;
  layer: Layer;
  path: string;
  text: string;
  meta: ModelMeta;
}

export type Step = TsStep | SqlModelStep;

// Running one step of the graph and describing what happened as a StepRecord plus the metadata that
// goes to meta.step_runs: a TypeScript step (its context, logs and thrown error), a SQL model
// (sql-step.ts does the building), or a step skipped because something upstream did not succeed.
import type { Engine } from '../engine/engine.js';
import type { DagNode } from './dag.js';
import type { RunOptions } from './run-options.js';
import type { RunReporter, StepRecord } from './reporter.js';
import { runSqlModel } from './sql-step.js';
import { runStepInThread, type StepThreads } from './step-thread.js';
import type { Layer, StepContext, TsStep } from './step.js';

export interface StepRun {
  record: StepRecord;
  metadata: Record<string, unknown>;
}

export async function runTsStep(
  node: DagNode,
  step: TsStep,
  engine: Engine,
  options: RunOptions,
  runId: string,
  reporter: RunReporter,
  layersInRun: readonly Layer[],
  stepsInRun: readonly string[],
  /** Run it in a worker thread (a threaded step, when the run has threads and a connection of its own for it). */
  threads?: StepThreads,
): Promise<StepRun> {
  const logs: string[] = [];
  const ctx: StepContext = {
    engine,
    config: options.config,
    runId,
    fullRefresh: options.fullRefresh ?? false,
    layersInRun,
    stepsInRun,
    progress: (done, total, note) => reporter.stepProgress(node.name, done, total, note),
    log: (message) => {
      logs.push(message);
      reporter.log(node.name, message);
    },
  };
  const started = Date.now();
  try {
    const result = threads ? await runStepInThread(threads, step, ctx) : await step.run(ctx);
    const record: StepRecord = {
      name: node.name,
      layer: node.layer,
      status: 'ok',
      rowsIn: result.rowsIn ?? null,
      rowsOut: result.rowsOut ?? null,
      durationMs: Date.now() - started,
      message: logs.length > 0 ? logs.join('\n') : undefined,
    };
    return { record, metadata: result.metadata ?? {} };
  } catch (error) {
    const message = `${node.name}: ${(error as Error).message}`;
    // A fault in Marquee's own code (not bad input, which has its own errors): the stack says where.
    const stack = internalFaultStack(error);
    if (stack) ctx.log(`internal error, at:\n${stack}`);
    return {
      record: {
        name: node.name,
        layer: node.layer,
        status: 'failed',
        rowsIn: null,
        rowsOut: null,
        durationMs: Date.now() - started,
        message,
      },
      metadata: { logs },
    };
  }
}

export async function runSqlStep(node: DagNode, engine: Engine, runId: string): Promise<StepRun> {
  const started = Date.now();
  const outcome = await runSqlModel(engine, node, runId);
  const record: StepRecord = {
    name: node.name,
    layer: node.layer,
    status: outcome.status,
    rowsIn: outcome.rowsIn,
    rowsOut: outcome.status === 'ok' ? outcome.rowsOut : null,
    durationMs: Date.now() - started,
    message: outcome.message,
  };
  const metadata = {
    quarantined: outcome.quarantined,
    builtRows: outcome.rowsOut,
    checks: outcome.checks.map((c) => ({ check: c.check, action: c.action, passed: c.passed, failed: c.failedRecords })),
  };
  return { record, metadata };
}

/** A step not run because `reason` (an upstream step failed, or its layer was not published). */
export function skippedStep(node: DagNode, reason: string): StepRun {
  const message = `skipped: ${reason}`;
  return {
    record: { name: node.name, layer: node.layer, status: 'skipped', rowsIn: null, rowsOut: null, durationMs: 0, message },
    metadata: {},
  };
}

/** The first frames of a programming fault's stack (RangeError, TypeError, ReferenceError), else undefined. */
export function internalFaultStack(error: unknown, frames = 8): string | undefined {
  if (!(error instanceof RangeError || error instanceof TypeError || error instanceof ReferenceError)) return undefined;
  const lines = (error.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at '));
  return lines.length > 0 ? lines.slice(0, frames).join('\n') : undefined;
}

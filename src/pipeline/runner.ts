// The pipeline runner: collects steps (TypeScript steps handed in by the caller, src/cli/registry.ts
// for the CLI, and SQL models from the models directory), orders them, runs a selection, records meta.runs / meta.step_runs, checks row
// conservation after silver, and writes lineage. A failed step or a failing `fail` check skips
// everything downstream of it; the rest of the run goes on, and the run ends 'failed'. Silver and
// gold publish as units (publish.ts): their tables go live together when the layer's last step is
// done and every step of it succeeded; otherwise none do and the previous layer stays.
// This file decides the order and what is blocked; the parts live beside it: run-options.ts (options,
// planning), run-step.ts (one step), run-log.ts (meta.runs / meta.step_runs), close-layer.ts (conservation,
// publish or discard).
import { ensureWarehouse } from '../warehouse/schema.js';
import { descendants, type Dag } from './dag.js';
import { PipelineError } from './errors.js';
import { LAYER_ORDER, layerRank } from './layers.js';
import { dropLeftoverTempTables } from './leftovers.js';
import { writeLineage } from './lineage.js';
import { LayerStage, STAGED_LAYERS } from './publish.js';
import type { RunReporter, RunSummary, StepRecord } from './reporter.js';
import { silentReporter } from './reporter.js';
import { runConfigJson } from './run-input.js';
import { lastStepDurations, markAbandonedRuns, recordRunFinished, recordRunStarted, recordStep, tallyChecks } from './run-log.js';
import { newRunId, planPipeline, type RunOptions } from './run-options.js';
import { runSqlStep, runTsStep, skippedStep, type StepRun } from './run-step.js';
import { runScheduled } from './schedule.js';
import { expectedCosts } from './step-cost.js';
import { selectNodes } from './select.js';
import { finishLayer, runConservationStep } from './close-layer.js';
import { pauseIfRequested } from './test-hooks.js';
import type { Engine } from '../engine/engine.js';
import type { Layer, TsStep } from './step.js';

// Callers (the CLI, the gold check catalogue, tests) import these from the runner.
export { DEFAULT_MODELS_DIR, newRunId, planPipeline, type RunOptions } from './run-options.js';

export async function runPipeline(options: RunOptions): Promise<RunSummary> {
  const { engine, config } = options;
  const reporter = options.reporter ?? silentReporter;
  const runId = options.runId ?? newRunId();
  if (!/^[a-z0-9_]+$/.test(runId)) throw new PipelineError(`run id must be lower-case letters, digits and _, got '${runId}'`);
  await ensureWarehouse(engine);
  // Temp/stage tables of an earlier run that was killed before its swap.
  const leftovers = await dropLeftoverTempTables(engine);
  if (leftovers.length > 0)
    reporter.log('runner', `dropped ${leftovers.length} temp table(s) left by an interrupted run: ${leftovers.join(', ')}`);
  const dag = await planPipeline(options);
  const selected = selectNodes(dag, options.select, options.through);
  if (selected.size === 0)
    throw new PipelineError(
      `the selection '${options.select ?? ''}'${options.through ? ` through ${options.through}` : ''} picks no steps`,
    );
  const hooks = options.hooks;
  for (const hook of hooks) {
    const outcome = await hook.beforeRun({ engine, config, dag });
    for (const note of outcome.notes ?? []) reporter.log('runner', note);
    for (const layer of outcome.addLayers ?? []) for (const [name, node] of dag.nodes) if (node.layer === layer) selected.add(name);
  }
  const order = dag.order.filter((n) => selected.has(n));

  const runStarted = Date.now();
  await markAbandonedRuns(engine, runId, reporter);
  // What was read (files, checksums, rows) and the generator's parameters only for generated input.
  const configJson = await runConfigJson(
    config,
    options.fullRefresh ?? false,
    order.some((name) => name.startsWith('bronze.')),
  );
  const selection = [options.select, options.through && `through ${options.through}`].filter(Boolean).join(' ') || 'all';
  await recordRunStarted(engine, runId, runStarted, selection, config.asOfDate, configJson);
  reporter.runStarted(runId, order.length);
  try {
    const summary = await runSteps(dag, order, options, runId, runStarted, reporter);
    for (const hook of hooks) await hook.afterRun({ engine, config, dag, runId, records: summary.steps, stepsInRun: order });
    return summary;
  } catch (error) {
    // The runner itself broke (not a step): leave a finished, failed run behind, then report the bug.
    await recordRunFinished(engine, runId, 'failed', `runner error: ${(error as Error).message}`).catch(() => undefined);
    throw error;
  }
}

async function runSteps(
  dag: Dag,
  order: string[],
  options: RunOptions,
  runId: string,
  runStarted: number,
  reporter: RunReporter,
): Promise<RunSummary> {
  const { engine, config } = options;

  /** Step -> why it is skipped ('upstream X failed', or a layer that was not published). */
  const blockedBy = new Map<string, string>();
  const records: StepRecord[] = [];
  const failures: string[] = [];
  const block = (name: string, reason = `upstream ${name} failed`) => {
    for (const d of descendants(dag, name)) if (!blockedBy.has(d)) blockedBy.set(d, reason);
  };
  const stepsLeft = new Map<string, number>();
  const layersInRun = LAYER_ORDER.filter((layer) => order.some((name) => dag.nodes.get(name)!.layer === layer));
  for (const name of order) {
    const layer = dag.nodes.get(name)!.layer;
    stepsLeft.set(layer, (stepsLeft.get(layer) ?? 0) + 1);
  }
  // Silver and gold steps talk to their layer's stage, so their tables publish together.
  const stages = new Map<string, LayerStage>(STAGED_LAYERS.filter((l) => stepsLeft.has(l)).map((l) => [l, new LayerStage(engine, l)]));

  const layerStepsOf = (layer: string) => order.filter((n) => dag.nodes.get(n)!.layer === layer);
  /** A layer's steps are done (or a later layer is about to start): conservation after silver, then publish or discard. */
  const closeLayer = async (layer: string) => {
    if (layer === 'silver') {
      const conservation = await runConservationStep(
        dag,
        stages.get('silver') ?? engine,
        options.conservationTables,
        runId,
        records,
        reporter,
      );
      if (conservation) {
        records.push(conservation.record);
        for (const mismatch of conservation.mismatched) {
          failures.push(`row conservation: ${mismatch.message}`);
          const producer = dag.producerOf.get(`silver.${mismatch.table}`);
          if (producer) block(producer);
        }
      }
    }
    const stage = stages.get(layer);
    if (stage) {
      stages.delete(layer);
      await finishLayer(stage, layerStepsOf(layer), records, runId, reporter, block);
    }
  };
  const closed = new Set<string>();

  // Concurrent steps each get a connection of their own (a stage over it for silver and gold); the
  // run's bookkeeping stays on the main connection, one statement at a time.
  // Threaded steps (the ML layer's) run up to threads.count at once, each in a worker thread.
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const threadedLayers = new Set(
    order
      .map((n) => dag.nodes.get(n)!)
      .filter((n) => n.step.kind === 'ts' && n.step.threaded)
      .map((n) => n.layer),
  );
  const threads = options.threads && engine.fork ? options.threads : undefined;
  // A layer of threaded steps runs as many at once as there are threads (one when they run in this
  // thread, `--threads 1`), whatever `--concurrency` (which is for SQL steps) says: more CPU-bound
  // steps than cores only share the cores and add their memory.
  const concurrencyOf = (layer: string) => (threadedLayers.has(layer as Layer) ? (threads?.count ?? 1) : concurrency);
  const wanted = Math.max(concurrency, threads && threadedLayers.size > 0 ? threads.count : 1);
  const forks = wanted > 1 && engine.fork ? await Promise.all(Array.from({ length: wanted }, () => engine.fork!())) : [];
  let bookkeeping: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = bookkeeping.then(work);
    bookkeeping = next.catch(() => undefined);
    return next;
  };

  // Side by side, the costliest chain starts first: each step's duration when it last succeeded here,
  // or on a new warehouse the source bytes upstream of it (step-cost.ts).
  const costOf = wanted > 1 ? expectedCosts(dag, await lastStepDurations(engine), config) : undefined;

  // A threaded step goes to a worker only on a connection of its own (not the run's bookkeeping one).
  const inThread = (step: TsStep, connection: Engine) => (threads && step.threaded && connection !== engine ? threads : undefined);

  const runStep = async (name: string, slot: number) => {
    const node = dag.nodes.get(name)!;
    const connection = forks[slot] ?? engine;
    const stage = stages.get(node.layer);
    const stepEngine = stage ? (connection === engine ? stage : stage.on(connection)) : connection;
    const startedAt = Date.now();
    let run: StepRun;
    if (blockedBy.has(name)) {
      run = skippedStep(node, blockedBy.get(name)!);
    } else {
      reporter.stepStarted(name);
      run =
        node.step.kind === 'sql'
          ? await runSqlStep(node, stepEngine, runId)
          : await runTsStep(node, node.step, stepEngine, options, runId, reporter, layersInRun, order, inThread(node.step, connection));
    }
    await serially(() => recordStep(engine, runId, run.record, startedAt, run.metadata));
    await pauseIfRequested(`after:${name}`, options.signal);
    records.push(run.record);
    reporter.stepFinished(run.record);
    if (run.record.status === 'failed') {
      failures.push(run.record.message ?? `${name} failed`);
      block(name);
    }
    const left = stepsLeft.get(node.layer)! - 1;
    stepsLeft.set(node.layer, left);
    if (left === 0 && !closed.has(node.layer)) {
      closed.add(node.layer);
      await closeLayer(node.layer);
    }
  };

  let cancelled: string | undefined;
  try {
    const notRun = await runScheduled(
      order,
      {
        concurrency: forks.length || 1,
        concurrencyOf,
        signal: options.signal,
        layerOf: (name) => dag.nodes.get(name)!.layer,
        dependsOn: (name) => dag.nodes.get(name)!.dependsOn,
        costOf,
      },
      {
        // A step of a later layer reads earlier layers as published. Steps of a layer that come after
        // it (gold's scorecard, which waits for the ml layer) run on their own, outside the unit.
        beforeGroup: async (stepLayer) => {
          for (const layer of LAYER_ORDER) {
            if (layerRank(layer) < layerRank(stepLayer as Layer) && stepsLeft.has(layer) && !closed.has(layer)) {
              closed.add(layer);
              await closeLayer(layer);
            }
          }
        },
        runStep,
      },
    );
    if (notRun.length > 0) {
      // A safe point: every finished step has published (or not) as a whole.
      cancelled = `cancelled by ${String(options.signal?.reason ?? 'a signal')} before ${notRun[0]}; ${notRun.length} step(s) not run`;
      reporter.log('runner', cancelled);
    }
  } finally {
    for (const fork of forks) await fork.close();
  }

  if (cancelled) failures.push(cancelled);
  const summary: RunSummary = {
    runId,
    status: cancelled ? 'cancelled' : failures.length === 0 ? 'ok' : 'failed',
    steps: records,
    ...(await tallyChecks(engine, runId)),
    failures,
    durationMs: Date.now() - runStarted,
  };
  if (!cancelled) await writeLineage(engine, dag, runId, config.warehouse);
  await recordRunFinished(engine, runId, summary.status, failures.length > 0 ? failures.join('\n') : null);
  reporter.runFinished(summary);
  return summary;
}

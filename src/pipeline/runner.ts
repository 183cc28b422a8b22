// The pipeline runner: collects steps (TypeScript steps handed in by the caller, src/cli/registry.ts
// for the CLI, and SQL models from the models directory), orders them, runs a selection, records meta.runs / meta.step_runs, checks row
// conservation after silver, and writes lineage. A failed step or a failing `fail` check skips
// everything downstream of it; the rest of the run goes on, and the run ends 'failed'. Silver and
// gold publish as units (publish.ts): their tables go live together when the layer's last step is
// done and every step of it succeeded; otherwise none do and the previous layer stays.
import { randomBytes } from 'node:crypto';
import type { MarqueeConfig } from '../config.js';
import { REPO_MODELS_DIR } from '../install-paths.js';
import { SOURCE_TABLES } from '../contracts/index.js';
import type { Engine } from '../engine/engine.js';
import { deleteRows, updateRows } from '../engine/rows.js';
import { sql } from '../engine/sql.js';
import type { ExtraMacros, ModelVars } from './compile.js';
import { checkConservation, recordConservation } from './conservation.js';
import { buildDag, descendants, type Dag, type DagNode } from './dag.js';
import { runConfigJson } from './run-input.js';
import { PipelineError } from './errors.js';
import { writeLineage } from './lineage.js';
import { ensureWarehouse } from '../warehouse/schema.js';
import { LAYER_ORDER, layerRank } from './layers.js';
import { dropLeftoverTempTables } from './leftovers.js';
import { pauseIfRequested } from './test-hooks.js';
import { loadSqlModels } from './models.js';
import type { RunHook } from './run-hooks.js';
import type { CheckTally, RunReporter, RunSummary, StepRecord } from './reporter.js';
import { silentReporter } from './reporter.js';
import { selectNodes } from './select.js';
import { LayerStage, STAGED_LAYERS } from './publish.js';
import { runSqlModel } from './sql-step.js';
import { runScheduled } from './schedule.js';
import type { Layer, StepContext, TsStep } from './step.js';

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
}

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', 't').slice(0, 15);
  return `r${stamp}_${randomBytes(2).toString('hex')}`;
}

const timestamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

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

async function recordStep(
  engine: Engine,
  runId: string,
  record: StepRecord,
  startedAt: number,
  metadata: Record<string, unknown>,
): Promise<void> {
  await engine.exec(sql`INSERT INTO meta.step_runs (run_id, step, layer, status, rows_in, rows_out, started_at, duration_ms, message, metadata_json)
    VALUES (${runId}, ${record.name}, ${record.layer}, ${record.status}, ${record.rowsIn}, ${record.rowsOut}, CAST(${timestamp(startedAt)} AS TIMESTAMP),
      ${record.durationMs}, ${record.message ?? null}, ${JSON.stringify(metadata)})`);
}

interface StepRun {
  record: StepRecord;
  metadata: Record<string, unknown>;
}

async function runTsStep(
  node: DagNode,
  step: TsStep,
  engine: Engine,
  options: RunOptions,
  runId: string,
  reporter: RunReporter,
  layersInRun: readonly Layer[],
): Promise<StepRun> {
  const logs: string[] = [];
  const ctx: StepContext = {
    engine,
    config: options.config,
    runId,
    fullRefresh: options.fullRefresh ?? false,
    layersInRun,
    progress: (done, total, note) => reporter.stepProgress(node.name, done, total, note),
    log: (message) => {
      logs.push(message);
      reporter.log(node.name, message);
    },
  };
  const started = Date.now();
  try {
    const result = await step.run(ctx);
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

async function runSqlStep(node: DagNode, engine: Engine, runId: string): Promise<StepRun> {
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
  await engine.exec(sql`INSERT INTO meta.runs (run_id, started_at, finished_at, status, selection, engine, as_of_date, config_json, message)
    VALUES (${runId}, CAST(${timestamp(runStarted)} AS TIMESTAMP), NULL, 'running', ${[options.select, options.through && `through ${options.through}`].filter(Boolean).join(' ') || 'all'},
      ${engine.name}, CAST(${config.asOfDate} AS DATE), ${configJson}, NULL)`);
  reporter.runStarted(runId, order.length);
  try {
    const summary = await runSteps(dag, order, options, runId, runStarted, reporter);
    for (const hook of hooks) await hook.afterRun({ engine, config, dag, runId, records: summary.steps });
    return summary;
  } catch (error) {
    // The runner itself broke (not a step): leave a finished, failed run behind, then report the bug.
    await updateRows(
      engine,
      'meta.runs',
      {
        finished_at: sql`CAST(${timestamp(Date.now())} AS TIMESTAMP)`,
        status: sql`'failed'`,
        message: sql`${`runner error: ${(error as Error).message}`}`,
      },
      sql`run_id = ${runId}`,
    ).catch(() => undefined);
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
      const conservation = await conserve(dag, { ...options, engine: stages.get('silver') ?? engine }, runId, records, reporter);
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
  const wanted = Math.max(1, Math.floor(options.concurrency ?? 1));
  const forks = wanted > 1 && engine.fork ? await Promise.all(Array.from({ length: wanted }, () => engine.fork!())) : [];
  let bookkeeping: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = bookkeeping.then(work);
    bookkeeping = next.catch(() => undefined);
    return next;
  };

  const runStep = async (name: string, slot: number) => {
    const node = dag.nodes.get(name)!;
    const connection = forks[slot] ?? engine;
    const stage = stages.get(node.layer);
    const stepEngine = stage ? (connection === engine ? stage : stage.on(connection)) : connection;
    const startedAt = Date.now();
    let run: StepRun;
    if (blockedBy.has(name)) {
      const message = `skipped: ${blockedBy.get(name)}`;
      run = { record: { name, layer: node.layer, status: 'skipped', rowsIn: null, rowsOut: null, durationMs: 0, message }, metadata: {} };
    } else {
      reporter.stepStarted(name);
      run =
        node.step.kind === 'sql'
          ? await runSqlStep(node, stepEngine, runId)
          : await runTsStep(node, node.step, stepEngine, options, runId, reporter, layersInRun);
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
        signal: options.signal,
        layerOf: (name) => dag.nodes.get(name)!.layer,
        dependsOn: (name) => dag.nodes.get(name)!.dependsOn,
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
  await updateRows(
    engine,
    'meta.runs',
    {
      finished_at: sql`CAST(${timestamp(Date.now())} AS TIMESTAMP)`,
      status: sql`${summary.status}`,
      message: sql`${failures.length > 0 ? failures.join('\n') : null}`,
    },
    sql`run_id = ${runId}`,
  );
  reporter.runFinished(summary);
  return summary;
}

/**
 * A run still 'running' when a new one starts had its process end without finishing it (SIGKILL, a
 * crash, a power cut): no two runs write one warehouse at once (DuckDB allows one writing process, and
 * the CLI holds the warehouse's run lock, src/pipeline/run-lock.ts), so it can only be dead. Mark it.
 */
async function markAbandonedRuns(engine: Engine, runId: string, reporter: RunReporter): Promise<void> {
  const stale = await engine.query<{ run_id: string }>(sql`SELECT run_id FROM meta.runs WHERE status = 'running' AND run_id <> ${runId}`);
  if (stale.length === 0) return;
  await updateRows(
    engine,
    'meta.runs',
    {
      status: sql`'abandoned'`,
      message: sql`${`its process ended before the run finished (killed or crashed); marked abandoned by run ${runId}`}`,
    },
    sql`status = 'running' AND run_id <> ${runId}`,
  );
  reporter.log(
    'runner',
    `marked ${stale.length} earlier run(s) abandoned (their process ended mid-run): ${stale.map((r) => r.run_id).join(', ')}`,
  );
}

/**
 * The layer's last step is done: publish all its tables together when every step of the layer (and
 * silver's conservation check) succeeded; otherwise drop them all, remove the quarantine rows the
 * layer wrote in this run, and skip everything downstream of the layer. The previous version of
 * every table of the layer stays.
 */
async function finishLayer(
  stage: LayerStage,
  layerSteps: string[],
  records: StepRecord[],
  runId: string,
  reporter: RunReporter,
  block: (name: string, reason: string) => void,
): Promise<void> {
  const layer = stage.schema;
  const problems = records.filter((r) => r.layer === layer && r.status !== 'ok').map((r) => r.name);
  if (problems.length === 0) {
    await pauseIfRequested(`before-publish:${layer}`);
    const published = await stage.publish();
    if (published.length > 0) reporter.log('runner', `${layer}: ${published.length} table(s) published together`);
    return;
  }
  const kept = await stage.discard();
  const engine = stage.engine;
  for (const q of await engine.listTables('quarantine')) {
    if (/^[a-z_][a-z0-9_]*$/.test(q.table_name))
      await deleteRows(engine, `quarantine.${q.table_name}`, sql`run_id = ${runId} AND layer = ${layer}`);
  }
  const reason = `${layer} was not published (${problems.join(', ')} did not succeed); its previous version stays`;
  // Said when tables this run rebuilt were thrown away (a layer whose steps all failed built nothing).
  if (kept.length > 0) reporter.log('runner', `${reason}: ${kept.length} rebuilt table(s) discarded (${kept.join(', ')})`);
  for (const name of layerSteps) block(name, reason);
}

/** Every check of this run as recorded in meta.check_results: SQL models', TS steps' (bronze, gold QA) and conservation. */
async function tallyChecks(engine: Engine, runId: string): Promise<Pick<RunSummary, 'checks' | 'checksByLayer'>> {
  const rows = await engine.query<{ layer: string; action: string; passed: boolean; n: number }>(
    sql`SELECT layer, action, passed, count(*) AS n FROM meta.check_results WHERE run_id = ${runId} GROUP BY layer, action, passed`,
  );
  const empty = (): CheckTally => ({ passed: 0, warned: 0, dropped: 0, failed: 0 });
  const checks = empty();
  const checksByLayer: Record<string, CheckTally> = {};
  for (const r of rows) {
    const field: keyof CheckTally = r.passed ? 'passed' : r.action === 'drop' ? 'dropped' : r.action === 'fail' ? 'failed' : 'warned';
    checks[field] += Number(r.n);
    (checksByLayer[r.layer] ??= empty())[field] += Number(r.n);
  }
  return { checks, checksByLayer };
}

/**
 * After the last silver step: conservation for each source table whose silver.<table> was built in
 * this run. Skipped (with a note) when a step writing meta.dedup_log or meta.change_log exists but
 * did not run OK, since the count would then be missing this run's duplicates or updates.
 */
async function conserve(dag: Dag, options: RunOptions, runId: string, records: StepRecord[], reporter: RunReporter) {
  const builtOk = new Set(records.filter((r) => r.status === 'ok').map((r) => r.name));
  const tables = (options.conservationTables ?? SOURCE_TABLES).filter((t) => {
    const producer = dag.producerOf.get(`silver.${t}`);
    return producer !== undefined && builtOk.has(producer) && dag.producerOf.has(`bronze.${t}`);
  });
  if (tables.length === 0) return undefined;
  const started = Date.now();
  const name = 'silver.row_conservation';
  for (const log of ['meta.dedup_log', 'meta.change_log']) {
    const writer = dag.producerOf.get(log);
    if (writer !== undefined && !builtOk.has(writer)) {
      reporter.log(name, `not checked: ${writer} did not run OK in this run`);
      return undefined;
    }
  }
  reporter.stepStarted(name);
  const results = await checkConservation(options.engine, runId, tables);
  await recordConservation(options.engine, runId, results);
  const mismatched = results.filter((r) => !r.ok);
  const record: StepRecord = {
    name,
    layer: 'silver',
    status: mismatched.length === 0 ? 'ok' : 'failed',
    // rows_in = bronze rows checked; no rows_out, as the step writes no table (the numbers are in metadata).
    rowsIn: results.reduce((s, r) => s + r.bronzeRows, 0),
    rowsOut: null,
    durationMs: Date.now() - started,
    message: mismatched.length > 0 ? mismatched.map((r) => r.message).join('; ') : undefined,
  };
  await recordStep(options.engine, runId, record, started, { tables: results });
  reporter.stepFinished(record);
  return { record, mismatched };
}

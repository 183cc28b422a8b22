// The pipeline runner: collects steps (TypeScript steps handed in by the caller, src/cli/registry.ts
// for the CLI, and SQL models from the models directory), orders them, runs a selection, records meta.runs / meta.step_runs, checks row
// conservation after silver, and writes lineage. A failed step or a failing `fail` check skips
// everything downstream of it; the rest of the run goes on, and the run ends 'failed'.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { MarqueeConfig } from '../config.js';
import { SOURCE_TABLES } from '../contracts/index.js';
import type { Engine } from '../engine/engine.js';
import { updateRows } from '../engine/rows.js';
import { sql } from '../engine/sql.js';
import type { ExtraMacros, ModelVars } from './compile.js';
import { checkConservation, recordConservation } from './conservation.js';
import { buildDag, descendants, type Dag, type DagNode } from './dag.js';
import { runConfigJson } from './run-input.js';
import { PipelineError } from './errors.js';
import { writeLineage } from './lineage.js';
import { ensureWarehouse } from '../warehouse/schema.js';
import { dropLeftoverTempTables } from './leftovers.js';
import { pauseIfRequested } from './test-hooks.js';
import { loadSqlModels } from './models.js';
import type { CheckTally, RunReporter, RunSummary, StepRecord } from './reporter.js';
import { silentReporter } from './reporter.js';
import { selectNodes } from './select.js';
import { runSqlModel } from './sql-step.js';
import type { StepContext, TsStep } from './step.js';

export const DEFAULT_MODELS_DIR = fileURLToPath(new URL('../../models', import.meta.url));

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
  /** Source tables whose bronze -> silver conservation is checked (default: every contract). */
  conservationTables?: readonly string[];
}

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', 't').slice(0, 15);
  return `r${stamp}_${randomBytes(2).toString('hex')}`;
}

const timestamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

/** Load the steps and build the graph without running anything (also used by `--select` dry runs). */
export async function planPipeline(options: Pick<RunOptions, 'engine' | 'modelsDir' | 'tsSteps' | 'macros' | 'vars'>): Promise<Dag> {
  const models = await loadSqlModels(options.modelsDir ?? DEFAULT_MODELS_DIR);
  const steps = [...options.tsSteps, ...models];
  return buildDag(steps, { dialect: options.engine.dialect, vars: options.vars, macros: options.macros });
}

async function recordStep(engine: Engine, runId: string, record: StepRecord, startedAt: number, metadata: Record<string, unknown>): Promise<void> {
  await engine.exec(sql`INSERT INTO meta.step_runs (run_id, step, layer, status, rows_in, rows_out, started_at, duration_ms, message, metadata_json)
    VALUES (${runId}, ${record.name}, ${record.layer}, ${record.status}, ${record.rowsIn}, ${record.rowsOut}, CAST(${timestamp(startedAt)} AS TIMESTAMP),
      ${record.durationMs}, ${record.message ?? null}, ${JSON.stringify(metadata)})`);
}

interface StepRun {
  record: StepRecord;
  metadata: Record<string, unknown>;
}

async function runTsStep(node: DagNode, step: TsStep, options: RunOptions, runId: string, reporter: RunReporter): Promise<StepRun> {
  const logs: string[] = [];
  const ctx: StepContext = {
    engine: options.engine,
    config: options.config,
    runId,
    fullRefresh: options.fullRefresh ?? false,
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
      name: node.name, layer: node.layer, status: 'ok', rowsIn: result.rowsIn ?? null, rowsOut: result.rowsOut ?? null,
      durationMs: Date.now() - started, message: logs.length > 0 ? logs.join('\n') : undefined,
    };
    return { record, metadata: result.metadata ?? {} };
  } catch (error) {
    const message = `${node.name}: ${(error as Error).message}`;
    return { record: { name: node.name, layer: node.layer, status: 'failed', rowsIn: null, rowsOut: null, durationMs: Date.now() - started, message }, metadata: { logs } };
  }
}

async function runSqlStep(node: DagNode, engine: Engine, runId: string): Promise<StepRun> {
  const started = Date.now();
  const outcome = await runSqlModel(engine, node, runId);
  const record: StepRecord = {
    name: node.name, layer: node.layer, status: outcome.status, rowsIn: outcome.rowsIn, rowsOut: outcome.status === 'ok' ? outcome.rowsOut : null,
    durationMs: Date.now() - started, message: outcome.message,
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
  if (leftovers.length > 0) reporter.log('runner', `dropped ${leftovers.length} temp table(s) left by an interrupted run: ${leftovers.join(', ')}`);
  const dag = await planPipeline(options);
  const selected = selectNodes(dag, options.select, options.through);
  if (selected.size === 0) throw new PipelineError(`the selection '${options.select ?? ''}'${options.through ? ` through ${options.through}` : ''} picks no steps`);
  const order = dag.order.filter((n) => selected.has(n));

  const runStarted = Date.now();
  // What was read (files, checksums, rows) and the generator's parameters only for generated input.
  const configJson = await runConfigJson(config, options.fullRefresh ?? false, order.some((name) => name.startsWith('bronze.')));
  await engine.exec(sql`INSERT INTO meta.runs (run_id, started_at, finished_at, status, selection, engine, as_of_date, config_json, message)
    VALUES (${runId}, CAST(${timestamp(runStarted)} AS TIMESTAMP), NULL, 'running', ${[options.select, options.through && `through ${options.through}`].filter(Boolean).join(' ') || 'all'},
      ${engine.name}, CAST(${config.asOfDate} AS DATE), ${configJson}, NULL)`);
  reporter.runStarted(runId, order.length);
  try {
    return await runSteps(dag, order, options, runId, runStarted, reporter);
  } catch (error) {
    // The runner itself broke (not a step): leave a finished, failed run behind, then report the bug.
    await updateRows(engine, 'meta.runs', { finished_at: sql`CAST(${timestamp(Date.now())} AS TIMESTAMP)`, status: sql`'failed'`,
      message: sql`${`runner error: ${(error as Error).message}`}` }, sql`run_id = ${runId}`).catch(() => undefined);
    throw error;
  }
}

async function runSteps(dag: Dag, order: string[], options: RunOptions, runId: string, runStarted: number, reporter: RunReporter): Promise<RunSummary> {
  const { engine, config } = options;

  const blockedBy = new Map<string, string>();
  const records: StepRecord[] = [];
  const failures: string[] = [];
  const block = (name: string) => {
    for (const d of descendants(dag, name)) if (!blockedBy.has(d)) blockedBy.set(d, name);
  };
  let silverLeft = order.filter((n) => dag.nodes.get(n)!.layer === 'silver').length;

  for (const name of order) {
    const node = dag.nodes.get(name)!;
    const startedAt = Date.now();
    let run: StepRun;
    if (blockedBy.has(name)) {
      const message = `skipped: upstream ${blockedBy.get(name)} failed`;
      run = { record: { name, layer: node.layer, status: 'skipped', rowsIn: null, rowsOut: null, durationMs: 0, message }, metadata: {} };
    } else {
      reporter.stepStarted(name);
      run = node.step.kind === 'sql' ? await runSqlStep(node, engine, runId) : await runTsStep(node, node.step, options, runId, reporter);
    }
    await recordStep(engine, runId, run.record, startedAt, run.metadata);
    await pauseIfRequested(`after:${name}`);
    records.push(run.record);
    reporter.stepFinished(run.record);
    if (run.record.status === 'failed') {
      failures.push(run.record.message ?? `${name} failed`);
      block(name);
    }
    if (node.layer === 'silver' && --silverLeft === 0) {
      const conservation = await conserve(dag, options, runId, records, reporter);
      if (conservation) {
        records.push(conservation.record);
        for (const mismatch of conservation.mismatched) {
          failures.push(`row conservation: ${mismatch.message}`);
          const producer = dag.producerOf.get(`silver.${mismatch.table}`);
          if (producer) block(producer);
        }
      }
    }
  }

  const summary: RunSummary = {
    runId,
    status: failures.length === 0 ? 'ok' : 'failed',
    steps: records,
    ...(await tallyChecks(engine, runId)),
    failures,
    durationMs: Date.now() - runStarted,
  };
  await writeLineage(engine, dag, runId, config.warehouse);
  await updateRows(engine, 'meta.runs', { finished_at: sql`CAST(${timestamp(Date.now())} AS TIMESTAMP)`, status: sql`${summary.status}`,
    message: sql`${failures.length > 0 ? failures.join('\n') : null}` }, sql`run_id = ${runId}`);
  reporter.runFinished(summary);
  return summary;
}

/** Every check of this run as recorded in meta.check_results: SQL models', TS steps' (bronze, gold QA) and conservation. */
async function tallyChecks(engine: Engine, runId: string): Promise<Pick<RunSummary, 'checks' | 'checksByLayer'>> {
  const rows = await engine.query<{ layer: string; action: string; passed: boolean; n: number }>(
    sql`SELECT layer, action, passed, count(*) AS n FROM meta.check_results WHERE run_id = ${runId} GROUP BY layer, action, passed`);
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
 * this run. Skipped (with a note) when a step writing meta.dedup_log exists but did not run OK, since
 * the count would then be missing this run's duplicates.
 */
async function conserve(dag: Dag, options: RunOptions, runId: string, records: StepRecord[], reporter: RunReporter) {
  const builtOk = new Set(records.filter((r) => r.status === 'ok').map((r) => r.name));
  const tables = (options.conservationTables ?? SOURCE_TABLES).filter((t) => {
    const producer = dag.producerOf.get(`silver.${t}`);
    return producer !== undefined && builtOk.has(producer) && dag.producerOf.has(`bronze.${t}`);
  });
  if (tables.length === 0) return undefined;
  const dedupWriter = dag.producerOf.get('meta.dedup_log');
  const started = Date.now();
  const name = 'silver.row_conservation';
  if (dedupWriter !== undefined && !builtOk.has(dedupWriter)) {
    reporter.log(name, `not checked: ${dedupWriter} did not run OK in this run`);
    return undefined;
  }
  reporter.stepStarted(name);
  const results = await checkConservation(options.engine, runId, tables);
  await recordConservation(options.engine, runId, results);
  const mismatched = results.filter((r) => !r.ok);
  const record: StepRecord = {
    name, layer: 'silver', status: mismatched.length === 0 ? 'ok' : 'failed',
    // rows_in = bronze rows checked; no rows_out, as the step writes no table (the numbers are in metadata).
    rowsIn: results.reduce((s, r) => s + r.bronzeRows, 0), rowsOut: null,
    durationMs: Date.now() - started, message: mismatched.length > 0 ? mismatched.map((r) => r.message).join('; ') : undefined,
  };
  await recordStep(options.engine, runId, record, started, { tables: results });
  reporter.stepFinished(record);
  return { record, mismatched };
}

// What happens when a layer's last step is done: silver's bronze -> silver row conservation step, then
// publishing the layer's tables as one unit, or discarding them all and skipping what is downstream.
// Split from runner.ts, which decides when a layer closes; this file decides what closing does.
import { SOURCE_TABLES } from '../contracts/index.js';
import type { Engine } from '../engine/engine.js';
import { deleteRows } from '../engine/rows.js';
import { sql } from '../engine/sql.js';
import { checkConservation, recordConservation } from './conservation.js';
import type { Dag } from './dag.js';
import type { LayerStage } from './publish.js';
import type { RunReporter, StepRecord } from './reporter.js';
import { recordStep } from './run-log.js';
import { pauseIfRequested } from './test-hooks.js';

/**
 * The layer's last step is done: publish all its tables together when every step of the layer (and
 * silver's conservation check) succeeded; otherwise drop them all, remove the quarantine rows the
 * layer wrote in this run, and skip everything downstream of the layer. The previous version of
 * every table of the layer stays.
 */
export async function finishLayer(
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

/**
 * After the last silver step: conservation for each source table whose silver.<table> was built in
 * this run. Skipped (with a note) when a step writing meta.dedup_log or meta.change_log exists but
 * did not run OK, since the count would then be missing this run's duplicates or updates.
 */
export async function runConservationStep(
  dag: Dag,
  engine: Engine,
  conservationTables: readonly string[] | undefined,
  runId: string,
  records: StepRecord[],
  reporter: RunReporter,
) {
  const builtOk = new Set(records.filter((r) => r.status === 'ok').map((r) => r.name));
  const tables = (conservationTables ?? SOURCE_TABLES).filter((t) => {
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
  const results = await checkConservation(engine, runId, tables);
  await recordConservation(engine, runId, results);
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
  await recordStep(engine, runId, record, started, { tables: results });
  reporter.stepFinished(record);
  return { record, mismatched };
}

// Builds one SQL model: CREATE TABLE <name>__tmp_<run> AS <compiled sql>, apply its drop checks
// (rows to quarantine), run its warn/fail checks on the temp table, then swap it in atomically.
// Any failure drops the temp table and leaves the previous version of the table untouched.
import type { Engine } from '../engine/engine.js';
import { deleteRows } from '../engine/rows.js';
import { sql, raw } from '../engine/sql.js';
import type { CheckResult } from '../quality/check.js';
import { applyDropChecks, runChecks } from '../quality/run-checks.js';
import type { DagNode } from './dag.js';
import { QUARANTINE_COLUMNS } from '../warehouse/schema.js';
import { pauseIfRequested } from './test-hooks.js';

export interface SqlStepOutcome {
  /** 'failed' when the build errored or a `fail` check failed (the table was not replaced). */
  status: 'ok' | 'failed';
  rowsIn: number;
  rowsOut: number;
  checks: CheckResult[];
  quarantined: number;
  /** The failing `fail` checks, if any. */
  blockingChecks: CheckResult[];
  message?: string;
}

async function rowCount(engine: Engine, table: string): Promise<number> {
  const [row] = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(row.n);
}

/**
 * Where a model's dropped rows go: quarantine.<source> when the model reads exactly one source
 * (silver.users reads source('users') -> quarantine.users), else quarantine.<model table name>.
 */
export function quarantineTableFor(node: DagNode): string {
  const sources = node.compiled?.sources ?? [];
  return sources.length === 1 ? sources[0] : node.name.split('.')[1];
}

export function describeFailedCheck(result: CheckResult): string {
  const sample = result.sample.length > 0 ? `, e.g. ${result.sample.join(', ')}` : '';
  return `check '${result.check}' (${result.kind}, action fail) on ${result.dataset} failed: ${result.failedRecords} failing records${sample}`;
}

/**
 * Undo a build that will not be published: drop the temp table and the quarantine rows its drop
 * checks wrote in this run, so quarantine only holds rows of tables that were swapped in.
 */
async function discard(engine: Engine, node: DagNode, runId: string, temp: string): Promise<void> {
  await engine.exec(`DROP TABLE IF EXISTS ${temp}`);
  const codes = node.checks.filter((c) => c.action === 'drop').map((c) => c.reasonCode);
  if (codes.length === 0) return;
  const quarantine = `quarantine.${quarantineTableFor(node)}`;
  await engine.exec(`CREATE TABLE IF NOT EXISTS ${quarantine} (${QUARANTINE_COLUMNS})`);
  for (const code of codes) {
    await deleteRows(engine, quarantine, sql`run_id = ${runId} AND layer = ${node.layer} AND reason_code = ${code}`);
  }
}

export async function runSqlModel(engine: Engine, node: DagNode, runId: string): Promise<SqlStepOutcome> {
  const [schema, table] = node.name.split('.');
  const temp = `${schema}.${table}__tmp_${runId}`;
  let rowsIn = 0;
  try {
    for (const read of node.reads) rowsIn += await rowCount(engine, read);
    await engine.exec(`DROP TABLE IF EXISTS ${temp}`);
    await engine.exec(`CREATE TABLE ${temp} AS ${node.compiled!.sql}`);
    const drop = await applyDropChecks(engine, temp, node.checks, { runId, layer: node.layer, sourceTable: quarantineTableFor(node) });
    const verdicts = await runChecks(
      engine,
      node.checks.filter((c) => c.action !== 'drop'),
      { runId, layer: node.layer, table: temp },
    );
    const checks = [...drop.results, ...verdicts];
    const blockingChecks = verdicts.filter((r) => r.action === 'fail' && !r.passed);
    const rowsOut = await rowCount(engine, temp);
    if (blockingChecks.length > 0) {
      await discard(engine, node, runId, temp);
      return {
        status: 'failed',
        rowsIn,
        rowsOut,
        checks,
        quarantined: drop.quarantined,
        blockingChecks,
        message: blockingChecks.map(describeFailedCheck).join('; '),
      };
    }
    await pauseIfRequested(`before-swap:${node.name}`);
    await engine.swapTable(temp, node.name);
    return { status: 'ok', rowsIn, rowsOut, checks, quarantined: drop.quarantined, blockingChecks: [] };
  } catch (error) {
    await discard(engine, node, runId, temp).catch(() => undefined);
    return {
      status: 'failed',
      rowsIn,
      rowsOut: 0,
      checks: [],
      quarantined: 0,
      blockingChecks: [],
      message: `${node.step.kind === 'sql' ? node.step.path : node.name}: ${(error as Error).message}`,
    };
  }
}

// The run's own bookkeeping in the warehouse: its meta.runs row (started, finished, broken, or left
// behind by a dead process), one meta.step_runs row per step, and the tally of this run's checks.
// Every statement the runner writes about itself is here, so the execution code only decides.
import type { Engine } from '../engine/engine.js';
import { updateRows } from '../engine/rows.js';
import { sql } from '../engine/sql.js';
import type { CheckTally, RunReporter, RunSummary, StepRecord } from './reporter.js';

/** A wall-clock time as DuckDB/Spark TIMESTAMP text (UTC, no zone letter). */
const timestamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

export async function recordRunStarted(
  engine: Engine,
  runId: string,
  startedAt: number,
  selection: string,
  asOfDate: string,
  configJson: string,
): Promise<void> {
  await engine.exec(sql`INSERT INTO meta.runs (run_id, started_at, finished_at, status, selection, engine, as_of_date, config_json, message)
    VALUES (${runId}, CAST(${timestamp(startedAt)} AS TIMESTAMP), NULL, 'running', ${selection},
      ${engine.name}, CAST(${asOfDate} AS DATE), ${configJson}, NULL)`);
}

/** Close the run's meta.runs row with its final status and the failures (or NULL). */
export async function recordRunFinished(engine: Engine, runId: string, status: string, message: string | null): Promise<void> {
  await updateRows(
    engine,
    'meta.runs',
    {
      finished_at: sql`CAST(${timestamp(Date.now())} AS TIMESTAMP)`,
      status: sql`${status}`,
      message: sql`${message}`,
    },
    sql`run_id = ${runId}`,
  );
}

export async function recordStep(
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

/** Each step's duration in milliseconds the last time it succeeded in this warehouse (the scheduler's cost estimate). */
export async function lastStepDurations(engine: Engine): Promise<Map<string, number>> {
  const rows = await engine.query<{ step: string; duration_ms: number }>(
    `SELECT s.step, max(s.duration_ms) AS duration_ms
     FROM meta.step_runs s
     JOIN (SELECT step, max(started_at) AS last FROM meta.step_runs WHERE status = 'ok' GROUP BY step) l
       ON s.step = l.step AND s.started_at = l.last
     WHERE s.status = 'ok'
     GROUP BY s.step`,
  );
  return new Map(rows.map((r) => [r.step, Number(r.duration_ms)]));
}

/**
 * A run still 'running' when a new one starts had its process end without finishing it (SIGKILL, a
 * crash, a power cut): no two runs write one warehouse at once (DuckDB allows one writing process, and
 * the CLI holds the warehouse's run lock, src/pipeline/run-lock.ts), so it can only be dead. Mark it.
 */
export async function markAbandonedRuns(engine: Engine, runId: string, reporter: RunReporter): Promise<void> {
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

/** Every check of this run as recorded in meta.check_results: SQL models', TS steps' (bronze, gold QA) and conservation. */
export async function tallyChecks(engine: Engine, runId: string): Promise<Pick<RunSummary, 'checks' | 'checksByLayer'>> {
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

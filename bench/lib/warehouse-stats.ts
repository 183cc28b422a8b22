// Figures read back from a warehouse after a benchmark child exits: how long the run said its steps
// took (meta.runs / meta.step_runs), and the size of the database file on disk.
import { existsSync, statSync } from 'node:fs';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { warehouseDbPath } from '../../src/warehouse/layout.js';

export interface RunStats {
  runId: string;
  status: string;
  /** meta.runs finished_at - started_at: the run inside the process (no Node/tsx start-up). */
  runSeconds: number;
  /** Sum of meta.step_runs.duration_ms of this run. */
  stepSeconds: number;
  steps: number;
  /** Rows read from the source files in this run (meta.ingestions), bronze runs only. */
  rowsRead: number;
  /** The slowest steps of the run, slowest first: where the time went. */
  slowest: { step: string; seconds: number }[];
}

export function warehouseBytes(warehouse: string): number {
  return [warehouseDbPath(warehouse), `${warehouseDbPath(warehouse)}.wal`].filter(existsSync).reduce((s, f) => s + statSync(f).size, 0);
}

/** Stats of the latest run in the warehouse. */
export async function latestRun(warehouse: string): Promise<RunStats> {
  const engine = await DuckDbEngine.open({ path: warehouseDbPath(warehouse) });
  try {
    const [run] = await engine.query<{ run_id: string; status: string; secs: number }>(
      `SELECT run_id, status, epoch(finished_at) - epoch(started_at) AS secs FROM meta.runs ORDER BY started_at DESC LIMIT 1`,
    );
    if (!run) throw new Error(`${warehouse}: no run recorded in meta.runs`);
    const [steps] = await engine.query<{ ms: number; n: number }>(
      `SELECT coalesce(sum(duration_ms), 0) AS ms, count(*) AS n FROM meta.step_runs WHERE run_id = '${run.run_id}'`,
    );
    const [ingested] = await engine.query<{ rows: number }>(
      `SELECT coalesce(sum(rows_read), 0) AS rows FROM meta.ingestions WHERE run_id = '${run.run_id}'`,
    );
    const slowest = await engine.query<{ step: string; ms: number }>(
      `SELECT step, duration_ms AS ms FROM meta.step_runs WHERE run_id = '${run.run_id}' ORDER BY duration_ms DESC LIMIT 4`,
    );
    return {
      runId: run.run_id,
      status: run.status,
      runSeconds: Number(run.secs),
      stepSeconds: Number(steps.ms) / 1000,
      steps: Number(steps.n),
      rowsRead: Number(ingested.rows),
      slowest: slowest.map((s) => ({ step: s.step, seconds: Number(s.ms) / 1000 })),
    };
  } finally {
    await engine.close();
  }
}

export interface LayerSeconds {
  layer: string;
  /** Sum of the layer's step durations (steps that ran side by side each count in full). */
  stepSeconds: number;
  /** First step start to last step end of the layer (what the layer took on the clock). */
  spanSeconds: number;
}

/** Per layer of one run (meta.step_runs), in pipeline order. */
export async function layerSeconds(warehouse: string, runId: string): Promise<LayerSeconds[]> {
  const engine = await DuckDbEngine.open({ path: warehouseDbPath(warehouse) });
  try {
    const rows = await engine.query<{ layer: string; ms: number; span: number; first: number }>(
      `SELECT layer, sum(duration_ms) AS ms,
         (max(epoch_ms(started_at) + duration_ms) - min(epoch_ms(started_at))) AS span, min(epoch_ms(started_at)) AS first
       FROM meta.step_runs WHERE run_id = '${runId}' GROUP BY layer ORDER BY first`,
    );
    return rows.map((r) => ({ layer: r.layer, stepSeconds: Number(r.ms) / 1000, spanSeconds: Number(r.span) / 1000 }));
  } finally {
    await engine.close();
  }
}

/** Every data table (bronze, quarantine, silver, gold) of a warehouse, as schema.table, sorted. */
export async function dataTables(warehouse: string): Promise<string[]> {
  const engine = await DuckDbEngine.open({ path: warehouseDbPath(warehouse) });
  try {
    const rows = await engine.query<{ s: string; t: string }>(`SELECT table_schema AS s, table_name AS t FROM information_schema.tables
      WHERE table_schema IN ('bronze', 'quarantine', 'silver', 'gold') AND table_name NOT LIKE '%__tmp_%' ORDER BY 1, 2`);
    return rows.map((r) => `${r.s}.${r.t}`);
  } finally {
    await engine.close();
  }
}

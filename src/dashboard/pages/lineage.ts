// Lineage: the pipeline's DAG as recorded by the latest run (meta.lineage), each step coloured by its
// last status, with rows and time from meta.step_runs.
import type { Row } from '../../engine/engine.js';
import { sql } from '../../engine/sql.js';
import { barChart, dagChart, type CheckCounts, type DagNode } from '../charts.js';
import { formatDurationMs, formatValue } from '../format.js';
import type { ChartSpec, PageSpec } from '../views.js';
import { latestRunOf } from './data-quality.js';

/**
 * Rows: one per 'feeds' edge (upstream, downstream), one per declared check ('guards' edge, folded
 * into the table it guards with the check's result in the latest run that recorded checks), and each
 * node's last step run. Nodes without a step run (e.g. source files) show as 'unknown'.
 */
export function lineageGraph(rows: Row[]): ChartSpec {
  const nodes = new Map<string, DagNode>();
  const edges: Array<[string, string]> = [];
  const checks = new Map<string, CheckCounts>();
  const add = (id: string) => {
    if (!nodes.has(id)) nodes.set(id, { id, status: 'unknown', details: ['no step run recorded'] });
  };
  for (const row of rows) {
    if (row.kind_of_row === 'edge') {
      edges.push([String(row.upstream), String(row.downstream)]);
      add(String(row.upstream));
      add(String(row.downstream));
    } else if (row.kind_of_row === 'check') {
      const table = String(row.downstream);
      add(table);
      const counts = checks.get(table) ?? { pass: 0, warn: 0, fail: 0, notRun: 0 };
      const result = String(row.status) as 'pass' | 'warn' | 'fail' | 'not_run';
      if (result === 'not_run') counts.notRun += 1;
      else counts[result] += 1;
      checks.set(table, counts);
    }
  }
  for (const row of rows) {
    if (row.kind_of_row !== 'step' || !nodes.has(String(row.step))) continue;
    nodes.set(String(row.step), {
      id: String(row.step),
      status: String(row.status ?? 'unknown'),
      details: [
        `status: ${String(row.status)}`,
        `rows out: ${formatValue(row.rows_out, 'integer')}`,
        `time: ${row.duration_ms === null ? '–' : formatDurationMs(Number(row.duration_ms))}`,
      ],
    });
  }
  for (const [table, counts] of checks) {
    const node = nodes.get(table)!;
    node.checks = counts;
    node.details = [
      ...node.details,
      `checks: ${counts.pass} passed, ${counts.warn} warned, ${counts.fail} failed${counts.notRun ? `, ${counts.notRun} not run` : ''}`,
    ];
  }
  return dagChart([...nodes.values()], edges);
}

/**
 * A check's result in the run: passed -> pass; records failed under a 'warn' action -> warn; any other
 * failure (fail, drop, quarantine) -> fail. One row per (dataset, check) of that run.
 */
const checkResultsOfLatestRun = sql`
  SELECT dataset, check_name,
    CASE WHEN bool_and(passed) THEN 'pass' WHEN bool_and(passed OR action = 'warn') THEN 'warn' ELSE 'fail' END AS result
  FROM meta.check_results WHERE run_id = ${latestRunOf('check_results')} GROUP BY dataset, check_name`;

/** Each step's newest run (any run), by started_at. */
const lastStepRuns = sql`
  SELECT step, layer, status, rows_in, rows_out, duration_ms, started_at, message, run_id FROM (
    SELECT s.*, row_number() OVER (PARTITION BY s.step ORDER BY s.started_at DESC) AS rn FROM meta.step_runs s
  ) t WHERE rn = 1`;

export const lineagePage: PageSpec = {
  name: 'lineage',
  title: 'Lineage',
  description: 'How tables flow from source files to the dashboard, and how each step did the last time it ran.',
  views: [
    {
      id: 'dag',
      title: 'Pipeline graph (latest run)',
      caption:
        "Each dot is a table or step, one column per layer from sources on the left to dashboards on the right; arrows point downstream. Fill is the step's last status (green succeeded, red failed, grey no step run). The checks guarding a table are folded into it: ✓ passed, ! warned, ✗ failed, ? declared but not run in the latest run; a ring shows the worst. Hover for rows, time and checks; drag to move, scroll to zoom.",
      tables: ['meta.lineage', 'meta.step_runs', 'meta.runs', 'meta.check_results'],
      query: () => sql`
        SELECT 'edge' AS kind_of_row, upstream, downstream, NULL AS step, NULL AS status, NULL AS rows_out, NULL AS duration_ms
        FROM meta.lineage WHERE run_id = ${latestRunOf('lineage')} AND coalesce(kind, 'feeds') <> 'guards'
        UNION ALL
        SELECT 'check', l.upstream, l.downstream, NULL, coalesce(c.result, 'not_run'), NULL, NULL
        FROM meta.lineage l LEFT JOIN (${checkResultsOfLatestRun}) c ON l.upstream = c.dataset || ':' || c.check_name
        WHERE l.run_id = ${latestRunOf('lineage')} AND l.kind = 'guards'
        UNION ALL
        SELECT 'step', NULL, NULL, step, status, rows_out, duration_ms FROM (${lastStepRuns}) s`,
      chart: lineageGraph,
    },
    {
      id: 'steps',
      title: 'Steps: last status, rows and time',
      caption: 'Every step with its most recent run: status, rows read and written, and how long it took. Failed steps first.',
      tables: ['meta.step_runs'],
      query: () => sql`
        SELECT step, layer, status, rows_in, rows_out, duration_ms, started_at, message FROM (${lastStepRuns}) s
        ORDER BY CASE WHEN status IN ('failed', 'error') THEN 0 ELSE 1 END, layer, step`,
      table: [
        { key: 'step', label: 'Step', format: 'text' },
        { key: 'layer', label: 'Layer', format: 'text' },
        { key: 'status', label: 'Status', format: 'text' },
        { key: 'rows_in', label: 'Rows in', format: 'integer' },
        { key: 'rows_out', label: 'Rows out', format: 'integer' },
        { key: 'duration_ms', label: 'Time', format: 'duration_ms' },
        { key: 'started_at', label: 'Started (UTC)', format: 'date' },
        { key: 'message', label: 'Message', format: 'text' },
      ],
      maxRows: 500,
    },
    {
      id: 'run-durations',
      title: 'Time per run by layer',
      caption: 'Total step time of each run, split by layer, oldest run first. Shows which layer a slow run spent its time in.',
      tables: ['meta.step_runs', 'meta.runs'],
      query: () => sql`
        SELECT s.run_id, coalesce(s.layer, 'other') AS layer, sum(s.duration_ms) / 1000.0 AS seconds, min(r.started_at) AS started_at
        FROM meta.step_runs s JOIN meta.runs r ON r.run_id = s.run_id
        GROUP BY s.run_id, coalesce(s.layer, 'other') ORDER BY started_at, s.run_id, layer`,
      chart: (rows) =>
        barChart(rows, {
          x: { key: 'run_id', label: 'Run', format: 'text' },
          y: { label: 'Step time', format: 'seconds' },
          seriesKey: 'layer',
          valueKey: 'seconds',
          stacked: true,
        }),
    },
  ],
};

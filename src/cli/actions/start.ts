// What `marquee start` does (src/cli/start.ts defines the command and imports this module only when
// it runs): generate the built-in data set if absent, run every layer, write the shareable report,
// print a short summary.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { loadConfig, type MarqueeConfig } from '../../config.js';
import { CONTRACTS } from '../../contracts/index.js';
import { generateDataset } from '../../generate/index.js';
import { openEngine } from '../../engine/open.js';
import { plainReporter, ttyReporter } from '../../pipeline/reporter.js';
import { withRunSession } from '../run-session.js';
import { runPipeline } from '../../pipeline/runner.js';
import { pipelineParts } from '../registry.js';
import type { RunSummary } from '../../pipeline/reporter.js';
import { writeReport } from '../../dashboard/report.js';
import { formatKpi } from '../../dashboard/format.js';
import { HEADLINE_KPIS, overallKpiValue } from '../../gold/headline.js';
import type { Engine } from '../../engine/engine.js';
import { sql } from '../../engine/sql.js';
import { dashboardReportPath, qualityReportPaths } from '../../warehouse/layout.js';
import { chosenConcurrency } from '../concurrency.js';

/**
 * Monthly exports of users (and the event files split by month) the built-in data set is generated
 * as, so churn and MRR by month have something to compare. Bronze loads them as batches in name order
 * (`<table>_*.csv`, the landing-folder rule).
 */
export const START_SNAPSHOTS = 3;

/** Every table has its file, `<table>.csv` or monthly `<table>_*.csv` exports. */
function datasetPresent(config: MarqueeConfig): boolean {
  if (!existsSync(config.input)) return false;
  const files = readdirSync(config.input);
  return CONTRACTS.every((c) => files.includes(c.file) || files.some((f) => f.startsWith(`${c.name}_`) && f.endsWith('.csv')));
}

async function printSummary(engine: Engine, summary: RunSummary, warehouse: string, reportPath: string): Promise<void> {
  const out: string[] = [''];
  // Rows each layer wrote this run, from the run log (steps that report an output row count).
  const perLayer = await engine.query<{ layer: string; steps: number; rows: number }>(sql`
    SELECT layer, count(*) AS steps, sum(rows_out) AS rows FROM meta.step_runs
    WHERE run_id = ${summary.runId} AND status = 'ok' AND rows_out IS NOT NULL GROUP BY layer`);
  out.push('Rows written per layer:');
  for (const layer of ['bronze', 'silver', 'gold', 'ml']) {
    const r = perLayer.find((x) => x.layer === layer);
    if (r)
      out.push(`  ${layer.padEnd(7)} ${String(r.steps).padStart(3)} steps  ${Number(r.rows).toLocaleString('en-US').padStart(12)} rows`);
  }
  const c = summary.checks;
  out.push(`Checks: ${c.passed} passed, ${c.warned} warned, ${c.dropped} dropped rows, ${c.failed} failed`);
  out.push('Headline KPIs:');
  // The Overview's headline KPIs, over all the data (src/gold/headline.ts).
  for (const decl of HEADLINE_KPIS) {
    const [row] = await engine.query<{ value: number | null }>(overallKpiValue(decl));
    out.push(`  ${decl.label.padEnd(22)} ${row?.value === null || row?.value === undefined ? '-' : formatKpi(decl, Number(row.value))}`);
  }
  out.push(`Report: ${reportPath}`);
  out.push(`Quality report: ${relative(process.cwd(), qualityReportPaths(warehouse).html)}`);
  out.push('Interactive dashboard: npx marquee serve   (then open http://127.0.0.1:8080)');
  process.stdout.write(out.join('\n') + '\n');
}

export async function start(flags: { input?: string; warehouse?: string; concurrency?: number }): Promise<void> {
  const config = loadConfig({ input: flags.input, warehouse: flags.warehouse });
  if (!datasetPresent(config)) {
    process.stdout.write(
      `No data set in ${relative(process.cwd(), config.input) || '.'}: generating scale ${config.scale}, seed ${config.seed}, signal ${config.signal}, users as ${START_SNAPSHOTS} monthly exports ...\n`,
    );
    const result = await generateDataset({
      out: config.input,
      scale: config.scale,
      seed: config.seed,
      signal: config.signal,
      force: true,
      snapshots: START_SNAPSHOTS,
    });
    process.stdout.write(`Generated ${result.totalRows.toLocaleString('en-US')} rows in ${result.seconds.toFixed(1)} s\n`);
  } else {
    process.stdout.write(`Using the data set in ${relative(process.cwd(), config.input) || '.'}\n`);
  }
  const reportPath = dashboardReportPath(config.warehouse);
  const summary: RunSummary = await withRunSession(config, async ({ engine, signal }) => {
    const reporter = process.stdout.isTTY ? ttyReporter() : plainReporter();
    const concurrency = flags.concurrency ?? chosenConcurrency(config, reporter);
    const result = await runPipeline({ engine, config, reporter, signal, concurrency, ...pipelineParts(config) });
    // On DuckDB the report file and the summary read the run's own connection once the run is over:
    // the same data as reopening the file read-only after the writer closes, without two more opens.
    if (result.status === 'ok' && config.engine === 'duckdb') {
      await writeReport({ warehouse: config.warehouse, out: reportPath, engine });
      await printSummary(engine, result, config.warehouse, relative(process.cwd(), reportPath));
    }
    return result;
  });
  if (summary.status === 'cancelled') {
    process.stderr.write(`marquee: run ${summary.runId} cancelled: ${summary.failures.at(-1)}\n`);
    process.exitCode = 130;
    return;
  }
  if (summary.status !== 'ok') {
    process.stderr.write(`marquee: run ${summary.runId} failed:\n${summary.failures.map((f) => `  ${f}\n`).join('')}`);
    process.exitCode = 1;
    return;
  }
  if (config.engine === 'duckdb') return;
  // Another engine: the report opens the local warehouse file read-only, which DuckDB refuses while a
  // writer holds it (the session closed it), and the summary asks the run's engine again.
  await writeReport({ warehouse: config.warehouse, out: reportPath });
  const reader = await openEngine(config);
  try {
    await printSummary(reader, summary, config.warehouse, relative(process.cwd(), reportPath));
  } finally {
    await reader.close();
  }
}

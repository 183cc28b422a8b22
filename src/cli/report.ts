// `marquee report`: the dashboard's pages as one self-contained HTML file (no server, no network).
// Only the command's definition lives here; the renderer (src/cli/actions/report.ts) is imported when
// the command runs.
import type { Command } from 'commander';
import { parseEngine } from './options.js';
import type { ReportFlags } from './actions/report.js';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('Write the dashboard as one self-contained HTML file (default <warehouse>/reports/dashboard.html).')
    .option('--warehouse <dir>', 'warehouse folder holding marquee.duckdb')
    .option('--out <file>', 'where to write the HTML file')
    .option(
      '--engine <name>',
      'duckdb (default) or spark: with spark, the gold, ml and meta tables are first copied into <warehouse>/spark-snapshot/marquee.duckdb',
      parseEngine,
    )
    .option('--spark-url <url>', 'Spark Connect URL (engine spark)')
    .action(async (options: ReportFlags) => (await import('./actions/report.js')).report(options));
}

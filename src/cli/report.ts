// `marquee report`: the dashboard's pages as one self-contained HTML file (no server, no network).
import { dashboardReportPath } from '../warehouse/layout.js';
import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { writeReport } from '../dashboard/report.js';
import { WarehouseUnavailableError } from '../dashboard/warehouse.js';
import { dashboardWarehouse } from '../dashboard/snapshot.js';
import type { EngineName } from '../engine/engine.js';
import { UserError } from '../errors.js';
import { parseEngine } from './run.js';

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
    .action(async (options: { warehouse?: string; out?: string; engine?: string; sparkUrl?: string }) => {
      const config = loadConfig({
        warehouse: options.warehouse,
        engine: options.engine as EngineName | undefined,
        sparkUrl: options.sparkUrl,
      });
      const out = resolve(options.out ?? dashboardReportPath(config.warehouse));
      try {
        const warehouse = await dashboardWarehouse(config, (line) => process.stdout.write(line + '\n'));
        const written = await writeReport({ warehouse, out });
        process.stdout.write(`Wrote ${written.out} (${(written.bytes / 1024 / 1024).toFixed(1)} MiB)\n`);
      } catch (error) {
        if (error instanceof WarehouseUnavailableError) throw new UserError(error.message);
        throw error;
      }
    });
}

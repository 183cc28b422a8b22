// `marquee report`: the dashboard's pages as one self-contained HTML file (no server, no network).
import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { writeReport } from '../dashboard/report.js';
import { WarehouseUnavailableError } from '../dashboard/warehouse.js';
import { UserError } from './errors.js';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('Write the dashboard as one self-contained HTML file (default <warehouse>/reports/dashboard.html).')
    .option('--warehouse <dir>', 'warehouse folder holding marquee.duckdb')
    .option('--out <file>', 'where to write the HTML file')
    .action(async (options: { warehouse?: string; out?: string }) => {
      const config = loadConfig({ warehouse: options.warehouse });
      const out = resolve(options.out ?? join(config.warehouse, 'reports', 'dashboard.html'));
      try {
        const written = await writeReport({ warehouse: config.warehouse, out });
        process.stdout.write(`Wrote ${written.out} (${(written.bytes / 1024 / 1024).toFixed(1)} MiB)\n`);
      } catch (error) {
        if (error instanceof WarehouseUnavailableError) throw new UserError(error.message);
        throw error;
      }
    });
}

// What `marquee report` does (src/cli/report.ts defines the command and imports this module only
// when it runs): render the dashboard's pages into one self-contained HTML file.
import { resolve } from 'node:path';
import { loadConfig, type EngineName } from '../../config.js';
import { writeReport } from '../../dashboard/report.js';
import { WarehouseUnavailableError } from '../../dashboard/warehouse.js';
import { dashboardWarehouse } from '../../dashboard/snapshot.js';
import { UserError } from '../../errors.js';
import { dashboardReportPath } from '../../warehouse/layout.js';

export interface ReportFlags {
  warehouse?: string;
  out?: string;
  engine?: string;
  sparkUrl?: string;
}

export async function report(options: ReportFlags): Promise<void> {
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
}

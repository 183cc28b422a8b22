// Where things live inside a warehouse folder. The one place that spells these names: the engine
// opens the database file, the pipeline and report steps write under reports/, the dashboard reads
// the same paths (or a Spark warehouse's local snapshot).
//
//   <warehouse>/marquee.duckdb                    the embedded engine's database (schemas bronze ... meta)
//   <warehouse>/reports/quality.{html,json}       the quality report of the last run
//   <warehouse>/reports/lineage.json              the step graph of the last run
//   <warehouse>/reports/model_cards/<model>.json  one card per trained model
//   <warehouse>/reports/dashboard.html            the static dashboard (marquee start / report)
//   <warehouse>/spark-snapshot/marquee.duckdb     a Spark warehouse's gold/ml/meta copied for the dashboard
import { join } from 'node:path';

/** The embedded engine's database file name inside a warehouse folder. */
export const WAREHOUSE_DB_FILE = 'marquee.duckdb';

/** The database file of a warehouse folder. */
export function warehouseDbPath(warehouse: string): string {
  return join(warehouse, WAREHOUSE_DB_FILE);
}

/** The folder of the reports a run writes (quality, lineage, model cards, the static dashboard). */
export function reportsDir(warehouse: string): string {
  return join(warehouse, 'reports');
}

export function qualityReportPaths(warehouse: string): { json: string; html: string } {
  return { json: join(reportsDir(warehouse), 'quality.json'), html: join(reportsDir(warehouse), 'quality.html') };
}

export function lineagePath(warehouse: string): string {
  return join(reportsDir(warehouse), 'lineage.json');
}

export function modelCardsDir(warehouse: string): string {
  return join(reportsDir(warehouse), 'model_cards');
}

export function dashboardReportPath(warehouse: string): string {
  return join(reportsDir(warehouse), 'dashboard.html');
}

/** The folder of a Spark warehouse's local DuckDB snapshot (it holds its own WAREHOUSE_DB_FILE). */
export function sparkSnapshotDir(warehouse: string): string {
  return join(warehouse, 'spark-snapshot');
}

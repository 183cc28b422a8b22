// Writes reports/quality.json and reports/quality.html into the warehouse folder for one run.
import { qualityReportPaths, reportsDir } from '../../warehouse/layout.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Engine } from '../../engine/engine.js';
import { readOnlyWithCatalogCache } from '../../engine/catalog.js';
import type { MarqueeConfig } from '../../config.js';
import { loadQualityReport, type QualityReport, type ReportSection } from './model.js';
import { renderQualityHtml } from './html.js';
import type { CheckDefinition } from '../check.js';
import type { Pseudonymiser } from './failing-rows.js';

export type { QualityReport, ReportSection, TableReport } from './model.js';
export { renderQualityHtml } from './html.js';
export { loadQualityReport } from './model.js';

export interface ReportPaths {
  json: string;
  html: string;
}

export interface WriteReportOptions {
  /** Layer whose profiles and checks make the table cards (default bronze), unless allLayers. */
  layer?: string;
  /** Every layer, each from the newest run that recorded it: the report of the whole run. */
  allLayers?: boolean;
  /** Check definitions by dataset|name (expectation in words, threshold). */
  catalog?: ReadonlyMap<string, CheckDefinition>;
  /** Extra sections (e.g. the gold scorecard), shown above the table cards. */
  sections?: ReportSection[];
  /** Layers the run's selection picked, so the report can say which did not run. */
  layersInRun?: readonly string[];
  /** Personal values in failing rows as silver pseudonymises them (default: masked). */
  pseudonymise?: Pseudonymiser;
}

export async function writeQualityReport(
  engine: Engine,
  config: MarqueeConfig,
  runId: string,
  options: WriteReportOptions = {},
): Promise<ReportPaths & { report: QualityReport }> {
  // Reading the report asks each table's columns many times over; the view asks the engine once each.
  const report = await loadQualityReport(readOnlyWithCatalogCache(engine), runId, {
    layer: options.allLayers ? undefined : (options.layer ?? 'bronze'),
    asOfDate: config.asOfDate,
    catalog: options.catalog,
    layersInRun: options.layersInRun,
    pseudonymise: options.pseudonymise,
  });
  report.sections.push(...(options.sections ?? []));
  await mkdir(reportsDir(config.warehouse), { recursive: true });
  const paths = qualityReportPaths(config.warehouse);
  await writeFile(paths.json, JSON.stringify(report, null, 2) + '\n');
  await writeFile(paths.html, renderQualityHtml(report));
  return { ...paths, report };
}

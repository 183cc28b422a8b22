// `marquee report`: every page computed for the default filters (none: all data), embedded as JSON in
// one self-contained HTML file with ECharts and the client inlined. The same client draws it as the
// server's pages, so the numbers match; the file needs no server and no network.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { clientScript, echartsScript } from './client-bundle.js';
import { computePage, warehouseFacts } from './compute.js';
import { filterOptions } from './filters.js';
import { renderShell } from './html.js';
import { PAGES } from './pages/index.js';
import type { Engine } from '../engine/engine.js';
import { mapOnTwoConnections } from '../engine/two-connections.js';
import type { PageResult, PageSpec } from './views.js';
import { withWarehouse } from './warehouse.js';

export interface ReportOptions {
  warehouse: string;
  pages?: readonly PageSpec[];
  /** Shown in the report; defaults to now (the only wall-clock value in it). */
  generatedAt?: string;
  /**
   * An open connection to the warehouse to read instead of opening the file read-only (`marquee
   * start` passes the run's own, before closing it: the same data, without a second open).
   */
  engine?: Engine;
}

export async function buildReport(options: ReportOptions): Promise<string> {
  // Drill-down pages are computed with no subject (they say how to pick one); drilling needs the server.
  const pages = options.pages ?? PAGES;
  const data: Record<string, PageResult> = {};
  const computeAll = async (engine: Engine) => {
    const facts = await warehouseFacts(engine);
    // Two pages at a time where the engine opens a second connection: a page is many small queries
    // that leave a core idle. The pages keep their order in the file.
    const results = await mapOnTwoConnections(engine, pages, (connection, page) => computePage(connection, page, {}, facts));
    pages.forEach((page, i) => (data[page.name] = results[i]));
  };
  await (options.engine ? computeAll(options.engine) : withWarehouse(options.warehouse, computeAll));
  const f = filterOptions();
  return renderShell({
    title: 'Report',
    boot: {
      mode: 'report',
      pages: pages.map((p) => ({ name: p.name, title: p.title, ...(p.drillDown ? { drillDown: true } : {}) })),
      filterOptions: { country: [...f.country], plan: [...f.plan], device: [...f.device], segment: [...f.segment], dateRange: f.dateRange },
      generatedAt: options.generatedAt ?? new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    },
    data,
    scripts: { kind: 'inline', sources: [await echartsScript(), await clientScript()] },
  });
}

export async function writeReport(options: ReportOptions & { out: string }): Promise<{ out: string; bytes: number }> {
  const html = await buildReport(options);
  await mkdir(dirname(options.out), { recursive: true });
  await writeFile(options.out, html, 'utf8');
  return { out: options.out, bytes: Buffer.byteLength(html) };
}

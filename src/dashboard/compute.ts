// Compute a page: run each view's query with the validated filters and turn rows into a chart,
// table or KPI cards. A view whose tables do not exist yet becomes an explicit "not available yet"
// panel, so pages can be built before the pipeline's later layers exist; one failing view never
// takes the page down.
import type { Engine, Row } from '../engine/engine.js';
import { appliedFilterNames, type Filters } from './filters.js';
import { buildKpiCards } from './kpi-card.js';
import type { PageResult, PageSpec, ViewResult, ViewSpec } from './views.js';

const DEFAULT_MAX_ROWS = 200;

/** Every schema.table in the warehouse, lower-cased. */
export async function existingTables(engine: Engine): Promise<Set<string>> {
  const rows = await engine.listTables();
  return new Set(rows.map((r) => `${r.table_schema}.${r.table_name}`.toLowerCase()));
}

/** Which pipeline layer writes a table, for the "run the pipeline through <layer>" hint. */
export function layerOf(table: string): string {
  const schema = table.split('.')[0];
  return schema === 'meta' ? 'any layer (meta tables are written by every run)' : schema;
}

export function missingMessage(missing: readonly string[]): string {
  const layers = [...new Set(missing.map(layerOf))];
  return `Not available yet: run the pipeline through ${layers.join(' and ')} (missing ${missing.join(', ')}).`;
}

async function computeView(engine: Engine, view: ViewSpec, filters: Filters, tables: Set<string>): Promise<ViewResult> {
  const base: ViewResult = {
    id: view.id,
    title: view.title,
    caption: view.caption,
    status: 'ok',
    filters: appliedFilterNames(view.filterColumns),
  };
  const missing = view.tables.filter((t) => !tables.has(t.toLowerCase()));
  if (missing.length > 0) return { ...base, status: 'missing', message: missingMessage(missing) };
  let rows: Row[];
  try {
    rows = await engine.query(view.query(filters));
  } catch (error) {
    return { ...base, status: 'error', message: `Query failed: ${(error as Error).message.split('\n')[0]}` };
  }
  if (rows.length === 0) {
    return { ...base, status: 'empty', message: 'No rows for these filters (or the pipeline has not recorded any yet).' };
  }
  const result: ViewResult = { ...base };
  try {
    if (view.chart) result.chart = view.chart(rows);
    if (view.kpis) result.cards = buildKpiCards(view.kpis, rows, view.kpiNote);
    if (view.findings) result.findings = view.findings(rows);
  } catch (error) {
    return { ...base, status: 'error', message: `Could not draw the view: ${(error as Error).message}` };
  }
  if (view.table) {
    const limit = view.maxRows ?? DEFAULT_MAX_ROWS;
    result.table = { columns: view.table, rows: rows.slice(0, limit), totalRows: rows.length };
  }
  return result;
}

/** Compute every view of a page. Views run one after another: DuckDB uses both cores per query. */
export async function computePage(engine: Engine, page: PageSpec, filters: Filters): Promise<PageResult> {
  const tables = await existingTables(engine);
  const views: ViewResult[] = [];
  for (const view of page.views) views.push(await computeView(engine, view, filters, tables));
  return { name: page.name, title: page.title, description: page.description, filters, views };
}

// Compute a page: run each view's query with the validated filters and turn rows into a chart,
// table or KPI cards. A view whose tables do not exist yet becomes an explicit "not available yet"
// panel, so pages can be built before the pipeline's later layers exist; one failing view never
// takes the page down.
import { publicMessage } from './public-message.js';
import { KPI_ANOMALIES, TITLE_FORECASTS } from '../ml/forecast/tables.js';
import { QUERY_SUGGESTIONS } from '../ml/intent/tables.js';
import type { Engine, Row } from '../engine/engine.js';
import { sql } from '../engine/sql.js';
import { chartDrillTargets } from './drill.js';
import { appliedFilterNames, SEGMENT_MEMBERS_TABLE, type FilterName, type Filters } from './filters.js';
import { buildKpiCards } from './kpi-card.js';
import type { AsOf, PageResult, PageSpec, ViewResult, ViewSpec } from './views.js';

// Tables are sorted and paged in the browser, so every row is sent up to this safety limit.
const DEFAULT_MAX_ROWS = 10_000;

/** Every schema.table in the warehouse, lower-cased. */
export async function existingTables(engine: Engine): Promise<Set<string>> {
  const rows = await engine.listTables();
  return new Set(rows.map((r) => `${r.table_schema}.${r.table_name}`.toLowerCase()));
}

/**
 * Gold tables the ML steps write (their outputs for pages), named by the steps' own table specs; a
 * warehouse run through gold lacks them, so the hint must say "ml", not "gold".
 */
const WRITTEN_BY_ML = new Set<string>([TITLE_FORECASTS.name, KPI_ANOMALIES.name, QUERY_SUGGESTIONS.name, 'gold.search_intent_mix']);

/** Which pipeline layer writes a table, for the "run the pipeline through <layer>" hint. */
export function layerOf(table: string): string {
  if (WRITTEN_BY_ML.has(table.toLowerCase())) return 'ml';
  const schema = table.split('.')[0];
  return schema === 'meta' ? 'any layer (meta tables are written by every run)' : schema;
}

export function missingMessage(missing: readonly string[]): string {
  const layers = [...new Set(missing.map(layerOf))];
  return `Not available yet: run the pipeline through ${layers.join(' and ')} (missing ${missing.join(', ')}).`;
}

/** Why a view has no rows: only mention filters when some that the view honours are set. */
export function emptyMessage(honoured: readonly FilterName[], filters: Filters): string {
  const active = honoured.filter((name) => filters[name] !== undefined);
  return active.length > 0
    ? `No rows for these filters (${[...new Set(active.map((n) => (n === 'from' || n === 'to' ? 'date' : n)))].join(', ')}).`
    : 'No rows: the pipeline has not recorded any yet.';
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
  let why: string | undefined;
  try {
    if (view.load) rows = await view.load(engine, filters, tables);
    else if (view.query) rows = await engine.query(view.query(filters));
    else throw new Error(`view '${view.id}' has neither a query nor a load function`);
    if (rows.length === 0 && view.emptyReason) why = await view.emptyReason(engine, filters, tables);
  } catch (error) {
    return { ...base, status: 'error', message: `Query failed: ${publicMessage((error as Error).message)}` };
  }
  const reason = view.unavailable?.(rows);
  if (reason !== undefined) return { ...base, status: 'empty', message: reason };
  if (rows.length === 0)
    return { ...base, status: 'empty', message: why ?? view.emptyMessage?.(filters) ?? emptyMessage(base.filters, filters) };
  const result: ViewResult = { ...base, ...(view.drill ? { drill: view.drill } : {}) };
  try {
    const note = view.note?.(rows);
    if (note) result.note = note;
    if (view.chart) result.chart = view.chart(rows);
    if (view.chart && view.drill?.chartKey) result.chartLinks = chartDrillTargets(view.drill, rows);
    if (view.kpis) result.cards = buildKpiCards(view.kpis, rows, view.kpiNote);
    if (view.findings) result.findings = view.findings(rows);
  } catch (error) {
    return { ...base, status: 'error', message: `Could not draw the view: ${publicMessage((error as Error).message)}` };
  }
  if (view.table) {
    const limit = view.maxRows ?? DEFAULT_MAX_ROWS;
    result.table = { columns: view.table, rows: rows.slice(0, limit), totalRows: rows.length };
  }
  return result;
}

/**
 * What every page of one warehouse state shares: its tables, the as-of facts and the filter values.
 * The report computes them once for all its pages (they were a third of its queries); the server, which
 * computes one page per request, leaves them to computePage.
 */
export interface WarehouseFacts {
  tables: Set<string>;
  asOf: AsOf;
  filterValues: Pick<PageResult, 'filterValues'>;
}

export async function warehouseFacts(engine: Engine): Promise<WarehouseFacts> {
  const tables = await existingTables(engine);
  return { tables, asOf: await asOfFacts(engine, tables), filterValues: await filterValues(engine, tables) };
}

/** Compute every view of a page. Views run one after another: DuckDB uses both cores per query. */
export async function computePage(engine: Engine, page: PageSpec, filters: Filters, known?: WarehouseFacts): Promise<PageResult> {
  const facts = known ?? (await warehouseFacts(engine));
  const tables = facts.tables;
  const views: ViewResult[] = [];
  for (const view of page.views) views.push(await computeView(engine, view, filters, tables));
  return {
    name: page.name,
    ...(page.drillDown ? { drillDown: true, backTo: page.backTo } : {}),
    title: await pageHeading(engine, page, filters, tables),
    description: page.description,
    filters,
    views,
    asOf: facts.asOf,
    ...facts.filterValues,
  };
}

/** The page's computed heading (e.g. the title's name), else its fixed title. */
async function pageHeading(engine: Engine, page: PageSpec, filters: Filters, tables: Set<string>): Promise<string> {
  const heading = page.heading;
  if (!heading || heading.tables.some((t) => !tables.has(t.toLowerCase()))) return page.title;
  const query = heading.query(filters);
  if (!query) return page.title;
  const [row] = await engine.query(query);
  return row?.heading === null || row?.heading === undefined || String(row.heading).trim() === '' ? page.title : String(row.heading);
}

const text = (value: unknown) => (value === null || value === undefined ? undefined : String(value));

/** The as-of date of the latest run, the last day with activity, and the latest run: shown on every page. */
export async function asOfFacts(engine: Engine, tables: Set<string>): Promise<AsOf> {
  const facts: AsOf = {};
  if (tables.has('meta.runs')) {
    const [run] = await engine.query(sql`
      SELECT run_id, CAST(as_of_date AS VARCHAR) AS as_of_date, strftime(coalesce(finished_at, started_at), '%Y-%m-%d %H:%M') AS finished
      FROM meta.runs ORDER BY started_at DESC LIMIT 1`);
    if (run) Object.assign(facts, { lastRunId: text(run.run_id), asOfDate: text(run.as_of_date), lastRunFinished: text(run.finished) });
  }
  if (tables.has('gold.kpi_daily_by_segment')) {
    const [day] = await engine.query(sql`SELECT CAST(max(day) AS VARCHAR) AS last_day FROM gold.kpi_daily_by_segment`);
    if (day?.last_day) facts.dataThrough = text(day.last_day);
  }
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)) as AsOf;
}

/** The country, plan, device and segment values that have rows in the segment table (the filter bar offers only these). */
async function filterValues(engine: Engine, tables: Set<string>): Promise<Pick<PageResult, 'filterValues'>> {
  const values: Record<string, string[]> = {};
  if (tables.has('gold.kpi_daily_by_segment')) {
    const rows = await engine.query(sql`
      SELECT 'country' AS filter, country AS value FROM gold.kpi_daily_by_segment WHERE sessions > 0 OR impressions > 0 OR searches > 0 OR reviews > 0 GROUP BY country
      UNION ALL SELECT 'plan', subscription_plan FROM gold.kpi_daily_by_segment WHERE sessions > 0 OR impressions > 0 OR searches > 0 OR reviews > 0 GROUP BY subscription_plan
      UNION ALL SELECT 'device', device FROM gold.kpi_daily_by_segment WHERE sessions > 0 OR impressions > 0 OR searches > 0 OR reviews > 0 GROUP BY device
      ORDER BY 1, 2`);
    Object.assign(values, { country: [], plan: [], device: [] });
    for (const row of rows) if (row.value !== null) values[String(row.filter)].push(String(row.value));
  }
  // Segments exist once the ML segmentation step has written each account's RFM segment.
  if (tables.has(SEGMENT_MEMBERS_TABLE)) {
    const segments = await engine.query(
      sql`SELECT DISTINCT rfm_segment AS value FROM gold.user_segments WHERE rfm_segment IS NOT NULL ORDER BY 1`,
    );
    values.segment = segments.map((r) => String(r.value));
  }
  return Object.keys(values).length > 0 ? { filterValues: values } : {};
}

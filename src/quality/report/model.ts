// The quality report as data (written as quality.json and rendered to HTML): read back from the
// meta tables of one run, so the report shows exactly what was recorded.
import type { Engine } from '../../engine/engine.js';
import { ident, sql } from '../../engine/sql.js';
import type { ColumnProfile } from '../profile.js';
import { checkAlerts, columnAlerts, quarantineAlert, type Alert, type CheckSummary } from './alerts.js';
import { checkStatus, type CheckDefinition } from '../check.js';
import { expectationOf } from './expectation.js';
import { maskSample } from './pseudonymise.js';
import { layerRuns, type LayerRun } from './layers.js';
import type { MissingMatrix } from './missing-matrix.js';
import type { CorrelationMatrix } from './correlations.js';
import type { Pseudonymiser } from './failing-rows.js';
import { addFailingRows, addTableExtras } from './table-extras.js';
import { profileFromRow, quarantineOf, type TableQuarantine } from './meta-rows.js';
import { SOURCE_TABLES } from '../../contracts/index.js';

export { QUARANTINE_SAMPLE_SIZE, type QuarantineSample, type TableQuarantine } from './meta-rows.js';

/** Runs shown in each check's trend. */
export const TREND_RUNS = 10;

/** The layers the report covers, in pipeline order. */
export const REPORT_LAYERS = ['bronze', 'silver', 'gold', 'ml'] as const;

/** The whole run at a glance, in the manner of a profiling tool's overview. */
export interface ReportOverview {
  tables: number;
  rows: number;
  variables: number;
  variablesByType: Record<string, number>;
  missingCells: number;
  cells: number;
  missingShare: number | null;
  /** Extra copies of identical rows (bronze exact_duplicate_rows checks) and their share of bronze rows. */
  duplicateRows: number;
  duplicateShare: number | null;
  checks: { pass: number; warn: number; fail: number };
  /** The run whose records each layer shows (a partial run leaves earlier layers to their last run). */
  runsByLayer: Record<string, string>;
}

export interface IngestionSummaryRow {
  batchId: string | null;
  sourceFile: string;
  sha256: string;
  bytes: number;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  status: string;
  durationMs: number;
  message: string | null;
}

export interface TableReport {
  dataset: string;
  layer: string;
  rowCount: number;
  ingestions: IngestionSummaryRow[];
  quarantine: TableQuarantine;
  columns: ColumnProfile[];
  checks: CheckSummary[];
  alerts: Alert[];
  /** Which columns are blank together (profiled tables with blanks). */
  missing?: MissingMatrix | null;
  /** Pearson correlations of the numeric columns (profiled tables with two or more). */
  correlations?: CorrelationMatrix | null;
}

/** A later layer's addition to the report (e.g. the gold scorecard): data for the JSON, HTML for the page. */
export interface ReportSection {
  id: string;
  title: string;
  data: unknown;
  /** Already-escaped HTML fragment. */
  html: string;
}

export interface QualityReport {
  title: string;
  runId: string;
  generatedAt: string;
  asOfDate: string;
  overview?: ReportOverview;
  /** Every layer: ran in this run, still to run, or did not run (and whose records are shown). */
  layers?: LayerRun[];
  /** Every check of every layer, worst first (fail, warn, pass; then most failed records). */
  checks?: CheckSummary[];
  tables: TableReport[];
  sections: ReportSection[];
  /** Files in the landing folder that matched no source table in this run (not loaded). */
  unrecognisedFiles?: string[];
}

type Row = Record<string, unknown>;
const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** The newest run (by meta.runs.started_at) that wrote rows of `layer` to a meta table, or null. */
async function latestRunOfLayer(engine: Engine, table: 'column_profiles' | 'check_results', layer: string): Promise<string | null> {
  const rows = await engine.query(sql`SELECT t.run_id FROM ${ident('meta', table)} t LEFT JOIN meta.runs r ON r.run_id = t.run_id
    WHERE t.layer = ${layer} GROUP BY t.run_id ORDER BY max(r.started_at) DESC NULLS LAST, t.run_id DESC LIMIT 1`);
  return rows.length ? String(rows[0].run_id) : null;
}

const STATUS_RANK = { fail: 0, warn: 1, pass: 2 } as const;

/** Worst first: fail, warn, pass; then the larger failed share, then the name. */
export function worstFirst(a: CheckSummary, b: CheckSummary): number {
  return (
    STATUS_RANK[a.status ?? 'pass'] - STATUS_RANK[b.status ?? 'pass'] ||
    (b.failedShare ?? 0) - (a.failedShare ?? 0) ||
    b.failedRecords - a.failedRecords ||
    `${a.dataset}.${a.check}`.localeCompare(`${b.dataset}.${b.check}`)
  );
}

export interface LoadReportOptions {
  /** One layer only; default every layer (the report of the whole run). */
  layer?: string;
  asOfDate: string;
  title?: string;
  /** Check definitions by dataset|name, for the expectation in words and the threshold. */
  catalog?: ReadonlyMap<string, CheckDefinition>;
  /** Layers the run's selection picked (the runner's plan); default: those that recorded steps. */
  layersInRun?: readonly string[];
  /** Personal values in failing rows as silver pseudonymises them; default: masked. */
  pseudonymise?: Pseudonymiser;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Profiles in the order a reader expects, the same on every engine (Spark returns rows in no fixed
 * order): tables of the six sources in contract order, then other tables by name; columns in the
 * table's own column order, and by name for columns the table no longer has.
 */
async function inRecordedOrder(engine: Engine, profiles: readonly ColumnProfile[]): Promise<ColumnProfile[]> {
  const sourceRank = (dataset: string) => {
    const i = (SOURCE_TABLES as readonly string[]).indexOf(dataset.slice(dataset.indexOf('.') + 1));
    return i < 0 ? SOURCE_TABLES.length : i;
  };
  const columnRank = new Map<string, Map<string, number>>();
  for (const dataset of new Set(profiles.map((p) => p.dataset))) {
    const columns = await engine.listColumns(dataset).catch(() => []);
    columnRank.set(dataset, new Map(columns.map((c, i) => [c.column_name, i])));
  }
  const rankOf = (p: ColumnProfile) => columnRank.get(p.dataset)?.get(p.column) ?? Number.MAX_SAFE_INTEGER;
  return [...profiles].sort(
    (a, b) =>
      sourceRank(a.dataset) - sourceRank(b.dataset) || byName(a.dataset, b.dataset) || rankOf(a) - rankOf(b) || byName(a.column, b.column),
  );
}

/**
 * Build the report from meta.column_profiles, meta.check_results and meta.ingestions: for each layer,
 * the newest run that recorded it (runId for bronze ingestions).
 */
export async function loadQualityReport(engine: Engine, runId: string, options: LoadReportOptions): Promise<QualityReport> {
  const layers = options.layer ? [options.layer] : [...REPORT_LAYERS];
  const catalog = options.catalog ?? new Map<string, CheckDefinition>();
  const runsByLayer: Record<string, string> = {};
  const profiles: ColumnProfile[] = [];
  const checks: Row[] = [];
  const profileLayer = new Map<string, string>();
  for (const layer of layers) {
    const profileRun = options.layer ? runId : await latestRunOfLayer(engine, 'column_profiles', layer);
    const checkRun = options.layer ? runId : await latestRunOfLayer(engine, 'check_results', layer);
    if (checkRun) runsByLayer[layer] = checkRun;
    if (profileRun) {
      const rows = (await engine.query(sql`SELECT * FROM meta.column_profiles WHERE run_id = ${profileRun} AND layer = ${layer}`)).map(
        profileFromRow,
      );
      for (const p of await inRecordedOrder(engine, rows)) {
        profiles.push(p);
        profileLayer.set(p.dataset, layer);
      }
    }
    if (checkRun)
      checks.push(
        ...(await engine.query(
          sql`SELECT * FROM meta.check_results WHERE run_id = ${checkRun} AND layer = ${layer} ORDER BY dataset, check_name`,
        )),
      );
  }
  const ingestionRun = runsByLayer.bronze ?? runId;
  const ingestions = await engine.query(sql`SELECT * FROM meta.ingestions WHERE run_id = ${ingestionRun} ORDER BY batch_id, dataset`);
  const history =
    await engine.query(sql`SELECT c.run_id, c.layer, c.dataset, c.check_name, c.failed_records, c.passed, max(r.started_at) AS started_at
    FROM meta.check_results c LEFT JOIN meta.runs r ON r.run_id = c.run_id
    GROUP BY c.run_id, c.layer, c.dataset, c.check_name, c.failed_records, c.passed ORDER BY started_at, c.run_id`);
  const trendOf = (layer: string, dataset: string, check: string) =>
    history
      .filter((h) => h.layer === layer && h.dataset === dataset && h.check_name === check)
      .slice(-TREND_RUNS)
      .map((h) => ({ runId: String(h.run_id), failedRecords: n(h.failed_records), passed: h.passed === true }));

  const summaries: CheckSummary[] = checks.map((c) => {
    const layer = String(c.layer);
    const dataset = String(c.dataset);
    const column = (c.column_name as string | null) ?? null;
    const passedRecords = n(c.passed_records);
    const failedRecords = n(c.failed_records);
    const rawSample = c.sample ? (JSON.parse(String(c.sample)) as string[]) : [];
    return {
      layer,
      dataset,
      check: String(c.check_name),
      kind: String(c.kind),
      column,
      action: String(c.action),
      reasonCode: (c.reason_code as string | null) ?? null,
      passedRecords,
      failedRecords,
      passed: c.passed === true,
      sample: maskSample(column, rawSample),
      status: checkStatus(c.passed === true, String(c.action)),
      ...expectationOf(catalog, dataset, String(c.check_name), String(c.kind), column),
      failedShare: passedRecords + failedRecords > 0 ? failedRecords / (passedRecords + failedRecords) : null,
      trend: trendOf(layer, dataset, String(c.check_name)),
    };
  });
  summaries.sort(worstFirst);

  const datasets = [...new Set([...profiles.map((p) => p.dataset), ...summaries.map((c) => c.dataset!)])];
  const tables: TableReport[] = [];
  for (const dataset of datasets) {
    const columns = profiles.filter((p) => p.dataset === dataset);
    const tableChecks = summaries.filter((c) => c.dataset === dataset);
    const layer = profileLayer.get(dataset) ?? tableChecks[0]?.layer ?? dataset.split('.')[0];
    const quarantine = await quarantineOf(engine, dataset, layer);
    tables.push({
      dataset,
      layer,
      rowCount: columns[0]?.rowCount ?? 0,
      ingestions: ingestions
        .filter((i) => i.dataset === dataset)
        .map((i) => ({
          batchId: (i.batch_id as string | null) ?? null,
          sourceFile: String(i.source_file),
          sha256: String(i.sha256),
          bytes: n(i.bytes),
          rowsRead: n(i.rows_read),
          rowsLoaded: n(i.rows_loaded),
          rowsQuarantined: n(i.rows_quarantined),
          status: String(i.status),
          durationMs: n(i.duration_ms),
          message: (i.message as string | null) ?? null,
        })),
      quarantine,
      columns,
      checks: tableChecks,
      alerts: [...quarantineAlert(quarantine.byReason), ...checkAlerts(tableChecks), ...columns.flatMap(columnAlerts)],
    });
  }
  const layerOrder = (l: string) => {
    const i = (REPORT_LAYERS as readonly string[]).indexOf(l);
    return i < 0 ? 99 : i;
  };
  // By layer; within a layer in the order recorded (contract order for profiled tables). sort is stable.
  tables.sort((a, b) => layerOrder(a.layer) - layerOrder(b.layer));
  await addFailingRows(engine, summaries, catalog, options.pseudonymise);
  await addTableExtras(engine, tables);
  const layerStatus = await layerRuns(engine, runId, REPORT_LAYERS, options.layersInRun, runsByLayer);
  return {
    title: options.title ?? reportTitle(runId, layerStatus, options.layer),
    layers: layerStatus,
    runId,
    generatedAt: new Date().toISOString(),
    asOfDate: options.asOfDate,
    overview: overviewOf(tables, summaries, runsByLayer),
    checks: summaries,
    tables,
    sections: [],
    unrecognisedFiles: ingestions.filter((i) => i.status === 'unrecognised').map((i) => String(i.source_file)),
  };
}

/** What the report is of, in its title: the layers that ran, and those that did not or are still to run. */
function reportTitle(runId: string, layers: readonly LayerRun[], onlyLayer: string | undefined): string {
  const named = (status: LayerRun['status']) => layers.filter((l) => l.status === status).map((l) => l.layer);
  const notRun = named('did not run');
  const pending = named('still to run');
  const tail = `${notRun.length ? `; did not run: ${notRun.join(', ')}` : ''}${pending.length ? `; still to run: ${pending.join(', ')}` : ''}`;
  if (onlyLayer) return `Marquee data quality — run ${runId}: ${onlyLayer}${tail}`;
  const shown = layers.filter((l) => l.shownFromRun).map((l) => l.layer);
  return `Marquee data quality — the whole run (${shown.join(', ') || 'no checks yet'})${tail}`;
}

function overviewOf(tables: readonly TableReport[], checks: readonly CheckSummary[], runsByLayer: Record<string, string>): ReportOverview {
  const profiled = tables.filter((t) => t.columns.length > 0);
  const variablesByType: Record<string, number> = {};
  let missingCells = 0;
  let cells = 0;
  for (const t of profiled) {
    for (const c of t.columns) {
      variablesByType[c.kind] = (variablesByType[c.kind] ?? 0) + 1;
      missingCells += c.blankCount;
      cells += c.rowCount;
    }
  }
  const duplicateChecks = checks.filter((c) => c.layer === 'bronze' && c.check === 'exact_duplicate_rows');
  const duplicateRows = duplicateChecks.reduce((s, c) => s + c.failedRecords, 0);
  const bronzeRows = duplicateChecks.reduce((s, c) => s + c.passedRecords + c.failedRecords, 0);
  return {
    tables: profiled.length,
    rows: profiled.reduce((s, t) => s + t.rowCount, 0),
    variables: profiled.reduce((s, t) => s + t.columns.length, 0),
    variablesByType,
    missingCells,
    cells,
    missingShare: cells > 0 ? missingCells / cells : null,
    duplicateRows,
    duplicateShare: bronzeRows > 0 ? duplicateRows / bronzeRows : null,
    checks: {
      pass: checks.filter((c) => c.status === 'pass').length,
      warn: checks.filter((c) => c.status === 'warn').length,
      fail: checks.filter((c) => c.status === 'fail').length,
    },
    runsByLayer,
  };
}

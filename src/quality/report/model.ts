// The quality report as data (written as quality.json and rendered to HTML): read back from the
// meta tables of one run, so the report shows exactly what was recorded.
import type { Engine } from '../../engine/engine.js';
import { ident, raw, sql } from '../../engine/sql.js';
import type { ColumnProfile, Histogram, ProfileKind } from '../profile.js';
import { checkAlerts, columnAlerts, quarantineAlert, type Alert, type CheckSummary } from './alerts.js';
import { tableExists } from '../../engine/catalog.js';
import { isPiiColumn, maskRawLine } from '../../contracts/pii.js';
import { fileHeader } from './file-header.js';

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

export interface QuarantineSample {
  sourceFile: string | null;
  lineNumber: number | null;
  reasonCode: string;
  reason: string;
  rawLine: string | null;
}

/** Quarantined lines shown per table in the report. */
export const QUARANTINE_SAMPLE_SIZE = 20;

export interface TableReport {
  dataset: string;
  layer: string;
  rowCount: number;
  ingestions: IngestionSummaryRow[];
  quarantine: { total: number; byReason: Array<{ code: string; count: number }>; sample: QuarantineSample[] };
  columns: ColumnProfile[];
  checks: CheckSummary[];
  alerts: Alert[];
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
  tables: TableReport[];
  sections: ReportSection[];
  /** Files in the landing folder that matched no source table in this run (not loaded). */
  unrecognisedFiles?: string[];
}

type Row = Record<string, unknown>;
const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function kindOfType(type: string): ProfileKind {
  const t = type.toUpperCase();
  if (['BIGINT', 'DOUBLE', 'INTEGER', 'DECIMAL', 'FLOAT', 'HUGEINT'].some((k) => t.startsWith(k))) return 'numeric';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  return 'string';
}

function profileFromRow(r: Row): ColumnProfile {
  return {
    dataset: String(r.dataset), column: String(r.column_name), type: String(r.column_type), kind: kindOfType(String(r.column_type)),
    rowCount: n(r.row_count), blankCount: n(r.blank_count), blankPct: n(r.blank_pct),
    expectedBlankPct: numOrNull(r.expected_blank_pct), structuralBlankCount: numOrNull(r.structural_blank_count),
    distinctCount: n(r.distinct_count), min: (r.min_value as string | null) ?? null, max: (r.max_value as string | null) ?? null,
    mean: numOrNull(r.mean), stddev: numOrNull(r.stddev),
    p01: numOrNull(r.p01), p25: numOrNull(r.p25), p50: numOrNull(r.p50), p75: numOrNull(r.p75), p99: numOrNull(r.p99),
    topValues: r.top_values_json ? (JSON.parse(String(r.top_values_json)) as ColumnProfile['topValues']) : [],
    histogram: r.histogram_json ? (JSON.parse(String(r.histogram_json)) as Histogram) : null,
    ...(isPiiColumn(String(r.dataset), String(r.column_name)) ? { pii: true } : {}),
  };
}

async function quarantineOf(engine: Engine, dataset: string, layer: string): Promise<TableReport['quarantine']> {
  const table = dataset.split('.')[1];
  if (!(await tableExists(engine, `quarantine.${table}`))) return { total: 0, byReason: [], sample: [] };
  const rows = await engine.query(sql`SELECT reason_code, count(*) AS n FROM ${ident('quarantine', table)}
    WHERE layer = ${layer} GROUP BY reason_code ORDER BY n DESC, reason_code`);
  const byReason = rows.map((r) => ({ code: String(r.reason_code), count: n(r.n) }));
  const sample = await engine.query(sql`SELECT source_file, line_number, reason_code, reason, raw_line FROM ${ident('quarantine', table)}
    WHERE layer = ${layer} ORDER BY batch_id DESC, line_number LIMIT ${raw(String(QUARANTINE_SAMPLE_SIZE))}`);
  return {
    total: byReason.reduce((s, r) => s + r.count, 0),
    byReason,
    sample: sample.map((r) => ({
      sourceFile: (r.source_file as string | null) ?? null, lineNumber: numOrNull(r.line_number), reasonCode: String(r.reason_code),
      // The quarantine keeps the raw line; the report shows it with the personal-data fields masked.
      reason: String(r.reason ?? ''), rawLine: r.raw_line === null || r.raw_line === undefined ? null
        : maskRawLine(table, String(r.raw_line), fileHeader((r.source_file as string | null) ?? undefined)),
    })),
  };
}

/** Build the report of one run and layer from meta.column_profiles, meta.check_results and meta.ingestions. */
export async function loadQualityReport(engine: Engine, runId: string, options: { layer?: string; asOfDate: string; title?: string }): Promise<QualityReport> {
  const layer = options.layer ?? 'bronze';
  const profiles = (await engine.query(sql`SELECT * FROM meta.column_profiles WHERE run_id = ${runId} AND layer = ${layer}`)).map(profileFromRow);
  const checks = await engine.query(sql`SELECT * FROM meta.check_results WHERE run_id = ${runId} AND layer = ${layer} ORDER BY dataset, check_name`);
  const ingestions = await engine.query(sql`SELECT * FROM meta.ingestions WHERE run_id = ${runId} ORDER BY batch_id, dataset`);
  const datasets = [...new Set([...profiles.map((p) => p.dataset), ...checks.map((c) => String(c.dataset))])];

  const tables: TableReport[] = [];
  for (const dataset of datasets) {
    const columns = profiles.filter((p) => p.dataset === dataset);
    const tableChecks: CheckSummary[] = checks.filter((c) => c.dataset === dataset).map((c) => ({
      check: String(c.check_name), kind: String(c.kind), column: (c.column_name as string | null) ?? null, action: String(c.action),
      reasonCode: (c.reason_code as string | null) ?? null, passedRecords: n(c.passed_records), failedRecords: n(c.failed_records),
      passed: c.passed === true, sample: c.sample ? (JSON.parse(String(c.sample)) as string[]) : [],
    }));
    const quarantine = await quarantineOf(engine, dataset, layer);
    tables.push({
      dataset, layer,
      rowCount: columns[0]?.rowCount ?? 0,
      ingestions: ingestions.filter((i) => i.dataset === dataset).map((i) => ({
        batchId: (i.batch_id as string | null) ?? null, sourceFile: String(i.source_file), sha256: String(i.sha256), bytes: n(i.bytes),
        rowsRead: n(i.rows_read), rowsLoaded: n(i.rows_loaded), rowsQuarantined: n(i.rows_quarantined), status: String(i.status),
        durationMs: n(i.duration_ms), message: (i.message as string | null) ?? null,
      })),
      quarantine,
      columns,
      checks: tableChecks,
      alerts: [...quarantineAlert(quarantine.byReason), ...checkAlerts(tableChecks), ...columns.flatMap(columnAlerts)],
    });
  }
  return {
    title: options.title ?? `Marquee data quality — ${layer}`,
    runId,
    generatedAt: new Date().toISOString(),
    asOfDate: options.asOfDate,
    tables,
    sections: [],
    unrecognisedFiles: ingestions.filter((i) => i.status === 'unrecognised').map((i) => String(i.source_file)),
  };
}

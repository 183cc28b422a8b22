// Rows of the meta tables as report records: a column profile from meta.column_profiles, and the
// quarantine of one table (counts by reason, a sample with personal fields masked).
import type { Engine } from '../../engine/engine.js';
import { ident, raw, sql } from '../../engine/sql.js';
import type { ColumnProfile, Histogram, ProfileKind } from '../profile.js';
import { tableExists } from '../../engine/catalog.js';
import { isPiiColumn, maskRawLine } from '../../contracts/pii.js';
import { fileHeader } from './file-header.js';

export interface QuarantineSample {
  sourceFile: string | null;
  lineNumber: number | null;
  reasonCode: string;
  reason: string;
  rawLine: string | null;
}

/** Quarantined lines shown per table in the report. */
export const QUARANTINE_SAMPLE_SIZE = 20;

export interface TableQuarantine {
  total: number;
  byReason: Array<{ code: string; count: number }>;
  sample: QuarantineSample[];
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

export function profileFromRow(r: Row): ColumnProfile {
  return {
    dataset: String(r.dataset),
    column: String(r.column_name),
    type: String(r.column_type),
    kind: kindOfType(String(r.column_type)),
    rowCount: n(r.row_count),
    blankCount: n(r.blank_count),
    blankPct: n(r.blank_pct),
    expectedBlankPct: numOrNull(r.expected_blank_pct),
    structuralBlankCount: numOrNull(r.structural_blank_count),
    distinctCount: n(r.distinct_count),
    min: (r.min_value as string | null) ?? null,
    max: (r.max_value as string | null) ?? null,
    mean: numOrNull(r.mean),
    stddev: numOrNull(r.stddev),
    p01: numOrNull(r.p01),
    p25: numOrNull(r.p25),
    p50: numOrNull(r.p50),
    p75: numOrNull(r.p75),
    p99: numOrNull(r.p99),
    topValues: r.top_values_json ? (JSON.parse(String(r.top_values_json)) as ColumnProfile['topValues']) : [],
    histogram: r.histogram_json ? (JSON.parse(String(r.histogram_json)) as Histogram) : null,
    ...(isPiiColumn(String(r.dataset), String(r.column_name)) ? { pii: true } : {}),
  };
}

export async function quarantineOf(engine: Engine, dataset: string, layer: string): Promise<TableQuarantine> {
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
      sourceFile: (r.source_file as string | null) ?? null,
      lineNumber: numOrNull(r.line_number),
      reasonCode: String(r.reason_code),
      // The quarantine keeps the raw line; the report shows it with the personal-data fields masked.
      reason: String(r.reason ?? ''),
      rawLine:
        r.raw_line === null || r.raw_line === undefined
          ? null
          : maskRawLine(table, String(r.raw_line), fileHeader((r.source_file as string | null) ?? undefined)),
    })),
  };
}

// The dashboard's figures for one warehouse, in a form two engines' warehouses can be compared by:
// every page computed with no filters (what `marquee report` embeds), with run ids, timings and
// wall-clock stamps (which differ between any two runs) normalised away.
import { readFileSync } from 'node:fs';
import { computePage } from '../../src/dashboard/compute.js';
import { PAGES } from '../../src/dashboard/pages/index.js';
import type { Engine } from '../../src/engine/engine.js';
import { rounded } from './compare.js';

/** Row keys that say when or how long, not what. */
const VOLATILE_KEYS = new Set([
  'duration_ms',
  'started_at',
  'finished_at',
  'trained_at',
  'checked_at',
  'ingested_at',
  'fit_seconds',
  'run_id',
  'generatedAt',
  'runId',
  'durationMs',
  'batchId',
  'ingestedAt',
  'checkedAt',
]);
const RUN_ID = /r\d{8}t\d{6}_[0-9a-f]{4}/g;

/**
 * Views left out of the comparison, for a reason that has nothing to do with the engine:
 * lineage/run-durations charts how long each layer of the run took (wall clock).
 */
export const SKIPPED_VIEWS = new Set(['lineage/run-durations']);

/**
 * A timestamp after this is a load time (the suite loads its files now; generated data end in 2025):
 * history validity and batch times profiled or sampled in the quality report differ by engine.
 */
const LOADED_AFTER = new Date(Date.now() - 6 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
const TIMESTAMP = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?$/;
/** Integer widths differ by engine (a sum is HUGEINT on DuckDB, BIGINT on Spark; row_number INTEGER on Spark). */
const INTEGER_TYPE = /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|LONG)$/;

function normalise(value: unknown): unknown {
  if (typeof value === 'string' && TIMESTAMP.test(value) && value.replace('T', ' ') >= LOADED_AFTER) return '<load time>';
  if (typeof value === 'string' && INTEGER_TYPE.test(value)) return '<integer type>';
  if (typeof value === 'string') {
    // Lineage node labels carry each step's duration ("time: 292 ms").
    // Decimals inside text (alert messages) to 9 significant digits: 11.392500000000002 is 11.3925.
    // Batch ids carry the load time; step messages name each side's warehouse folder.
    return (
      value
        .replace(RUN_ID, '<run>')
        .replace(/time: [^\n]*/g, 'time: <t>')
        // The forecast step's cost profile lists its parts by CPU time, an order that varies run to run.
        .replace(/profile \(CPU seconds by part[^\n]*/g, 'profile <parts by time>')
        .replace(/\d{8}T\d{6,9}Z/g, '<batch>')
        .replace(/\bwh-(duckdb|spark)\b/g, 'wh-<engine>')
        // ML step logs quote fit times ("fit 0.1 s", "(13 forecasts, 0 s)").
        .replace(/\b\d+(\.\d+)? s\b/g, '<s>')
        .replace(/\d+\.\d+/g, (d) => String(Number(Number(d).toPrecision(9))))
    );
  }
  if (typeof value === 'number') return rounded(value, 9);
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !VOLATILE_KEYS.has(k))
        // A graph's edges are a set: the lineage DAG lists them in the order meta.lineage returns them.
        .map(([k, v]) => [k, k === 'links' ? sortedObjects(normalise(v)) : normalise(v)]),
    );
  }
  return value;
}

/** page/view -> the computed view (status, message, chart, table, cards), normalised. */
export async function pageFigures(engine: Engine): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const page of PAGES) {
    const result = await computePage(engine, page, {});
    for (const view of result.views) out[`${page.name}/${view.id}`] = normalise(view);
  }
  return out;
}

/** Numeric text such as '53213040.0' (DuckDB) and '5.321304E7' (Spark) is one figure. */
function sameLeaf(a: unknown, b: unknown): boolean {
  if (JSON.stringify(a) === JSON.stringify(b)) return true;
  // Numbers rounded to 9 digits may still land either side of a half-way point (0.2861328125).
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 2e-9 * Math.max(1, Math.abs(a));
  if (typeof a === 'string' && typeof b === 'string' && a.trim() !== '' && b.trim() !== '') {
    const [x, y] = [Number(a), Number(b)];
    return Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
  }
  return false;
}

function walk(a: unknown, b: unknown, path: string, out: string[]): void {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
      walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
    return;
  }
  if (!sameLeaf(a, b)) out.push(`${path}: duckdb ${JSON.stringify(a)?.slice(0, 160)}, spark ${JSON.stringify(b)?.slice(0, 160)}`);
}

/** Every differing figure (at most 3 per view), SKIPPED_VIEWS left out. */
export function figureDifferences(duckdb: Record<string, unknown>, spark: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(duckdb), ...Object.keys(spark)])) {
    if (SKIPPED_VIEWS.has(key)) continue;
    const found: string[] = [];
    walk(duckdb[key], spark[key], key, found);
    out.push(...found.slice(0, 3));
  }
  return out;
}

/** Arrays of objects sorted by their content: the quality report lists tables and checks in run order. */
function sortedObjects(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(sortedObjects);
    return items.every((v) => v !== null && typeof v === 'object')
      ? items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
      : items;
  }
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sortedObjects(v)]));
  return value;
}

/** The quality report's data (reports/quality.json), normalised like the pages, lists in content order. */
export function qualityFigures(file: string): Record<string, unknown> {
  return { quality: sortedObjects(normalise(JSON.parse(readFileSync(file, 'utf8')))) };
}

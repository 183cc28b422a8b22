// Comparing two warehouses table by table (shared by the cross-engine suites): rows sorted by all
// columns, floats within a relative tolerance, nested values rounded.
import type { Engine, Row } from '../../src/engine/engine.js';

/** Relative tolerance for floating-point values (sums and averages may add up in another order). */
export const FLOAT_TOLERANCE = 1e-9;

/**
 * A value with floats rounded to `digits` significant digits (|x| < 1e-12 is rounding noise of a sum
 * that should be 0: 1.2e-17 on one engine, 0 on the other). Used for sort keys and nested values.
 */
export function rounded(value: unknown, digits: number): unknown {
  if (typeof value === 'number' && !Number.isInteger(value)) return Math.abs(value) < 1e-12 ? 0 : Number(value.toPrecision(digits));
  if (Array.isArray(value)) return value.map((v) => rounded(v, digits));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v, digits)]));
  return value;
}
export const comparable = (value: unknown) => rounded(value, 9);

/** The rows of `table` (only `columns`), sorted by all columns so row order never matters. */
export async function tableRows(engine: Engine, table: string, columns: readonly string[]): Promise<Row[]> {
  const rows = await engine.query(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM ${table}`);
  // Sorted by all columns (floats to 6 digits in the key, so float noise never reorders rows);
  // the values themselves are compared with FLOAT_TOLERANCE.
  const key = (r: Row) => JSON.stringify(columns.map((c) => rounded(r[c], 6)));
  return rows
    .map((r) => Object.fromEntries(columns.map((c) => [c, r[c]])) as Row)
    .map((r) => ({ r, k: key(r) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map(({ r }) => r);
}

/** Rows equal, floats within FLOAT_TOLERANCE; returns the first difference, or undefined. */
export function firstDifference(a: readonly Row[], b: readonly Row[], names: [string, string] = ['duckdb', 'spark']): string | undefined {
  if (a.length !== b.length) return `row counts differ: ${names[0]} ${a.length}, ${names[1]} ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    for (const [column, x] of Object.entries(a[i])) {
      const y = b[i][column];
      const close =
        typeof x === 'number' && typeof y === 'number'
          ? Math.abs(x - y) <= FLOAT_TOLERANCE * Math.max(1, Math.abs(x), Math.abs(y))
          : JSON.stringify(comparable(x)) === JSON.stringify(comparable(y));
      if (!close)
        return `row ${i} column ${column}: ${names[0]} ${JSON.stringify(x)}, ${names[1]} ${JSON.stringify(y)} (${names[0]} row ${JSON.stringify(a[i])}, ${names[1]} row ${JSON.stringify(b[i])})`;
    }
  }
  return undefined;
}

/** JSON keys that hold when or how long, never a figure (model cards: trainedAt, fit seconds). */
const VOLATILE_JSON_KEY = /^(trainedAt|trained_at|fitSeconds|fit_seconds|generatedAt|runId|run_id)$/;

function dropVolatile(value: unknown): unknown {
  // Card notes quote training time ("LSTM: 7 epochs (2.3 s CPU)").
  if (typeof value === 'string') return value.replace(/\b\d+(\.\d+)? s CPU\b/g, '<s> CPU');
  if (Array.isArray(value)) return value.map(dropVolatile);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !VOLATILE_JSON_KEY.test(k))
        .map(([k, v]) => [k, dropVolatile(v)]),
    );
  }
  return value;
}

/**
 * A row whose JSON text columns (model cards, segment profiles) are parsed, rounded and stripped of
 * volatile keys, so two engines' float noise in the last digit and the training time do not count.
 */
export function withoutVolatileJson(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === 'string' && /^[[{]/.test(v)) {
      try {
        out[k] = comparable(dropVolatile(JSON.parse(v)));
        continue;
      } catch {
        // Not JSON after all: compared as text.
      }
    }
    out[k] = v;
  }
  return out;
}

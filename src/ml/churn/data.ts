// Churn features from gold.ml_user_features: numeric columns as they are (NULL -> NaN, imputed later
// with training medians and a `<name>__missing` indicator), categorical columns one-hot encoded with
// levels sorted so the column order never depends on row order. The label is `churned`.
import type { Engine } from '../../engine/engine.js';
import { createMatrix, type FeatureMatrix } from '../core/matrix.js';

export const FEATURE_TABLE = 'gold.ml_user_features';
export const CATEGORICAL_FEATURES = ['subscription_plan', 'country', 'primary_device'] as const;
/** Columns that are keys, the label or constants: never features. */
export const NON_FEATURE_COLUMNS = ['user_id', 'as_of_date', 'churned', 'churned_behavioural'] as const;

export interface ChurnDataset {
  userIds: string[];
  /** The seed's target: churned = NOT is_active, the users file's snapshot at export. */
  labels: Float64Array;
  /** No session in the label window after as-of among users active in the 90 days before it; NaN otherwise (or when the table lacks it). */
  behaviouralLabels?: Float64Array;
  x: FeatureMatrix;
  /** Encoded column -> the gold column it came from (one-hot levels map to their categorical column). */
  sourceColumn: Record<string, string>;
}

type FeatureRow = Record<string, unknown>;

/** Marker for a missing categorical value, as its own one-hot level. */
export const MISSING_LEVEL = '(missing)';

export function oneHotName(column: string, level: string): string {
  return `${column}=${level}`;
}

function levelOf(v: unknown): string {
  return v === null || v === undefined || v === '' ? MISSING_LEVEL : String(v);
}

function toNumber(v: unknown, row: number, column: string): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  throw new Error(`${FEATURE_TABLE} row ${row} column ${column}: expected a number, got ${JSON.stringify(v)}`);
}

/**
 * Fills a column-major matrix batch by batch, so a million feature rows never exist as objects at
 * once. `numeric` columns must be numbers, booleans or null; anything else fails naming the row and
 * column. Each `categorical` column becomes one column per level of `levels` (sorted here, so the
 * column order never depends on row order).
 */
export class FeatureEncoder {
  readonly x: FeatureMatrix;
  readonly sourceColumn: Record<string, string>;
  private readonly codes: Map<string, number>[];
  /** Index of each categorical column's first one-hot column. */
  private readonly firstColumn: number[];

  constructor(
    readonly nRows: number,
    private readonly numeric: readonly string[],
    private readonly categorical: readonly string[],
    levels: readonly (readonly string[])[],
  ) {
    const names: string[] = [...numeric];
    this.sourceColumn = Object.fromEntries(numeric.map((n) => [n, n]));
    this.codes = [];
    this.firstColumn = [];
    categorical.forEach((c, k) => {
      const sorted = [...new Set(levels[k])].sort();
      this.firstColumn.push(names.length);
      this.codes.push(new Map(sorted.map((level, code) => [level, code])));
      for (const level of sorted) {
        const name = oneHotName(c, level);
        names.push(name);
        this.sourceColumn[name] = c;
      }
    });
    this.x = createMatrix(nRows, names);
  }

  /** Encodes `rows` as matrix rows offset, offset + 1, ... */
  add(rows: readonly FeatureRow[], offset: number): void {
    const n = this.nRows;
    if (offset + rows.length > n)
      throw new Error(`${FEATURE_TABLE}: more rows than the ${n} counted (the table changed while it was read)`);
    const data = this.x.data;
    this.numeric.forEach((c, j) => {
      const base = j * n + offset;
      for (let i = 0; i < rows.length; i++) data[base + i] = toNumber(rows[i][c], offset + i + 1, c);
    });
    // One-hot cells start at 0 (a fresh matrix); each row sets its level's cell to 1.
    this.categorical.forEach((c, k) => {
      const codes = this.codes[k];
      const first = this.firstColumn[k];
      for (let i = 0; i < rows.length; i++) {
        const level = levelOf(rows[i][c]);
        const code = codes.get(level);
        if (code === undefined)
          throw new Error(
            `${FEATURE_TABLE} row ${offset + i + 1} column ${c}: level ${JSON.stringify(level)} was not among the levels read first (the table changed while it was read)`,
          );
        data[(first + code) * n + offset + i] = 1;
      }
    });
  }
}

/** Encodes rows held in memory (see FeatureEncoder); levels come from the rows themselves. */
export function encodeRows(
  rows: readonly FeatureRow[],
  numeric: readonly string[],
  categorical: readonly string[],
): { x: FeatureMatrix; sourceColumn: Record<string, string> } {
  const levels = categorical.map((c) => rows.map((r) => levelOf(r[c])));
  const encoder = new FeatureEncoder(rows.length, numeric, categorical, levels);
  encoder.add(rows, 0);
  return { x: encoder.x, sourceColumn: encoder.sourceColumn };
}

function toLabel(v: unknown, row: number): number {
  if (v === true || v === 1) return 1;
  if (v === false || v === 0) return 0;
  throw new Error(`${FEATURE_TABLE} row ${row} column churned: expected true/false, got ${JSON.stringify(v)}`);
}

/**
 * Reads the feature table in user_id order (deterministic) and encodes it. The rows stream in
 * batches straight into the matrix: the row count and each categorical column's levels are read
 * first, so the matrix is allocated once at its final size.
 */
export async function loadChurnDataset(engine: Engine, table = FEATURE_TABLE): Promise<ChurnDataset> {
  // table is a trusted name from code (tests point it at a fixture table).
  const first = await engine.query(`SELECT * FROM ${table} LIMIT 1`);
  if (first.length === 0) throw new Error(`${table} is empty: nothing to train on`);
  const columns = Object.keys(first[0]);
  const excluded = new Set<string>([...NON_FEATURE_COLUMNS, ...CATEGORICAL_FEATURES]);
  const numeric = columns.filter((c) => !excluded.has(c));
  const categorical = CATEGORICAL_FEATURES.filter((c) => columns.includes(c));
  const [{ n }] = await engine.query<{ n: number }>(`SELECT CAST(count(*) AS DOUBLE) AS n FROM ${table}`);
  const levels: string[][] = [];
  for (const c of categorical) {
    // c is one of CATEGORICAL_FEATURES: plain names that need no quoting on either engine.
    const rows = await engine.query(`SELECT DISTINCT ${c} AS level FROM ${table}`);
    levels.push(rows.map((r) => levelOf(r.level)));
  }
  const encoder = new FeatureEncoder(n, numeric, categorical, levels);
  const labels = new Float64Array(n);
  const behaviouralLabels = new Float64Array(n);
  const userIds: string[] = new Array<string>(n);
  let offset = 0;
  for await (const rows of engine.stream(`SELECT * FROM ${table} ORDER BY user_id`)) {
    encoder.add(rows, offset);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      labels[offset + i] = toLabel(r.churned, offset + i + 1);
      const b = r.churned_behavioural;
      behaviouralLabels[offset + i] = b === null || b === undefined ? NaN : b ? 1 : 0;
      userIds[offset + i] = String(r.user_id);
    }
    offset += rows.length;
  }
  if (offset !== n) throw new Error(`${table}: read ${offset} rows, counted ${n} (the table changed while it was read)`);
  return { userIds, labels, behaviouralLabels, x: encoder.x, sourceColumn: encoder.sourceColumn };
}

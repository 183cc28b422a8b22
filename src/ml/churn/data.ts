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

/**
 * Encodes rows into a column-major matrix. `numeric` columns must be numbers, booleans or null;
 * anything else fails naming the row and column. `categorical` columns become one column per level.
 */
export function encodeRows(
  rows: readonly FeatureRow[],
  numeric: readonly string[],
  categorical: readonly string[],
): { x: FeatureMatrix; sourceColumn: Record<string, string> } {
  const levels = categorical.map((c) => {
    const set = new Set<string>();
    for (const r of rows) set.add(r[c] === null || r[c] === undefined || r[c] === '' ? MISSING_LEVEL : String(r[c]));
    return [...set].sort();
  });
  const names: string[] = [...numeric];
  const sourceColumn: Record<string, string> = Object.fromEntries(numeric.map((n) => [n, n]));
  categorical.forEach((c, k) => {
    for (const level of levels[k]) {
      const name = oneHotName(c, level);
      names.push(name);
      sourceColumn[name] = c;
    }
  });
  const n = rows.length;
  const x = createMatrix(n, names);
  numeric.forEach((c, j) => {
    for (let i = 0; i < n; i++) {
      const v = rows[i][c];
      let num: number;
      if (v === null || v === undefined) num = NaN;
      else if (typeof v === 'boolean') num = v ? 1 : 0;
      else if (typeof v === 'number') num = v;
      else if (typeof v === 'bigint') num = Number(v);
      else throw new Error(`${FEATURE_TABLE} row ${i + 1} column ${c}: expected a number, got ${JSON.stringify(v)}`);
      x.data[j * n + i] = num;
    }
  });
  let j = numeric.length;
  categorical.forEach((c, k) => {
    for (const level of levels[k]) {
      for (let i = 0; i < n; i++) {
        const v = rows[i][c];
        const value = v === null || v === undefined || v === '' ? MISSING_LEVEL : String(v);
        x.data[j * n + i] = value === level ? 1 : 0;
      }
      j++;
    }
  });
  return { x, sourceColumn };
}

function toLabel(v: unknown, row: number): number {
  if (v === true || v === 1) return 1;
  if (v === false || v === 0) return 0;
  throw new Error(`${FEATURE_TABLE} row ${row + 1} column churned: expected true/false, got ${JSON.stringify(v)}`);
}

/** Reads the feature table in user_id order (deterministic) and encodes it. */
export async function loadChurnDataset(engine: Engine, table = FEATURE_TABLE): Promise<ChurnDataset> {
  // table is a trusted name from code (tests point it at a fixture table).
  const rows = await engine.query(`SELECT * FROM ${table} ORDER BY user_id`);
  if (rows.length === 0) throw new Error(`${table} is empty: nothing to train on`);
  const columns = Object.keys(rows[0]);
  const excluded = new Set<string>([...NON_FEATURE_COLUMNS, ...CATEGORICAL_FEATURES]);
  const numeric = columns.filter((c) => !excluded.has(c));
  const categorical = CATEGORICAL_FEATURES.filter((c) => columns.includes(c));
  const { x, sourceColumn } = encodeRows(rows, numeric, categorical);
  const labels = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    labels[i] = toLabel(r.churned, i);
  });
  const behaviouralLabels = Float64Array.from(rows, (r) =>
    r.churned_behavioural === null || r.churned_behavioural === undefined ? NaN : r.churned_behavioural ? 1 : 0,
  );
  return { userIds: rows.map((r) => String(r.user_id)), labels, behaviouralLabels, x, sourceColumn };
}

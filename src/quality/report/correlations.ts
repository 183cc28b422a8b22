// Pearson correlations between the numeric columns of one table, computed in SQL (corr(), the
// SQL:2003 aggregate both engines have) over the rows where both values are present.
import type { Engine } from '../../engine/engine.js';
import { tableExists } from '../../engine/catalog.js';
import { quoteIdent as q } from '../../engine/dialect.js';
import type { ColumnProfile } from '../profile.js';

/** Numeric columns correlated at most (in table order). */
export const CORRELATION_MAX_COLUMNS = 12;

export interface CorrelationMatrix {
  columns: string[];
  /** r[i][j]: Pearson's r of columns[i] and columns[j]; null when a column is constant over the pairs or fewer than 2 pairs. */
  r: Array<Array<number | null>>;
  /** pairs[i][j]: rows where both are present. */
  pairs: number[][];
  /** Numeric columns left out (beyond CORRELATION_MAX_COLUMNS). */
  omittedColumns: string[];
}

/** Columns worth correlating: numeric, not personal data, not lineage (_line_number), with at least two values. */
export function correlatedColumns(profiles: readonly ColumnProfile[]): ColumnProfile[] {
  return profiles.filter((p) => p.kind === 'numeric' && !p.pii && !p.column.startsWith('_') && p.distinctCount > 1);
}

const finiteOrNull = (v: unknown): number | null => {
  if (v === null || v === undefined) return null;
  const x = Number(v);
  return Number.isFinite(x) ? x : null;
};

/** The matrix of `dataset`, or null with fewer than two numeric columns or no table. */
export async function correlationMatrix(
  engine: Engine,
  dataset: string,
  profiles: readonly ColumnProfile[],
): Promise<CorrelationMatrix | null> {
  const numeric = correlatedColumns(profiles);
  if (numeric.length < 2 || !(await tableExists(engine, dataset))) return null;
  const columns = numeric.slice(0, CORRELATION_MAX_COLUMNS).map((p) => p.column);
  const x = (i: number) => `CAST(${q(columns[i])} AS DOUBLE)`;
  const aggregates: string[] = [];
  for (let i = 0; i < columns.length; i++) {
    for (let j = i + 1; j < columns.length; j++) {
      aggregates.push(
        `corr(${x(i)}, ${x(j)}) AS r${i}_${j}`,
        `sum(CASE WHEN ${q(columns[i])} IS NOT NULL AND ${q(columns[j])} IS NOT NULL THEN 1 ELSE 0 END) AS n${i}_${j}`,
      );
    }
  }
  const [row] = await engine.query(`SELECT ${aggregates.join(', ')} FROM ${dataset}`);
  const at = (prefix: string, i: number, j: number) => row[`${prefix}${Math.min(i, j)}_${Math.max(i, j)}`];
  const diagonalPairs = (i: number) => numeric[i].rowCount - numeric[i].blankCount;
  return {
    columns,
    r: columns.map((_, i) => columns.map((__, j) => (i === j ? 1 : finiteOrNull(at('r', i, j))))),
    pairs: columns.map((_, i) => columns.map((__, j) => (i === j ? diagonalPairs(i) : Number(at('n', i, j) ?? 0)))),
    omittedColumns: numeric.slice(CORRELATION_MAX_COLUMNS).map((p) => p.column),
  };
}

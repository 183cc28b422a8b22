// The missing-value matrix of one table, computed in SQL from the table itself: which columns are
// blank together. Two views of it, as missingno draws them: the co-missingness grid (rows where
// column i and column j are both blank; the diagonal is each column's blanks) and the most frequent
// missing patterns (which columns are blank together in a row, and in how many rows).
import type { Engine } from '../../engine/engine.js';
import { tableExists } from '../../engine/catalog.js';
import { blankPredicate, type ColumnProfile } from '../profile.js';

/** Columns in the grid at most (those with the most blanks); the rest are counted, not drawn. */
export const MISSING_MATRIX_MAX_COLUMNS = 16;
/** Patterns listed at most (the most frequent first). */
export const MISSING_PATTERNS = 10;

export interface MissingMatrix {
  rowCount: number;
  /** Columns with at least one blank, in table order. */
  columns: string[];
  /** bothBlank[i][j]: rows where columns[i] and columns[j] are both blank (diagonal: blanks of columns[i]). */
  bothBlank: number[][];
  /** The most frequent patterns, rows with no blank among `columns` included. */
  patterns: Array<{ blank: boolean[]; rows: number }>;
  /** Columns with blanks left out of the grid (beyond MISSING_MATRIX_MAX_COLUMNS). */
  omittedColumns: string[];
}

/** The matrix of `dataset` from its profiles' blank counts, or null when no column has a blank or the table is gone. */
export async function missingMatrix(engine: Engine, dataset: string, profiles: readonly ColumnProfile[]): Promise<MissingMatrix | null> {
  const withBlanks = profiles.filter((p) => p.blankCount > 0);
  if (withBlanks.length === 0 || !(await tableExists(engine, dataset))) return null;
  const kept = new Set(
    [...withBlanks]
      .sort((a, b) => b.blankCount - a.blankCount || a.column.localeCompare(b.column))
      .slice(0, MISSING_MATRIX_MAX_COLUMNS)
      .map((p) => p.column),
  );
  // By name: the profiles come back from meta.column_profiles in no fixed order on every engine.
  const columns = withBlanks.filter((p) => kept.has(p.column)).sort((a, b) => a.column.localeCompare(b.column));
  // One flag per column, computed once; the pairs and the patterns read the flags.
  const flags = `SELECT ${columns.map((c, i) => `CASE WHEN ${blankPredicate({ name: c.column, kind: c.kind })} THEN 1 ELSE 0 END AS m${i}`).join(', ')} FROM ${dataset}`;
  const pairs: string[] = ['count(*) AS n'];
  for (let i = 0; i < columns.length; i++) for (let j = i; j < columns.length; j++) pairs.push(`sum(m${i} * m${j}) AS p${i}_${j}`);
  const [counts] = await engine.query(`SELECT ${pairs.join(', ')} FROM (${flags}) flags`);
  const bothBlank = columns.map((_, i) => columns.map((__, j) => Number(counts[`p${Math.min(i, j)}_${Math.max(i, j)}`] ?? 0)));
  const names = columns.map((_, i) => `m${i}`).join(', ');
  const patternRows = await engine.query(
    `SELECT ${names}, count(*) AS n FROM (${flags}) flags GROUP BY ${names} ORDER BY n DESC, ${names} LIMIT ${MISSING_PATTERNS}`,
  );
  return {
    rowCount: Number(counts.n),
    columns: columns.map((c) => c.column),
    bothBlank,
    patterns: patternRows.map((r) => ({ blank: columns.map((_, i) => Number(r[`m${i}`]) === 1), rows: Number(r.n) })),
    omittedColumns: withBlanks.filter((p) => !kept.has(p.column)).map((p) => p.column),
  };
}

/**
 * Feature matrices for model input.
 *
 * Layout: COLUMN-MAJOR. Value of row i, feature j is `data[j * nRows + i]`. Column-major suits
 * what the models do most: per-feature binning, standardisation, per-feature AUC. Clustering
 * code converts to row-major internally (`toRowMajor`) because it works point by point.
 * Missing values are NaN; `fitImputer` turns them into median fill + indicator columns.
 */
export interface FeatureMatrix {
  readonly nRows: number;
  readonly nCols: number;
  /** Column-major values, length nRows * nCols. */
  readonly data: Float64Array;
  readonly names: readonly string[];
}

export function createMatrix(nRows: number, names: readonly string[], data?: Float64Array): FeatureMatrix {
  const nCols = names.length;
  const values = data ?? new Float64Array(nRows * nCols);
  if (values.length !== nRows * nCols) {
    throw new Error(`createMatrix: data has ${values.length} values, expected nRows*nCols = ${nRows}*${nCols}`);
  }
  return { nRows, nCols, data: values, names: [...names] };
}

/** Builds a matrix from plain row objects (null/undefined become NaN). */
export function matrixFromRecords(rows: readonly Record<string, number | null | undefined>[], names: readonly string[]): FeatureMatrix {
  const m = createMatrix(rows.length, names);
  for (let j = 0; j < names.length; j++) {
    const off = j * rows.length;
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i][names[j]];
      m.data[off + i] = v === null || v === undefined ? NaN : Number(v);
    }
  }
  return m;
}

/** Builds a matrix from an array of rows (row-major nested arrays). */
export function matrixFromRows(rows: readonly (readonly number[])[], names?: readonly string[]): FeatureMatrix {
  const nCols = names?.length ?? rows[0]?.length ?? 0;
  const colNames = names ?? Array.from({ length: nCols }, (_, j) => `x${j}`);
  const m = createMatrix(rows.length, colNames);
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].length !== nCols) throw new Error(`matrixFromRows: row ${i} has ${rows[i].length} values, expected ${nCols}`);
    for (let j = 0; j < nCols; j++) m.data[j * rows.length + i] = rows[i][j];
  }
  return m;
}

/** A view of column j (no copy). */
export function column(m: FeatureMatrix, j: number): Float64Array {
  return m.data.subarray(j * m.nRows, (j + 1) * m.nRows);
}

export function columnByName(m: FeatureMatrix, name: string): Float64Array {
  const j = m.names.indexOf(name);
  if (j < 0) throw new Error(`column "${name}" not in matrix (have: ${m.names.join(', ')})`);
  return column(m, j);
}

/** Selects rows (in the given order) into a new matrix. */
export function selectRows(m: FeatureMatrix, rows: ArrayLike<number>): FeatureMatrix {
  const out = createMatrix(rows.length, m.names);
  for (let j = 0; j < m.nCols; j++) {
    const src = j * m.nRows;
    const dst = j * rows.length;
    for (let i = 0; i < rows.length; i++) out.data[dst + i] = m.data[src + rows[i]];
  }
  return out;
}

/** Selects columns by index into a new matrix. */
export function selectColumns(m: FeatureMatrix, cols: readonly number[]): FeatureMatrix {
  const out = createMatrix(
    m.nRows,
    cols.map((j) => m.names[j]),
  );
  cols.forEach((j, k) => out.data.set(column(m, j), k * m.nRows));
  return out;
}

/** Picks entries of a vector (labels, scores) by row index. */
export function take(values: ArrayLike<number>, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
}

/** Row-major copy: point i, feature j at `out[i * nCols + j]`. */
export function toRowMajor(m: FeatureMatrix): Float64Array {
  const out = new Float64Array(m.nRows * m.nCols);
  for (let j = 0; j < m.nCols; j++) {
    const off = j * m.nRows;
    for (let i = 0; i < m.nRows; i++) out[i * m.nCols + j] = m.data[off + i];
  }
  return out;
}

export interface Standardiser {
  readonly mean: Float64Array;
  /** Population standard deviation; a constant column gets std 1 so it maps to 0, not NaN. */
  readonly std: Float64Array;
  readonly names: readonly string[];
}

/** Learns per-column mean and standard deviation (NaN values ignored). */
export function fitStandardiser(m: FeatureMatrix): Standardiser {
  const mean = new Float64Array(m.nCols);
  const std = new Float64Array(m.nCols);
  for (let j = 0; j < m.nCols; j++) {
    const col = column(m, j);
    let n = 0;
    let s = 0;
    for (let i = 0; i < col.length; i++)
      if (!Number.isNaN(col[i])) {
        s += col[i];
        n++;
      }
    const mu = n > 0 ? s / n : 0;
    let ss = 0;
    for (let i = 0; i < col.length; i++) if (!Number.isNaN(col[i])) ss += (col[i] - mu) ** 2;
    const sd = n > 0 ? Math.sqrt(ss / n) : 0;
    mean[j] = mu;
    std[j] = sd > 1e-12 ? sd : 1;
  }
  return { mean, std, names: [...m.names] };
}

export function applyStandardiser(s: Standardiser, m: FeatureMatrix): FeatureMatrix {
  assertSameColumns(s.names, m.names, 'applyStandardiser');
  const out = createMatrix(m.nRows, m.names);
  for (let j = 0; j < m.nCols; j++) {
    const off = j * m.nRows;
    for (let i = 0; i < m.nRows; i++) out.data[off + i] = (m.data[off + i] - s.mean[j]) / s.std[j];
  }
  return out;
}

export function assertSameColumns(expected: readonly string[], actual: readonly string[], where: string): void {
  if (expected.length !== actual.length || expected.some((n, j) => n !== actual[j])) {
    throw new Error(`${where}: columns differ from training (expected [${expected.join(', ')}], got [${actual.join(', ')}])`);
  }
}

/** Median of the non-NaN values (NaN when there are none). */
export function median(values: ArrayLike<number>): number {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) kept.push(values[i]);
  if (kept.length === 0) return NaN;
  kept.sort((a, b) => a - b);
  const mid = kept.length >> 1;
  return kept.length % 2 === 1 ? kept[mid] : (kept[mid - 1] + kept[mid]) / 2;
}

export interface Imputer {
  readonly names: readonly string[];
  /** Fill value per input column (training median; 0 if the column was entirely missing). */
  readonly fill: Float64Array;
  /** Input columns that had any missing value in training: each gets a `<name>__missing` 0/1 column. */
  readonly indicatorColumns: readonly number[];
}

/** Learns median fills; indicator columns only for columns with missing values in training. */
export function fitImputer(m: FeatureMatrix): Imputer {
  const fill = new Float64Array(m.nCols);
  const indicatorColumns: number[] = [];
  for (let j = 0; j < m.nCols; j++) {
    const col = column(m, j);
    const med = median(col);
    fill[j] = Number.isNaN(med) ? 0 : med;
    if (col.some((v) => Number.isNaN(v))) indicatorColumns.push(j);
  }
  return { names: [...m.names], fill, indicatorColumns };
}

/** Fills NaN with the training median and appends the indicator columns (1 = was missing). */
export function applyImputer(imp: Imputer, m: FeatureMatrix): FeatureMatrix {
  assertSameColumns(imp.names, m.names, 'applyImputer');
  const names = [...m.names, ...imp.indicatorColumns.map((j) => `${m.names[j]}__missing`)];
  const out = createMatrix(m.nRows, names);
  for (let j = 0; j < m.nCols; j++) {
    const off = j * m.nRows;
    for (let i = 0; i < m.nRows; i++) {
      const v = m.data[off + i];
      out.data[off + i] = Number.isNaN(v) ? imp.fill[j] : v;
    }
  }
  imp.indicatorColumns.forEach((j, k) => {
    const src = j * m.nRows;
    const dst = (m.nCols + k) * m.nRows;
    for (let i = 0; i < m.nRows; i++) out.data[dst + i] = Number.isNaN(m.data[src + i]) ? 1 : 0;
  });
  return out;
}

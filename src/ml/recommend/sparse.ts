/**
 * Sparse user x item matrices on typed arrays (CSR; a CSC is the CSR of the transpose) and the
 * id maps that turn external keys (`user_00001`, `movie_0001`) into dense row/column numbers.
 */

/** Dense 0..n-1 numbering of string ids, in first-seen order. */
export class IdMap {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();

  static from(ids: Iterable<string>): IdMap {
    const map = new IdMap();
    for (const id of ids) map.add(id);
    return map;
  }

  /** Returns the id's number, adding it if new. */
  add(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.index.set(id, i);
      this.ids.push(id);
    }
    return i;
  }

  /** The id's number, or -1 when unknown. */
  get(id: string): number {
    return this.index.get(id) ?? -1;
  }

  get size(): number {
    return this.ids.length;
  }
}

/** Compressed sparse rows: row r holds columns indices[indptr[r]..indptr[r+1]) (sorted). */
export interface CsrMatrix {
  readonly nRows: number;
  readonly nCols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/**
 * Builds a CSR matrix from (row, col, value) triplets. Duplicate (row, col) pairs are summed,
 * which is what repeated watch sessions of one title should do to its confidence.
 */
export function csrFromTriplets(
  nRows: number,
  nCols: number,
  rows: ArrayLike<number>,
  cols: ArrayLike<number>,
  values: ArrayLike<number>,
): CsrMatrix {
  const n = rows.length;
  if (cols.length !== n || values.length !== n) {
    throw new Error(`csrFromTriplets: rows (${n}), cols (${cols.length}) and values (${values.length}) must have the same length`);
  }
  const counts = new Int32Array(nRows + 1);
  for (let k = 0; k < n; k++) {
    const r = rows[k];
    const c = cols[k];
    if (!(r >= 0 && r < nRows) || !(c >= 0 && c < nCols)) {
      throw new Error(`csrFromTriplets: triplet ${k} (${r}, ${c}) is outside a ${nRows} x ${nCols} matrix`);
    }
    counts[r + 1]++;
  }
  for (let r = 0; r < nRows; r++) counts[r + 1] += counts[r];
  const order = new Int32Array(n);
  const fill = counts.slice(0, nRows);
  for (let k = 0; k < n; k++) order[fill[rows[k]]++] = k;

  // Sort each row by column (stable: duplicates keep their input order) and merge duplicates,
  // summing in double precision. Rows that arrive sorted (readers order by user and title) skip the sort.
  const indptr = new Int32Array(nRows + 1);
  const outCols = new Int32Array(n);
  const outVals = new Float64Array(n);
  let out = 0;
  for (let r = 0; r < nRows; r++) {
    let slice: ArrayLike<number> = order.subarray(counts[r], counts[r + 1]);
    let sorted = true;
    for (let k = 1; k < slice.length && sorted; k++) sorted = cols[slice[k - 1]] <= cols[slice[k]];
    if (!sorted) slice = Array.from(slice).sort((a, b) => cols[a] - cols[b]);
    let last = -1;
    for (let e = 0; e < slice.length; e++) {
      const k = slice[e];
      if (cols[k] === last) {
        outVals[out - 1] += values[k];
      } else {
        outCols[out] = cols[k];
        outVals[out++] = values[k];
        last = cols[k];
      }
    }
    indptr[r + 1] = out;
  }
  return { nRows, nCols, indptr, indices: outCols.slice(0, out), values: Float32Array.from(outVals.subarray(0, out)) };
}

/** The transpose (CSR of items x users, i.e. the CSC view of the user x item matrix). */
export function transpose(m: CsrMatrix): CsrMatrix {
  const nnz = m.indices.length;
  const indptr = new Int32Array(m.nCols + 1);
  for (let k = 0; k < nnz; k++) indptr[m.indices[k] + 1]++;
  for (let c = 0; c < m.nCols; c++) indptr[c + 1] += indptr[c];
  const fill = indptr.slice(0, m.nCols);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  for (let r = 0; r < m.nRows; r++) {
    for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) {
      const dest = fill[m.indices[k]]++;
      indices[dest] = r;
      values[dest] = m.values[k];
    }
  }
  return { nRows: m.nCols, nCols: m.nRows, indptr, indices, values };
}

/** True when row r has a stored entry in column c (binary search; rows are sorted). */
export function hasEntry(m: CsrMatrix, r: number, c: number): boolean {
  let lo = m.indptr[r];
  let hi = m.indptr[r + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = m.indices[mid];
    if (v === c) return true;
    if (v < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** out[k] = the row of stored entry k (out holds at least nnz values); returns out. */
export function fillRowOfEntry(m: CsrMatrix, out: Int32Array): Int32Array {
  for (let r = 0; r < m.nRows; r++) out.fill(r, m.indptr[r], m.indptr[r + 1]);
  return out;
}

/** A copy with every stored value replaced by f(value). */
export function mapValues(m: CsrMatrix, f: (v: number) => number): CsrMatrix {
  return { ...m, values: m.values.map(f) };
}

/**
 * Watch minutes or counts -> preference strength on a log scale, as Hu, Koren and Volinsky
 * suggest for heavy-tailed counts: r = log(1 + v / epsilon).
 */
export function logScaled(m: CsrMatrix, epsilon = 1): CsrMatrix {
  return mapValues(m, (v) => Math.log1p(Math.max(0, v) / epsilon));
}

/** Number of users who interacted with each item (stored entries per column). */
export function itemCounts(m: CsrMatrix): Float64Array {
  const out = new Float64Array(m.nCols);
  for (let k = 0; k < m.indices.length; k++) out[m.indices[k]]++;
  return out;
}

/**
 * Item-based k-nearest-neighbours: cosine similarity between item columns of the user x item
 * matrix, shrunk towards zero for pairs with little support, keeping the top K per item.
 * A user's score for item i is the sum over watched items j of weight(u, j) * sim(j, i).
 */
import type { Recommender } from './recommender.js';
import type { CsrMatrix } from './sparse.js';

export interface ItemKnnOptions {
  /** Neighbours kept per item. */
  k?: number;
  /** Added to the cosine denominator: sim = dot / (|i||j| + shrinkage). */
  shrinkage?: number;
  /** Use 0/1 instead of the stored weights when computing similarities. */
  binary?: boolean;
}

export interface ItemKnnModel extends Recommender {
  /** Neighbour lists in CSR form: row i = the K items most similar to i, with similarities. */
  readonly neighbours: CsrMatrix;
}

// The dense item x item accumulator costs nItems^2 * 8 bytes: 1k titles = 8 MB, 10k = 800 MB.
const MAX_DENSE_ITEMS = 12_000;

export function fitItemKnn(train: CsrMatrix, options: ItemKnnOptions = {}): ItemKnnModel {
  const k = options.k ?? 50;
  const shrinkage = options.shrinkage ?? 10;
  const n = train.nCols;
  if (n > MAX_DENSE_ITEMS) {
    throw new Error(`fitItemKnn: ${n} items exceeds the dense similarity limit of ${MAX_DENSE_ITEMS}`);
  }
  const weight = (idx: number) => (options.binary ? 1 : train.values[idx]);
  const dots = new Float64Array(n * n);
  const norms = new Float64Array(n);
  for (let u = 0; u < train.nRows; u++) {
    const start = train.indptr[u];
    const end = train.indptr[u + 1];
    for (let a = start; a < end; a++) {
      const i = train.indices[a];
      const wi = weight(a);
      norms[i] += wi * wi;
      for (let b = start; b < end; b++) {
        if (a !== b) dots[i * n + train.indices[b]] += wi * weight(b);
      }
    }
  }
  for (let i = 0; i < n; i++) norms[i] = Math.sqrt(norms[i]);

  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  const values: number[] = [];
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const dot = dots[i * n + j];
      row[j] = dot > 0 ? dot / (norms[i] * norms[j] + shrinkage) : 0;
    }
    const order = topPositive(row, k);
    for (const j of order) {
      indices.push(j);
      values.push(row[j]);
    }
    indptr[i + 1] = indices.length;
  }
  const neighbours: CsrMatrix = {
    nRows: n,
    nCols: n,
    indptr,
    indices: Int32Array.from(indices),
    values: Float32Array.from(values),
  };
  return {
    name: 'item_knn',
    nItems: n,
    neighbours,
    scoreUser(user, out) {
      out.fill(0);
      for (let a = train.indptr[user]; a < train.indptr[user + 1]; a++) {
        const j = train.indices[a];
        const w = weight(a);
        for (let b = indptr[j]; b < indptr[j + 1]; b++) out[neighbours.indices[b]] += w * neighbours.values[b];
      }
    },
  };
}

/** Indices of the k largest strictly positive entries, best first (ties: lower index). */
function topPositive(row: Float64Array, k: number): number[] {
  const picked: number[] = [];
  for (let j = 0; j < row.length; j++) {
    if (row[j] > 0) picked.push(j);
  }
  picked.sort((a, b) => row[b] - row[a] || a - b);
  return picked.slice(0, k);
}

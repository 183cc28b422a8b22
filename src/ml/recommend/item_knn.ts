/**
 * Item-based k-nearest-neighbours: cosine similarity between item columns of the user x item
 * matrix, shrunk towards zero for pairs with little support, keeping the top K per item.
 * A user's score for item i is the sum over watched items j of weight(u, j) * sim(j, i).
 */
import type { Recommender } from './recommender.js';
import { transpose, type CsrMatrix } from './sparse.js';
import { BestN, WatchedMask } from './top_n.js';

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

export function fitItemKnn(train: CsrMatrix, options: ItemKnnOptions = {}): ItemKnnModel {
  const k = options.k ?? 50;
  const shrinkage = options.shrinkage ?? 10;
  const n = train.nCols;
  const weight = (idx: number) => (options.binary ? 1 : train.values[idx]);
  const norms = new Float64Array(n);
  for (let a = 0; a < train.indices.length; a++) norms[train.indices[a]] += weight(a) * weight(a);
  for (let i = 0; i < n; i++) norms[i] = Math.sqrt(norms[i]);

  // One item's row of co-occurrence dots at a time: for item i, every user who watched it, then
  // that user's other titles. Users come in ascending order, so each dot is summed in the same
  // order as a full item x item accumulation would, in O(items) memory instead of O(items^2),
  // and only titles that share a viewer with i are visited.
  const byItem = transpose(train);
  const dots = new Float64Array(n);
  const nearest = new BestN(k);
  const seenFor = new Int32Array(n).fill(-1);
  const touched = new Int32Array(n);
  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    let nTouched = 0;
    for (let e = byItem.indptr[i]; e < byItem.indptr[i + 1]; e++) {
      const u = byItem.indices[e];
      // The entry of (u, i) in train: its weight multiplies every co-watched title's.
      let a = train.indptr[u];
      while (train.indices[a] !== i) a++;
      const wi = weight(a);
      for (let b = train.indptr[u]; b < train.indptr[u + 1]; b++) {
        const j = train.indices[b];
        if (j === i) continue;
        if (seenFor[j] !== i) {
          seenFor[j] = i;
          touched[nTouched++] = j;
        }
        dots[j] += wi * weight(b);
      }
    }
    // The k largest positive similarities, best first, ties to the lower index. A bounded list, not a
    // sort of every co-watched title: popular titles share viewers with most of a large catalogue.
    nearest.reset();
    for (let t = 0; t < nTouched; t++) {
      const j = touched[t];
      const dot = dots[j];
      dots[j] = 0;
      const s = dot > 0 ? dot / (norms[i] * norms[j] + shrinkage) : 0;
      if (s > 0) nearest.offer(j, s);
    }
    for (let r = 0; r < nearest.filled; r++) {
      indices.push(nearest.items[r]);
      values.push(nearest.scores[r]);
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
    topN: neighbourTopN(train, neighbours, weight),
  };
}

/**
 * Exact top-n from the neighbour lists alone: only neighbours of the user's titles get a non-zero
 * score (summed in scoreUser's order), every other title scores exactly 0. The zeros are ranked
 * (by index) only when the list is not filled by positive scores.
 */
function neighbourTopN(train: CsrMatrix, neighbours: CsrMatrix, weight: (entry: number) => number): NonNullable<Recommender['topN']> {
  const n = neighbours.nRows;
  const acc = new Float64Array(n);
  const touchedAt = new Int32Array(n).fill(-1);
  const touched: number[] = [];
  const mask = new WatchedMask(n);
  return (user, listLength, exclude) => {
    touched.length = 0;
    if (user < train.nRows)
      for (let a = train.indptr[user]; a < train.indptr[user + 1]; a++) {
        const j = train.indices[a];
        const w = weight(a);
        for (let b = neighbours.indptr[j]; b < neighbours.indptr[j + 1]; b++) {
          const i = neighbours.indices[b];
          if (touchedAt[i] !== user) {
            touchedAt[i] = user;
            touched.push(i);
          }
          acc[i] += w * neighbours.values[b];
        }
      }
    const best = new BestN(listLength);
    const banned = mask.set(exclude, user);
    try {
      for (const i of touched) if (!banned[i]) best.offer(i, acc[i]);
      if (!best.full || !(best.lowest > 0)) for (let i = 0; i < n; i++) if (touchedAt[i] !== user && !banned[i]) best.offer(i, 0);
      return best.result();
    } finally {
      mask.clear();
      for (const i of touched) {
        acc[i] = 0;
        touchedAt[i] = -1;
      }
    }
  };
}

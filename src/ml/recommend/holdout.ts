/**
 * Interactions as parallel typed arrays, and the time-based holdout: train on what happened
 * before the cutoff day, test on titles first watched on or after it. A title the user had
 * already watched before the cutoff is neither a target nor (via topN's exclusion) a candidate.
 */
import { IdMap, csrFromTriplets, type CsrMatrix } from './sparse.js';

export interface Interactions {
  readonly user: Int32Array;
  readonly item: Int32Array;
  /** Day number (e.g. days since 1970-01-01) of the interaction. */
  readonly day: Int32Array;
  /** Strength of the interaction (watch minutes, 1 per session ...). */
  readonly weight: Float64Array;
  readonly users: IdMap;
  readonly items: IdMap;
}

export interface InteractionRow {
  userId: string;
  itemId: string;
  day: number;
  weight: number;
}

/**
 * Numbers users and items and packs rows into typed arrays. Pass `items` pre-filled with the
 * whole catalogue so titles nobody watched still get a column (coverage counts them).
 */
export function buildInteractions(rows: readonly InteractionRow[], users = new IdMap(), items = new IdMap()): Interactions {
  const n = rows.length;
  const user = new Int32Array(n);
  const item = new Int32Array(n);
  const day = new Int32Array(n);
  const weight = new Float64Array(n);
  rows.forEach((r, k) => {
    if (!Number.isFinite(r.day) || !Number.isFinite(r.weight)) {
      throw new Error(`buildInteractions: row ${k} (${r.userId}, ${r.itemId}) has a non-finite day or weight`);
    }
    user[k] = users.add(r.userId);
    item[k] = items.add(r.itemId);
    day[k] = r.day;
    weight[k] = r.weight;
  });
  return { user, item, day, weight, users, items };
}

/** The full user x item matrix (summed weights) of the interactions passing `keep`. */
export function interactionMatrix(data: Interactions, keep: (k: number) => boolean = () => true): CsrMatrix {
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  for (let k = 0; k < data.user.length; k++) {
    if (!keep(k)) continue;
    rows.push(data.user[k]);
    cols.push(data.item[k]);
    vals.push(data.weight[k]);
  }
  return csrFromTriplets(data.users.size, data.items.size, rows, cols, vals);
}

export interface Holdout {
  /** Summed weights of interactions before the cutoff. */
  readonly train: CsrMatrix;
  /** 1 for each (user, item) first seen on/after the cutoff and absent from train. */
  readonly test: CsrMatrix;
  /** Users with at least one test item (the users to evaluate). */
  readonly testUsers: Int32Array;
}

/**
 * Train on interactions before `cutoffDay`, test on titles first watched in [cutoffDay, endDay).
 * `endDay` lets a validation holdout live entirely inside the training period of the real one.
 */
export function timeHoldout(data: Interactions, cutoffDay: number, endDay = Number.POSITIVE_INFINITY): Holdout {
  const train = interactionMatrix(data, (k) => data.day[k] < cutoffDay);
  const seen = new Set<number>();
  const nItems = data.items.size;
  for (let u = 0; u < train.nRows; u++) {
    for (let k = train.indptr[u]; k < train.indptr[u + 1]; k++) seen.add(u * nItems + train.indices[k]);
  }
  const rows: number[] = [];
  const cols: number[] = [];
  for (let k = 0; k < data.user.length; k++) {
    if (data.day[k] < cutoffDay || data.day[k] >= endDay) continue;
    const key = data.user[k] * nItems + data.item[k];
    if (seen.has(key)) continue;
    seen.add(key); // also de-duplicates repeat test sessions
    rows.push(data.user[k]);
    cols.push(data.item[k]);
  }
  const test = csrFromTriplets(data.users.size, nItems, rows, cols, new Float64Array(rows.length).fill(1));
  const testUsers: number[] = [];
  for (let u = 0; u < test.nRows; u++) if (test.indptr[u + 1] > test.indptr[u]) testUsers.push(u);
  return { train, test, testUsers: Int32Array.from(testUsers) };
}

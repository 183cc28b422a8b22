/**
 * Interactions as parallel typed arrays, and the time-based holdout: train on what happened
 * before the cutoff day, test on titles first watched on or after it. A title the user had
 * already watched before the cutoff is neither a target nor (via topN's exclusion) a candidate.
 */
import { IdMap, csrFromTriplets, hasEntry, type CsrMatrix } from './sparse.js';

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

/**
 * Interactions collected one (user number, item number, day) at a time into growing typed arrays,
 * for readers whose users and items are numbered already (every weight 1).
 */
export class InteractionColumns {
  private user = new Int32Array(1024);
  private item = new Int32Array(1024);
  private day = new Int32Array(1024);
  private length = 0;

  push(user: number, item: number, day: number): void {
    if (!Number.isInteger(user) || !Number.isInteger(item) || !Number.isInteger(day))
      throw new Error(`InteractionColumns: row ${this.length} has a non-integer user, item or day (${user}, ${item}, ${day})`);
    if (this.length === this.user.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.user = grow(this.user);
      this.item = grow(this.item);
      this.day = grow(this.day);
    }
    this.user[this.length] = user;
    this.item[this.length] = item;
    this.day[this.length++] = day;
  }

  /** The interactions, numbered by `users` and `items` (every number pushed must be in them). */
  build(users: IdMap, items: IdMap): Interactions {
    const n = this.length;
    for (let k = 0; k < n; k++)
      if (this.user[k] >= users.size || this.item[k] >= items.size || this.user[k] < 0 || this.item[k] < 0)
        throw new Error(
          `InteractionColumns: row ${k} has user ${this.user[k]} / item ${this.item[k]} outside the ${users.size} users / ${items.size} items`,
        );
    return {
      user: this.user.slice(0, n),
      item: this.item.slice(0, n),
      day: this.day.slice(0, n),
      weight: new Float64Array(n).fill(1),
      users,
      items,
    };
  }
}

/** The full user x item matrix (summed weights) of the interactions passing `keep`. */
export function interactionMatrix(data: Interactions, keep: (k: number) => boolean = () => true): CsrMatrix {
  const n = data.user.length;
  const kept = new Uint8Array(n);
  let count = 0;
  for (let k = 0; k < n; k++) if (keep(k)) ((kept[k] = 1), count++);
  const rows = new Int32Array(count);
  const cols = new Int32Array(count);
  const vals = new Float64Array(count);
  for (let k = 0, e = 0; k < n; k++) {
    if (!kept[k]) continue;
    rows[e] = data.user[k];
    cols[e] = data.item[k];
    vals[e++] = data.weight[k];
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
  // Titles first watched in the window and not before the cutoff; a title watched in several
  // test sessions counts once (the merged duplicates are set back to 1).
  const test = interactionMatrix(
    data,
    (k) => data.day[k] >= cutoffDay && data.day[k] < endDay && !hasEntry(train, data.user[k], data.item[k]),
  );
  test.values.fill(1);
  const testUsers: number[] = [];
  for (let u = 0; u < test.nRows; u++) if (test.indptr[u + 1] > test.indptr[u]) testUsers.push(u);
  return { train, test, testUsers: Int32Array.from(testUsers) };
}

// Seeded caps on the rows a model trains or is evaluated on, so a step's cost stops growing with the
// data past a size where more rows no longer change what is learned or claimed. A cap is only ever
// set above the scale-1 sizes: below it the rows are returned as they are (the very same array), so
// small runs are unchanged bit for bit. Above it a seeded uniform sample without replacement is
// kept, in the original order, and the caller states the cap and the sample size in its model card.

import { createRng } from './rng.js';

export interface CappedRows {
  /** The kept row indices, ascending when the input was ascending (the input's order is kept). */
  rows: Int32Array;
  /** How many rows there were before the cap. */
  available: number;
  /** The cap applied (rows.length <= cap). */
  cap: number;
  /** True when rows were dropped. */
  sampled: boolean;
}

/**
 * At most `cap` of `rows`, chosen uniformly at random with `seed` (a partial Fisher-Yates shuffle
 * of positions, then the chosen positions in their original order). Rows at or below the cap come
 * back untouched.
 */
export function capRows(rows: Int32Array, cap: number, seed: number): CappedRows {
  if (!Number.isInteger(cap) || cap < 1) throw new Error(`capRows: the cap must be a positive integer, got ${cap}`);
  const n = rows.length;
  if (n <= cap) return { rows, available: n, cap, sampled: false };
  const positions = new Int32Array(n);
  for (let i = 0; i < n; i++) positions[i] = i;
  const rng = createRng(seed);
  for (let i = 0; i < cap; i++) {
    const j = i + rng.int(n - i);
    const t = positions[i];
    positions[i] = positions[j];
    positions[j] = t;
  }
  const chosen = positions.slice(0, cap).sort();
  return { rows: Int32Array.from(chosen, (p) => rows[p]), available: n, cap, sampled: true };
}

/** A sentence for a model card: the cap and the sample actually used, from the run's figures. */
export function describeCap(what: string, c: CappedRows): string {
  return c.sampled
    ? `${what}: a seeded sample of ${c.rows.length.toLocaleString('en-US')} of ${c.available.toLocaleString('en-US')} (cap ${c.cap.toLocaleString('en-US')})`
    : `${what}: all ${c.available.toLocaleString('en-US')} (cap ${c.cap.toLocaleString('en-US')} not reached)`;
}

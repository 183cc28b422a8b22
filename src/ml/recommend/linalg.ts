/**
 * Inner loop of ALS's conjugate-gradient solver. Factors live in one flat Float64Array per
 * side (row r at offset r * factors); a dot product at two offsets reads them in place. ml-matrix
 * would need a row copy or a Matrix view per call, in a loop that runs for every user and item on every iteration,
 * so this stays a typed-array loop. (Dense solves use ml-matrix: src/ml/core/linalg.ts.)
 */

/** Dot product of a[aOff .. aOff+n) and b[bOff .. bOff+n). */
export function dotAt(a: Float64Array, aOff: number, b: Float64Array, bOff: number, n: number): number {
  let s = 0;
  for (let f = 0; f < n; f++) s += a[aOff + f] * b[bOff + f];
  return s;
}

/**
 * out[outOff + k] = user · item (first + k) for k < count, items being rows of `items` (f wide). Four
 * items per pass share the user's factors: four independent sums, each added in factor order, so
 * every dot is the same number as dotAt's. Scoring every title for a user is the largest cost of
 * evaluating a factor model, and the top-n scan (top_n.ts) runs the same kernel.
 */
export function dotsInto(
  user: Float64Array,
  userOff: number,
  items: Float64Array,
  first: number,
  count: number,
  f: number,
  out: Float64Array,
  outOff: number,
): void {
  let k = 0;
  for (; k + 4 <= count; k += 4) {
    const o0 = (first + k) * f;
    const o1 = o0 + f;
    const o2 = o1 + f;
    const o3 = o2 + f;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let d = 0; d < f; d++) {
      const ud = user[userOff + d];
      s0 += ud * items[o0 + d];
      s1 += ud * items[o1 + d];
      s2 += ud * items[o2 + d];
      s3 += ud * items[o3 + d];
    }
    out[outOff + k] = s0;
    out[outOff + k + 1] = s1;
    out[outOff + k + 2] = s2;
    out[outOff + k + 3] = s3;
  }
  for (; k < count; k++) out[outOff + k] = dotAt(user, userOff, items, (first + k) * f, f);
}

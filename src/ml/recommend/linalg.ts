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

/** Inner loop shared by the factor models. (Cholesky lives in src/ml/models/linalg.ts.) */

/** Dot product of a[aOff .. aOff+n) and b[bOff .. bOff+n). */
export function dotAt(a: Float64Array, aOff: number, b: Float64Array, bOff: number, n: number): number {
  let s = 0;
  for (let f = 0; f < n; f++) s += a[aOff + f] * b[bOff + f];
  return s;
}

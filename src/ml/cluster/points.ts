/**
 * Row-major point sets for clustering: point i, feature j at `values[i * dim + j]`.
 * Built from a (column-major) FeatureMatrix with `pointsFromMatrix`; standardise first when
 * features have different units, since every algorithm here uses Euclidean distance.
 */
import { type FeatureMatrix, toRowMajor } from '../core/matrix.js';

export interface Points {
  n: number;
  dim: number;
  values: Float64Array;
}

export function pointsFromMatrix(m: FeatureMatrix): Points {
  if (m.data.some((v) => !Number.isFinite(v))) throw new Error('pointsFromMatrix: NaN/Infinity in input; impute first');
  return { n: m.nRows, dim: m.nCols, values: toRowMajor(m) };
}

export function sqDist(a: Float64Array, i: number, b: Float64Array, k: number, dim: number): number {
  let s = 0;
  const ai = i * dim;
  const bk = k * dim;
  for (let j = 0; j < dim; j++) {
    const t = a[ai + j] - b[bk + j];
    s += t * t;
  }
  return s;
}

/** Subset of points by index (copy). */
export function subsetPoints(p: Points, rows: ArrayLike<number>): Points {
  const values = new Float64Array(rows.length * p.dim);
  for (let k = 0; k < rows.length; k++) values.set(p.values.subarray(rows[k] * p.dim, (rows[k] + 1) * p.dim), k * p.dim);
  return { n: rows.length, dim: p.dim, values };
}

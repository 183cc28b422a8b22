// Small dense linear algebra for Newton steps and normal equations (p x p systems, p = features + 1),
// on ml-matrix's Cholesky decomposition.
import { CholeskyDecomposition, Matrix } from 'ml-matrix';

/**
 * Solves A x = b for symmetric positive-definite A (row-major p x p) by Cholesky. Only the lower
 * triangle of A is read (callers may fill the upper one with rounding-level differences).
 * Throws when A is not positive definite (the caller regularises to avoid that).
 */
export function choleskySolve(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const cholesky = decompose(a, 0, p, 'choleskySolve');
  return Float64Array.from(cholesky.solve(Matrix.columnVector(Array.from(b))).getColumn(0));
}

/**
 * The lower Cholesky factor L (A = L Lᵀ) of the symmetric positive-definite d x d matrix stored
 * row-major at a[offset ..], as a row-major Float64Array, for callers that run their own
 * triangular solves over many vectors in typed-array loops. `what` names the caller in the error.
 */
export function choleskyLower(a: Float64Array, offset: number, d: number, what: string): Float64Array {
  return Float64Array.from(decompose(a, offset, d, what).lowerTriangularMatrix.to1DArray());
}

/** ml-matrix wants an exactly symmetric matrix: mirror the lower triangle (the only one read). */
function decompose(a: Float64Array, offset: number, p: number, what: string): CholeskyDecomposition {
  const m = new Matrix(p, p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      const v = a[offset + i * p + j];
      m.set(i, j, v);
      m.set(j, i, v);
    }
  }
  const cholesky = new CholeskyDecomposition(m);
  if (!cholesky.isPositiveDefinite()) throw new Error(`${what}: ${p} x ${p} matrix not positive definite`);
  return cholesky;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

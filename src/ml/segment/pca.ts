// Principal components for clustering. Clustering in all ~36 standardised dimensions lets
// the many weak, noisy share columns flatten the silhouette curve (it then prefers k = 2); projecting
// on the components that carry structure restores it. Kept components: eigenvalue above
// MIN_EIGENVALUE. An uncorrelated standardised column has variance 1, and the Marchenko-Pastur edge for
// pure noise at n = 10k rows, p = 36 columns is about 1.12, so 1.5 keeps only clearly structured
// directions; at least 2 components are always kept.
import { EVD, Matrix } from 'ml-matrix';
import type { FeatureMatrix } from '../core/matrix.js';
import type { Points } from '../cluster/points.js';

export const MIN_EIGENVALUE = 1.5;

export interface Projection {
  points: Points;
  eigenvalues: number[];
  nComponents: number;
  explainedVariance: number;
}

/**
 * Projects a standardised matrix (no NaN) on its leading principal components: the eigenvectors of
 * its covariance matrix (ml-matrix's symmetric EVD of a d x d matrix), not an SVD of the n x d data.
 * The covariance is summed over the typed column-major data in one pass per column pair, so a
 * million users cost d x d numbers instead of several n x d copies (an SVD through ml-pca took 40 s
 * and 2.2 GB at a million rows, this about a second). Each component's sign is fixed so that its
 * largest loading is positive; k-means, the mixture and DBSCAN only see distances, which a sign flip
 * leaves exactly as they were.
 */
export function projectOnComponents(z: FeatureMatrix, minEigenvalue = MIN_EIGENVALUE): Projection {
  const { nRows: n, nCols: d } = z;
  if (z.data.some((v) => !Number.isFinite(v))) throw new Error('projectOnComponents: NaN/Infinity in input; impute and standardise first');
  const means = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += z.data[j * n + i];
    means[j] = n > 0 ? s / n : 0;
  }
  const centred = new Float64Array(n * d);
  for (let j = 0; j < d; j++) for (let i = 0; i < n; i++) centred[j * n + i] = z.data[j * n + i] - means[j];
  const cov = Matrix.zeros(d, d);
  for (let j = 0; j < d; j++)
    for (let k = j; k < d; k++) {
      let s = 0;
      const oj = j * n;
      const ok = k * n;
      for (let i = 0; i < n; i++) s += centred[oj + i] * centred[ok + i];
      const c = n > 1 ? s / (n - 1) : 0;
      cov.set(j, k, c);
      cov.set(k, j, c);
    }
  const evd = new EVD(cov, { assumeSymmetric: true });
  // Largest first; rounding can leave a zero eigenvalue slightly negative.
  const order = evd.realEigenvalues.map((v, c) => ({ v: Math.max(0, v), c })).sort((a, b) => b.v - a.v || a.c - b.c);
  const eigenvalues = order.map((o) => o.v);
  const nComponents = Math.min(d, Math.max(2, eigenvalues.filter((v) => v > minEigenvalue).length));
  const vectors = evd.eigenvectorMatrix;
  const loadings: Float64Array[] = order.slice(0, nComponents).map(({ c }) => {
    const w = Float64Array.from({ length: d }, (_, j) => vectors.get(j, c));
    let at = 0;
    for (let j = 1; j < d; j++) if (Math.abs(w[j]) > Math.abs(w[at])) at = j;
    if (w[at] < 0) for (let j = 0; j < d; j++) w[j] = -w[j];
    return w;
  });
  const values = new Float64Array(n * nComponents);
  for (let c = 0; c < nComponents; c++) {
    const w = loadings[c];
    for (let j = 0; j < d; j++) {
      const wj = w[j];
      const oj = j * n;
      for (let i = 0; i < n; i++) values[i * nComponents + c] += centred[oj + i] * wj;
    }
  }
  const total = eigenvalues.reduce((a, b) => a + b, 0);
  const kept = eigenvalues.slice(0, nComponents).reduce((a, b) => a + b, 0);
  return { points: { n, dim: nComponents, values }, eigenvalues, nComponents, explainedVariance: total > 0 ? kept / total : NaN };
}

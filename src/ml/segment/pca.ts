// Principal components for clustering, via ml-pca. Clustering in all ~36 standardised dimensions lets
// the many weak, noisy share columns flatten the silhouette curve (it then prefers k = 2); projecting
// on the components that carry structure restores it. Kept components: eigenvalue above
// MIN_EIGENVALUE. An uncorrelated standardised column has variance 1, and the Marchenko-Pastur edge for
// pure noise at n = 10k rows, p = 36 columns is about 1.12, so 1.5 keeps only clearly structured
// directions; at least 2 components are always kept.
import { PCA } from 'ml-pca';
import type { FeatureMatrix } from '../core/matrix.js';
import type { Points } from '../cluster/points.js';

export const MIN_EIGENVALUE = 1.5;

export interface Projection {
  points: Points;
  eigenvalues: number[];
  nComponents: number;
  explainedVariance: number;
}

/** Projects a standardised matrix (no NaN) on its leading principal components. */
export function projectOnComponents(z: FeatureMatrix, minEigenvalue = MIN_EIGENVALUE): Projection {
  const { nRows: n, nCols: d } = z;
  if (z.data.some((v) => !Number.isFinite(v))) throw new Error('projectOnComponents: NaN/Infinity in input; impute and standardise first');
  const rows: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = new Array<number>(d);
    for (let j = 0; j < d; j++) r[j] = z.data[j * n + i];
    rows[i] = r;
  }
  const pca = new PCA(rows, { center: true, scale: false });
  const eigenvalues = pca.getEigenvalues();
  const nComponents = Math.min(d, Math.max(2, eigenvalues.filter((v) => v > minEigenvalue).length));
  const projected = pca.predict(rows, { nComponents }).to2DArray();
  const values = new Float64Array(n * nComponents);
  for (let i = 0; i < n; i++) for (let c = 0; c < nComponents; c++) values[i * nComponents + c] = projected[i][c];
  const total = eigenvalues.reduce((a, b) => a + b, 0);
  const kept = eigenvalues.slice(0, nComponents).reduce((a, b) => a + b, 0);
  return { points: { n, dim: nComponents, values }, eigenvalues, nComponents, explainedVariance: total > 0 ? kept / total : NaN };
}

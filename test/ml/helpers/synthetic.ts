/**
 * Seeded synthetic data with known ground truth, for tests and sanity checks of the harness:
 * a logistic model with given coefficients (plus optional nonlinear term), and Gaussian blobs
 * for clustering. The true probabilities give the achievable AUC ceiling.
 */
import { createMatrix, type FeatureMatrix } from '../../../src/ml/core/matrix.js';
import { createRng } from '../../../src/ml/core/rng.js';

export interface SyntheticBinary {
  x: FeatureMatrix;
  labels: Float64Array;
  trueProb: Float64Array;
}

/**
 * x_j ~ N(0, 1) independently; logit = intercept + sum coef_j x_j (+ interaction x0*x1 when
 * `interaction` is non-zero); y ~ Bernoulli(sigmoid(logit)). Extra noise features have coef 0.
 */
export function syntheticLogistic(
  nRows: number,
  coef: readonly number[],
  options: { intercept?: number; noiseFeatures?: number; interaction?: number; seed?: number } = {},
): SyntheticBinary {
  const rng = createRng(options.seed ?? 1);
  const d = coef.length + (options.noiseFeatures ?? 0);
  const x = createMatrix(
    nRows,
    Array.from({ length: d }, (_, j) => `f${j}`),
  );
  for (let k = 0; k < x.data.length; k++) x.data[k] = rng.normal();
  const labels = new Float64Array(nRows);
  const trueProb = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) {
    let eta = options.intercept ?? 0;
    for (let j = 0; j < coef.length; j++) eta += coef[j] * x.data[j * nRows + i];
    if (options.interaction) eta += options.interaction * x.data[i] * x.data[nRows + i];
    const p = 1 / (1 + Math.exp(-eta));
    trueProb[i] = p;
    labels[i] = rng.next() < p ? 1 : 0;
  }
  return { x, labels, trueProb };
}

/** Isotropic Gaussian blobs around the given centres; returns the matrix and the true labels. */
export function syntheticBlobs(
  centres: readonly (readonly number[])[],
  perCluster: number,
  spread: number,
  seed = 1,
): { x: FeatureMatrix; truth: Int32Array } {
  const rng = createRng(seed);
  const d = centres[0].length;
  const n = centres.length * perCluster;
  const x = createMatrix(
    n,
    Array.from({ length: d }, (_, j) => `f${j}`),
  );
  const truth = new Int32Array(n);
  for (let c = 0; c < centres.length; c++) {
    for (let k = 0; k < perCluster; k++) {
      const i = c * perCluster + k;
      truth[i] = c;
      for (let j = 0; j < d; j++) x.data[j * n + i] = centres[c][j] + spread * rng.normal();
    }
  }
  return { x, truth };
}

/**
 * Gaussian mixture fitted by EM, diagonal or full covariance, initialised from k-means
 * (seeded). `regCovar` is added to every variance (diagonal) so components never collapse.
 * Log-likelihood is the total over points; BIC = -2 LL + params x ln(n) (lower is better),
 * with params = (k-1) weights + k*d means + k*d (diag) or k*d(d+1)/2 (full) covariances.
 */
import { kmeans } from './kmeans.js';
import type { Points } from './points.js';
import { choleskyLower } from '../core/linalg.js';

export type CovarianceType = 'diag' | 'full';

export interface GmmOptions {
  covariance?: CovarianceType;
  maxIter?: number;
  /** Stop when the mean log-likelihood per point improves by less than tol; default 1e-5
   * (scikit-learn uses 1e-3). */
  tol?: number;
  regCovar?: number;
  seed?: number;
}

export interface GmmResult {
  k: number;
  covariance: CovarianceType;
  weights: Float64Array;
  /** Row-major k x d. */
  means: Float64Array;
  /** diag: k x d variances; full: k x d x d covariance matrices. */
  covariances: Float64Array;
  /** Row-major n x k posterior probabilities. */
  responsibilities: Float64Array;
  labels: Int32Array;
  logLikelihood: number;
  bic: number;
  iterations: number;
  converged: boolean;
}

const LOG_2PI = Math.log(2 * Math.PI);

export function fitGmm(p: Points, k: number, options: GmmOptions = {}): GmmResult {
  const cov = options.covariance ?? 'diag';
  const maxIter = options.maxIter ?? 200;
  const tol = options.tol ?? 1e-5;
  const reg = options.regCovar ?? 1e-6;
  const { n, dim: d, values } = p;
  if (!(Number.isInteger(k) && k >= 1 && k <= n)) throw new Error(`fitGmm: k must be an integer in [1, n=${n}], got ${k}`);
  const resp = new Float64Array(n * k);
  const init = kmeans(p, k, { seed: options.seed ?? 42, nInit: 3 });
  for (let i = 0; i < n; i++) resp[i * k + init.labels[i]] = 1;

  const weights = new Float64Array(k);
  const means = new Float64Array(k * d);
  const covariances = new Float64Array(cov === 'diag' ? k * d : k * d * d);
  const diff = new Float64Array(d);

  const nk = new Float64Array(k);
  // M-step in row order (point i outer) so memory is read sequentially.
  const mStep = () => {
    nk.fill(0);
    means.fill(0);
    covariances.fill(0);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        const r = resp[i * k + c];
        if (r === 0) continue;
        nk[c] += r;
        for (let j = 0; j < d; j++) means[c * d + j] += r * values[i * d + j];
      }
    }
    for (let c = 0; c < k; c++) {
      // Guard against an emptied component without biasing normal ones.
      nk[c] = Math.max(nk[c], 1e-10);
      weights[c] = nk[c] / n;
      for (let j = 0; j < d; j++) means[c * d + j] /= nk[c];
    }
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        const r = resp[i * k + c];
        if (r === 0) continue;
        for (let a = 0; a < d; a++) diff[a] = values[i * d + a] - means[c * d + a];
        if (cov === 'diag') {
          for (let j = 0; j < d; j++) covariances[c * d + j] += r * diff[j] * diff[j];
        } else {
          const base = c * d * d;
          for (let a = 0; a < d; a++) {
            const ra = r * diff[a];
            for (let b = 0; b <= a; b++) covariances[base + a * d + b] += ra * diff[b];
          }
        }
      }
    }
    for (let c = 0; c < k; c++) {
      if (cov === 'diag') {
        for (let j = 0; j < d; j++) covariances[c * d + j] = covariances[c * d + j] / nk[c] + reg;
      } else {
        const base = c * d * d;
        for (let a = 0; a < d; a++) {
          for (let b = 0; b <= a; b++) {
            const v = covariances[base + a * d + b] / nk[c] + (a === b ? reg : 0);
            covariances[base + a * d + b] = v;
            covariances[base + b * d + a] = v;
          }
        }
      }
    }
  };

  // E-step: fills resp with posteriors and returns the total log-likelihood.
  const eStep = (): number => posteriors(values, n, { k, covariance: cov, weights, means, covariances }, resp);

  mStep();
  let ll = eStep();
  let iterations = 0;
  let converged = false;
  for (let it = 0; it < maxIter; it++) {
    iterations = it + 1;
    mStep();
    const next = eStep();
    const gain = (next - ll) / n;
    ll = next;
    if (Math.abs(gain) < tol) {
      converged = true;
      break;
    }
  }
  const labels = mostProbable(resp, n, k);
  const nParams = k - 1 + k * d + (cov === 'diag' ? k * d : (k * d * (d + 1)) / 2);
  return {
    k,
    covariance: cov,
    weights,
    means,
    covariances,
    responsibilities: resp,
    labels,
    logLikelihood: ll,
    bic: -2 * ll + nParams * Math.log(n),
    iterations,
    converged,
  };
}

/** A fitted mixture's parameters: what `posteriors` needs to score points. */
export type GmmParameters = Pick<GmmResult, 'k' | 'covariance' | 'weights' | 'means' | 'covariances'>;

/**
 * Posterior probabilities of each component for n points (row-major n x dim `values`) into `resp`
 * (n x k); returns the total log-likelihood. The E-step of fitGmm, and predictGmm for points the
 * mixture was not fitted on.
 */
function posteriors(values: Float64Array, n: number, g: GmmParameters, resp: Float64Array): number {
  const { k, covariance: cov, weights, means, covariances } = g;
  const d = means.length / k;
  const logProb = new Float64Array(k);
  const diff = new Float64Array(d);
  const chol =
    cov === 'full' ? Array.from({ length: k }, (_, c) => choleskyLower(covariances, c * d * d, d, 'gmm: covariance (raise regCovar)')) : [];
  const logNorm = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let logDet = 0;
    if (cov === 'diag') for (let j = 0; j < d; j++) logDet += Math.log(covariances[c * d + j]);
    else for (let j = 0; j < d; j++) logDet += 2 * Math.log(chol[c][j * d + j]);
    logNorm[c] = Math.log(weights[c]) - 0.5 * (d * LOG_2PI + logDet);
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      let maha = 0;
      if (cov === 'diag') {
        for (let j = 0; j < d; j++) maha += (values[i * d + j] - means[c * d + j]) ** 2 / covariances[c * d + j];
      } else {
        // Forward substitution L z = x - mu; Mahalanobis distance = |z|^2.
        const l = chol[c];
        for (let a = 0; a < d; a++) {
          let s = values[i * d + a] - means[c * d + a];
          for (let q = 0; q < a; q++) s -= l[a * d + q] * diff[q];
          diff[a] = s / l[a * d + a];
          maha += diff[a] * diff[a];
        }
      }
      logProb[c] = logNorm[c] - 0.5 * maha;
      if (logProb[c] > max) max = logProb[c];
    }
    let s = 0;
    for (let c = 0; c < k; c++) s += Math.exp(logProb[c] - max);
    const lse = max + Math.log(s);
    total += lse;
    for (let c = 0; c < k; c++) resp[i * k + c] = Math.exp(logProb[c] - lse);
  }
  return total;
}

/** The most probable component of each point (ties to the lower index), as fitGmm labels the points it was fitted on. */
function mostProbable(resp: Float64Array, n: number, k: number): Int32Array {
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (resp[i * k + c] > resp[i * k + best]) best = c;
    labels[i] = best;
  }
  return labels;
}

/** Labels of points (the fitted mixture's dim) under a mixture fitted on other points: their most probable component. */
export function predictGmm(g: GmmParameters, p: Points): Int32Array {
  if (p.dim * g.k !== g.means.length) throw new Error(`predictGmm: points have ${p.dim} dimensions, the mixture ${g.means.length / g.k}`);
  const resp = new Float64Array(p.n * g.k);
  posteriors(p.values, p.n, g, resp);
  return mostProbable(resp, p.n, g.k);
}

/**
 * L2-regularised logistic regression solved by Newton's method (IRLS) with step halving.
 * The Hessian (the O(n p^2) part of a step) is rebuilt only while steps are large: once a step
 * moves no coefficient by more than REFRESH_ABOVE, later steps reuse the last Hessian's Cholesky
 * factor with a fresh gradient (a chord step, O(n p)). Near the optimum the Hessian hardly changes,
 * so chord steps converge to the same optimum, stopping on the same rule (largest change < tol).
 *
 * Objective (on standardised features z = (x - mean) / std, intercept not penalised):
 *   sum_i logloss(y_i, sigmoid(b0 + z_i . w)) + (l2 / 2) * ||w||^2
 * The penalty keeps coefficients finite on separable data. Newton converges in ~5-10
 * iterations; each costs O(n p^2), fine for p up to ~100.
 * Input must have no NaN (use fitImputer first).
 */
import { applyStandardiser, assertSameColumns, type FeatureMatrix, fitStandardiser, type Standardiser } from '../core/matrix.js';
import { choleskyLower, sigmoid } from '../core/linalg.js';
import { createHessianKernel, type HessianKernel } from './logistic-kernel.js';

/** Steps that move a coefficient by more than this get a freshly computed Hessian. */
const REFRESH_ABOVE = 0.2;
/** A chord step must shrink the largest change at least this much, or the Hessian is rebuilt. */
const CHORD_SHRINK = 0.25;

/** Solves (L Lᵀ) x = b in place for the row-major lower factor L (p x p). */
function solveWithFactor(l: Float64Array, b: Float64Array, p: number): void {
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * b[k];
    b[i] = s / l[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * b[k];
    b[i] = s / l[i * p + i];
  }
}

export interface LogisticOptions {
  /** L2 strength on standardised coefficients; default 1. */
  l2?: number;
  maxIter?: number;
  /** Stop when the largest coefficient change is below this; default 1e-8. */
  tol?: number;
  /** Optional row weights. */
  weights?: ArrayLike<number>;
  /**
   * Warm start: a model fitted on the same rows (e.g. with another l2 along a regularisation path).
   * Newton starts from its standardised coefficients and converges to the same optimum (within
   * `tol`) in fewer iterations.
   */
  start?: Pick<LogisticModel, 'intercept' | 'coef'> & { curvature?: Float64Array; prepared?: PreparedRows };
  /**
   * Where the Hessian is summed: 'wasm' (logistic-kernel.ts, once loadLogisticKernel() has finished)
   * or 'js' (computeHessian). Both give the same Hessian to the bit; the default takes the kernel when it can.
   */
  kernel?: 'wasm' | 'js';
}

/**
 * A fit's standardised rows (and the Hessian kernel's copy of them), kept on the model so a warm
 * start on the same FeatureMatrix object (the next penalty of a path) reuses them instead of
 * standardising and copying the same rows again. Rows must not change between the two fits.
 */
export interface PreparedRows {
  readonly x: FeatureMatrix;
  readonly standardiser: Standardiser;
  readonly z: FeatureMatrix;
  hessianKernel: HessianKernel | null | undefined;
}

export interface LogisticModel {
  kind: 'logistic';
  names: readonly string[];
  standardiser: Standardiser;
  intercept: number;
  /** Coefficients per standardised feature (comparable across features: importance). */
  coef: Float64Array;
  /** The same model on the original feature scale: logit = interceptRaw + x . coefRaw. */
  interceptRaw: number;
  coefRaw: Float64Array;
  iterations: number;
  converged: boolean;
  /**
   * Xᵀ W X on the standardised features (intercept first, unpenalised) at the last point where the
   * Hessian was built: a warm start on the same rows starts from it instead of building one.
   */
  curvature: Float64Array;
  /** This fit's standardised rows, for a warm start on the same matrix (see PreparedRows). */
  prepared: PreparedRows;
  predictProba(x: FeatureMatrix): Float64Array;
  /** |standardised coefficient| per feature, normalised to sum 1. */
  importances(): { feature: string; importance: number; coefficient: number }[];
}

/**
 * eta_i = beta0 + z_i . beta[1..]: four columns per pass over the rows, each row's terms still
 * added one at a time in feature order (the same sums as column by column).
 */
function linearPredictor(z: FeatureMatrix, beta: Float64Array, eta: Float64Array): void {
  const { nRows: n, nCols: d } = z;
  const data = z.data;
  eta.fill(beta[0]);
  let j = 0;
  for (; j + 4 <= d; j += 4) {
    const b0 = beta[j + 1];
    const b1 = beta[j + 2];
    const b2 = beta[j + 3];
    const b3 = beta[j + 4];
    const o0 = j * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    for (let i = 0; i < n; i++) eta[i] = eta[i] + data[o0 + i] * b0 + data[o1 + i] * b1 + data[o2 + i] * b2 + data[o3 + i] * b3;
  }
  for (; j < d; j++) {
    const b = beta[j + 1];
    const off = j * n;
    for (let i = 0; i < n; i++) eta[i] += data[off + i] * b;
  }
}

function objective(
  z: FeatureMatrix,
  y: ArrayLike<number>,
  w: ArrayLike<number> | undefined,
  beta: Float64Array,
  l2: number,
  eta: Float64Array,
): number {
  const { nRows: n, nCols: d } = z;
  linearPredictor(z, beta, eta);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const e = eta[i];
    // log(1 + e^eta) - y*eta, computed stably.
    const l = (e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e))) - y[i] * e;
    loss += (w ? w[i] : 1) * l;
  }
  let pen = 0;
  for (let j = 1; j <= d; j++) pen += beta[j] * beta[j];
  return loss + 0.5 * l2 * pen;
}

/**
 * Lower triangle of Xᵀ W X (with a leading column of ones for the intercept), mirrored to the upper:
 * one pair of columns at a time, each entry summing its rows in row order.
 */
function computeHessian(
  hess: Float64Array,
  curv: Float64Array,
  weighted: Float64Array,
  col: (j: number) => Float64Array,
  n: number,
  p: number,
): void {
  for (let a = 0; a < p; a++) {
    const za = a === 0 ? null : col(a);
    for (let i = 0; i < n; i++) weighted[i] = za ? curv[i] * za[i] : curv[i];
    let s0 = 0;
    for (let i = 0; i < n; i++) s0 += weighted[i];
    hess[a * p] = s0;
    // Four columns b per pass over the rows: four independent sums, each in row order.
    let b = 1;
    for (; b + 4 <= a + 1; b += 4) {
      const z0 = col(b);
      const z1 = col(b + 1);
      const z2 = col(b + 2);
      const z3 = col(b + 3);
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      for (let i = 0; i < n; i++) {
        const wi = weighted[i];
        t0 += wi * z0[i];
        t1 += wi * z1[i];
        t2 += wi * z2[i];
        t3 += wi * z3[i];
      }
      hess[a * p + b] = t0;
      hess[a * p + b + 1] = t1;
      hess[a * p + b + 2] = t2;
      hess[a * p + b + 3] = t3;
    }
    for (; b <= a; b++) {
      const zb = col(b);
      let sum = 0;
      for (let i = 0; i < n; i++) sum += weighted[i] * zb[i];
      hess[a * p + b] = sum;
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) hess[b * p + a] = hess[a * p + b];
}

export function fitLogistic(x: FeatureMatrix, labels: ArrayLike<number>, options: LogisticOptions = {}): LogisticModel {
  const l2 = options.l2 ?? 1;
  const maxIter = options.maxIter ?? 100;
  const tol = options.tol ?? 1e-8;
  const n = x.nRows;
  const d = x.nCols;
  if (labels.length !== n) throw new Error(`fitLogistic: ${labels.length} labels vs ${n} rows`);
  for (let k = 0; k < x.data.length; k++)
    if (!Number.isFinite(x.data[k])) throw new Error('fitLogistic: input has NaN/Infinity; impute first (fitImputer)');
  const w = options.weights;
  const reuse = options.start?.prepared?.x === x ? options.start.prepared : undefined;
  const standardiser = reuse?.standardiser ?? fitStandardiser(x);
  const z = reuse?.z ?? applyStandardiser(standardiser, x);
  const prepared: PreparedRows = reuse ?? { x, standardiser, z, hessianKernel: undefined };
  const p = d + 1;
  const beta = new Float64Array(p);
  // Start the intercept at the prior log-odds so the first step is small.
  let sy = 0;
  let sw = 0;
  for (let i = 0; i < n; i++) {
    sy += (w ? w[i] : 1) * labels[i];
    sw += w ? w[i] : 1;
  }
  const prior = Math.min(1 - 1e-6, Math.max(1e-6, sy / sw));
  beta[0] = Math.log(prior / (1 - prior));
  if (options.start) {
    if (options.start.coef.length !== d)
      throw new Error(`fitLogistic: warm start has ${options.start.coef.length} coefficients for ${d} features`);
    beta[0] = options.start.intercept;
    beta.set(options.start.coef, 1);
  }

  const startCurvature = options.start?.curvature?.length === p * p ? options.start.curvature : undefined;
  const curvature = new Float64Array(p * p);
  const eta = new Float64Array(n);
  const hess = new Float64Array(p * p);
  const grad = new Float64Array(p);
  // Per-row residual r_i and curvature h_i, and h_i * z_ia for one column a at a time.
  const resid = new Float64Array(n);
  const curv = new Float64Array(n);
  const weighted = new Float64Array(n);
  const col = (j: number) => z.data.subarray((j - 1) * n, j * n); // column of feature j (1-based; 0 = intercept)
  let iterations = 0;
  let converged = false;
  // Also leaves eta = linear predictor at beta, as every accepted objective evaluation below does.
  let current = objective(z, labels, w, beta, l2, eta);
  let factor: Float64Array | null = null;
  let refresh = true;
  let lastChange = Infinity;
  const step = new Float64Array(p);
  const next = new Float64Array(p);
  for (let it = 0; it < maxIter; it++) {
    iterations = it + 1;
    for (let i = 0; i < n; i++) {
      const mu = sigmoid(eta[i]);
      const wi = w ? w[i] : 1;
      resid[i] = wi * (mu - labels[i]);
      curv[i] = wi * Math.max(mu * (1 - mu), 1e-12);
    }
    let g0 = 0;
    for (let i = 0; i < n; i++) g0 += resid[i];
    grad[0] = g0;
    // Four coefficients per pass over the rows: four independent sums, each in row order.
    let a = 1;
    for (; a + 4 <= p; a += 4) {
      const z0 = col(a);
      const z1 = col(a + 1);
      const z2 = col(a + 2);
      const z3 = col(a + 3);
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      for (let i = 0; i < n; i++) {
        const ri = resid[i];
        t0 += ri * z0[i];
        t1 += ri * z1[i];
        t2 += ri * z2[i];
        t3 += ri * z3[i];
      }
      grad[a] = t0 + l2 * beta[a];
      grad[a + 1] = t1 + l2 * beta[a + 1];
      grad[a + 2] = t2 + l2 * beta[a + 2];
      grad[a + 3] = t3 + l2 * beta[a + 3];
    }
    for (; a < p; a++) {
      const za = col(a);
      let g = 0;
      for (let i = 0; i < n; i++) g += resid[i] * za[i];
      grad[a] = g + l2 * beta[a];
    }
    const refreshed: boolean = refresh || factor === null;
    if (refreshed) {
      if (it === 0 && startCurvature) hess.set(startCurvature);
      else {
        // The kernel (and its copy of the rows) is made on the first Hessian these rows need.
        if (options.kernel !== 'js') prepared.hessianKernel ??= createHessianKernel(n, p, col);
        const kernel = options.kernel === 'js' ? null : prepared.hessianKernel;
        if (kernel) kernel.hessian(curv, hess);
        else computeHessian(hess, curv, weighted, col, n, p);
      }
      curvature.set(hess);
      for (let j = 1; j < p; j++) hess[j * p + j] += l2;
      hess[0] += 1e-10; // keeps the intercept pivot positive when all weights vanish
      factor = choleskyLower(hess, 0, p, 'fitLogistic');
    }
    step.set(grad);
    solveWithFactor(factor!, step, p);
    // Step halving: accept the first step size that does not increase the objective.
    let t = 1;
    let value = Infinity;
    for (let h = 0; h < 30; h++) {
      for (let a = 0; a < p; a++) next[a] = beta[a] - t * step[a];
      value = objective(z, labels, w, next, l2, eta);
      if (value <= current + 1e-12) break;
      t /= 2;
    }
    let maxChange = 0;
    for (let a = 0; a < p; a++) maxChange = Math.max(maxChange, Math.abs(next[a] - beta[a]));
    beta.set(next);
    current = value;
    if (maxChange < tol) {
      converged = true;
      break;
    }
    // Rebuild the Hessian at the new point after a large step, a halved one (the quadratic model
    // was poor) or a chord step that shrank the change too little (the old curvature is off).
    refresh = maxChange > REFRESH_ABOVE || t < 1 || (!refreshed && maxChange > CHORD_SHRINK * lastChange);
    lastChange = maxChange;
  }

  const coef = beta.slice(1);
  const coefRaw = new Float64Array(d);
  let interceptRaw = beta[0];
  for (let j = 0; j < d; j++) {
    coefRaw[j] = coef[j] / standardiser.std[j];
    interceptRaw -= coefRaw[j] * standardiser.mean[j];
  }
  const names = [...x.names];
  return {
    kind: 'logistic',
    names,
    standardiser,
    intercept: beta[0],
    coef,
    interceptRaw,
    coefRaw,
    iterations,
    converged,
    curvature,
    prepared,
    predictProba(m) {
      assertSameColumns(names, m.names, 'LogisticModel.predictProba');
      const out = new Float64Array(m.nRows);
      for (let i = 0; i < m.nRows; i++) {
        let e = interceptRaw;
        for (let j = 0; j < d; j++) e += m.data[j * m.nRows + i] * coefRaw[j];
        out[i] = sigmoid(e);
      }
      return out;
    },
    importances() {
      const total = coef.reduce((s, c) => s + Math.abs(c), 0) || 1;
      return names.map((feature, j) => ({ feature, importance: Math.abs(coef[j]) / total, coefficient: coef[j] }));
    },
  };
}

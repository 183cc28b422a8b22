/**
 * Implicit-feedback ALS (Hu, Koren & Volinsky 2008). Preference p = 1 for every stored entry,
 * confidence c = 1 + alpha * r where r is the stored value (e.g. log-scaled watch minutes).
 * Each half-step solves, for every user u, (YᵀY + Yᵀ(Cu - I)Y + λI) x_u = Yᵀ Cu p_u; the YᵀY
 * term is shared, so the per-user cost is proportional to the user's number of items.
 * Default solver: a few warm-started conjugate-gradient steps (Takács et al. 2011), as the
 * `implicit` package does; 'cholesky' builds and solves the full system (exact, slower).
 */
import { choleskySolve } from '../core/linalg.js';
import { createAlsKernel, type AlsKernelBlock } from './als-kernel.js';
import { dotAt, dotsInto } from './linalg.js';
import { createRng } from '../core/rng.js';
import type { Recommender } from './recommender.js';
import { innerProductTopN } from './top_n.js';
import { transpose, type CsrMatrix } from './sparse.js';

export interface AlsOptions {
  factors?: number;
  regularization?: number;
  alpha?: number;
  iterations?: number;
  solver?: 'cg' | 'cholesky';
  /** Conjugate-gradient steps per user per half-step (warm started). */
  cgSteps?: number;
  seed?: number;
  /**
   * Where the conjugate-gradient half-steps run: 'wasm' (als-kernel.ts, when loadAlsKernel() has
   * finished and factors is a multiple of 8) or 'js' (solveSide below). Both give the same factors
   * to the bit; the default takes the kernel when it can.
   */
  kernel?: 'wasm' | 'js';
  /** The kernel's block sizes (tests cross block edges with small ones). */
  kernelBlock?: AlsKernelBlock;
}

export interface FactorModel extends Recommender {
  readonly factors: number;
  /** nUsers x factors, row-major. */
  readonly userFactors: Float64Array;
  /** nItems x factors, row-major. */
  readonly itemFactors: Float64Array;
}

export function fitAls(train: CsrMatrix, options: AlsOptions = {}): FactorModel {
  const f = options.factors ?? 32;
  // Defaults from a grid on the scale-1 synthetic log with logScaled(train, 10) values (see CONTEXT.md);
  // strong regularisation mattered most. Re-tune on a validation cutoff for real data.
  const lambda = options.regularization ?? 200;
  const alpha = options.alpha ?? 10;
  const iterations = options.iterations ?? 10;
  const solver = options.solver ?? 'cg';
  const cgSteps = options.cgSteps ?? 3;
  const rng = createRng(options.seed ?? 42);
  const trainT = transpose(train);
  const kernel =
    solver === 'cg' && options.kernel !== 'js'
      ? createAlsKernel(train.nRows, train.nCols, f, Math.max(longestRow(train), longestRow(trainT)), options.kernelBlock)
      : null;
  const users = kernel?.users ?? new Float64Array(train.nRows * f);
  const items = kernel?.items ?? new Float64Array(train.nCols * f);
  // Small random start; users at zero would make the first item solve degenerate.
  for (let k = 0; k < users.length; k++) users[k] = rng.normal() * 0.01;
  for (let k = 0; k < items.length; k++) items[k] = rng.normal() * 0.01;

  for (let it = 0; it < iterations; it++) {
    if (kernel) {
      kernel.solveSide(train, users, items, lambda, alpha, cgSteps);
      kernel.solveSide(trainT, items, users, lambda, alpha, cgSteps);
    } else {
      solveSide(train, users, items, f, lambda, alpha, solver, cgSteps);
      solveSide(trainT, items, users, f, lambda, alpha, solver, cgSteps);
    }
  }
  return factorModel('als', f, users, items, train.nRows, train.nCols);
}

export function factorModel(
  name: string,
  f: number,
  userFactors: Float64Array,
  itemFactors: Float64Array,
  nUsers: number,
  nItems: number,
  itemBias?: Float64Array,
): FactorModel {
  return {
    name,
    nItems,
    factors: f,
    userFactors,
    itemFactors,
    topN: innerProductTopN(name, f, userFactors, itemFactors, nUsers, nItems, itemBias),
    scoreUser(user, out) {
      if (user < 0 || user >= nUsers) throw new Error(`${name}: user ${user} is outside 0..${nUsers - 1}`);
      dotsInto(userFactors, user * f, itemFactors, 0, nItems, f, out, 0);
      for (let i = 0; i < nItems; i++) out[i] = out[i] + (itemBias ? itemBias[i] : 0);
    },
  };
}

/** Recomputes every row of X given the fixed factors Y (rows of m index into Y). */
function solveSide(
  m: CsrMatrix,
  x: Float64Array,
  y: Float64Array,
  f: number,
  lambda: number,
  alpha: number,
  solver: 'cg' | 'cholesky',
  cgSteps: number,
): void {
  const yty = gramPlusLambda(y, m.nCols, f, lambda);
  const r = new Float64Array(f);
  const p = new Float64Array(f);
  const ap = new Float64Array(f);
  const a = new Float64Array(f * f);
  const b = new Float64Array(f);
  for (let u = 0; u < m.nRows; u++) {
    const start = m.indptr[u];
    const end = m.indptr[u + 1];
    const off = u * f;
    if (start === end) {
      x.fill(0, off, off + f);
      continue;
    }
    if (solver === 'cholesky') {
      a.set(yty);
      b.fill(0);
      for (let k = start; k < end; k++) {
        const io = m.indices[k] * f;
        const c = 1 + alpha * m.values[k];
        for (let d = 0; d < f; d++) {
          const yd = y[io + d];
          b[d] += c * yd;
          for (let e = 0; e < f; e++) a[d * f + e] += (c - 1) * yd * y[io + e];
        }
      }
      x.set(choleskySolve(a, b, f), off);
      continue;
    }
    // r = b - A x, computed without forming A.
    multiplyA(m, start, end, x, off, y, yty, f, alpha, r);
    for (let d = 0; d < f; d++) r[d] = -r[d];
    addConfidenceWeighted(m, start, end, y, f, alpha, r);
    p.set(r);
    let rsOld = dotAt(r, 0, r, 0, f);
    for (let step = 0; step < cgSteps && rsOld > 1e-20; step++) {
      multiplyA(m, start, end, p, 0, y, yty, f, alpha, ap);
      const stepSize = rsOld / dotAt(p, 0, ap, 0, f);
      for (let d = 0; d < f; d++) {
        x[off + d] += stepSize * p[d];
        r[d] -= stepSize * ap[d];
      }
      const rsNew = dotAt(r, 0, r, 0, f);
      for (let d = 0; d < f; d++) p[d] = r[d] + (rsNew / rsOld) * p[d];
      rsOld = rsNew;
    }
  }
}

/** out += Σ_k c_k y_k (b of the normal equations), entries added in order, four per pass over out. */
function addConfidenceWeighted(
  m: CsrMatrix,
  start: number,
  end: number,
  y: Float64Array,
  f: number,
  alpha: number,
  out: Float64Array,
): void {
  const indices = m.indices;
  const values = m.values;
  let k = start;
  for (; k + 4 <= end; k += 4) {
    const io0 = indices[k] * f;
    const io1 = indices[k + 1] * f;
    const io2 = indices[k + 2] * f;
    const io3 = indices[k + 3] * f;
    const c0 = 1 + alpha * values[k];
    const c1 = 1 + alpha * values[k + 1];
    const c2 = 1 + alpha * values[k + 2];
    const c3 = 1 + alpha * values[k + 3];
    for (let d = 0; d < f; d++) out[d] = out[d] + c0 * y[io0 + d] + c1 * y[io1 + d] + c2 * y[io2 + d] + c3 * y[io3 + d];
  }
  for (; k < end; k++) {
    const io = indices[k] * f;
    const c = 1 + alpha * values[k];
    for (let d = 0; d < f; d++) out[d] += c * y[io + d];
  }
}

/** out = (YᵀY + λI) v + Σ_k (c_k - 1)(y_k · v) y_k for the entries of one row. */
function multiplyA(
  m: CsrMatrix,
  start: number,
  end: number,
  v: Float64Array,
  vOff: number,
  y: Float64Array,
  ytyPlusLambda: Float64Array,
  f: number,
  alpha: number,
  out: Float64Array,
): void {
  // Plain loops on locals (no helper calls): this runs cgSteps + 1 times per user and item per half-step.
  // Four rows of (YᵀY + λI) at a time: four independent sums per pass over v (each still adds its
  // terms in column order, so the result is the same as one row at a time).
  let d = 0;
  for (; d + 8 <= f; d += 8) {
    const r0 = d * f;
    const r1 = r0 + f;
    const r2 = r1 + f;
    const r3 = r2 + f;
    const r4 = r3 + f;
    const r5 = r4 + f;
    const r6 = r5 + f;
    const r7 = r6 + f;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    for (let e = 0; e < f; e++) {
      const ve = v[vOff + e];
      s0 += ytyPlusLambda[r0 + e] * ve;
      s1 += ytyPlusLambda[r1 + e] * ve;
      s2 += ytyPlusLambda[r2 + e] * ve;
      s3 += ytyPlusLambda[r3 + e] * ve;
      s4 += ytyPlusLambda[r4 + e] * ve;
      s5 += ytyPlusLambda[r5 + e] * ve;
      s6 += ytyPlusLambda[r6 + e] * ve;
      s7 += ytyPlusLambda[r7 + e] * ve;
    }
    out[d] = s0;
    out[d + 1] = s1;
    out[d + 2] = s2;
    out[d + 3] = s3;
    out[d + 4] = s4;
    out[d + 5] = s5;
    out[d + 6] = s6;
    out[d + 7] = s7;
  }
  for (; d < f; d++) {
    let s = 0;
    const row = d * f;
    for (let e = 0; e < f; e++) s += ytyPlusLambda[row + e] * v[vOff + e];
    out[d] = s;
  }
  // Entries four at a time for the same reason (four independent dot products, one pass over out);
  // out[d] + a + b + c + e adds left to right, so each entry's term is still added in entry order and
  // the result is the same as one entry at a time.
  const indices = m.indices;
  const values = m.values;
  let k = start;
  for (; k + 4 <= end; k += 4) {
    const io0 = indices[k] * f;
    const io1 = indices[k + 1] * f;
    const io2 = indices[k + 2] * f;
    const io3 = indices[k + 3] * f;
    let dot0 = 0;
    let dot1 = 0;
    let dot2 = 0;
    let dot3 = 0;
    for (let e = 0; e < f; e++) {
      const ve = v[vOff + e];
      dot0 += y[io0 + e] * ve;
      dot1 += y[io1 + e] * ve;
      dot2 += y[io2 + e] * ve;
      dot3 += y[io3 + e] * ve;
    }
    const w0 = alpha * values[k] * dot0;
    const w1 = alpha * values[k + 1] * dot1;
    const w2 = alpha * values[k + 2] * dot2;
    const w3 = alpha * values[k + 3] * dot3;
    for (let d = 0; d < f; d++) out[d] = out[d] + w0 * y[io0 + d] + w1 * y[io1 + d] + w2 * y[io2 + d] + w3 * y[io3 + d];
  }
  for (; k < end; k++) {
    const io = indices[k] * f;
    let dot = 0;
    for (let e = 0; e < f; e++) dot += y[io + e] * v[vOff + e];
    const w = alpha * values[k] * dot;
    for (let d = 0; d < f; d++) out[d] += w * y[io + d];
  }
}

/** Entries of the longest row of m. */
function longestRow(m: CsrMatrix): number {
  let most = 0;
  for (let r = 0; r < m.nRows; r++) most = Math.max(most, m.indptr[r + 1] - m.indptr[r]);
  return most;
}

/** YᵀY + λI of the n rows of y (symmetric to the bit: the upper triangle is computed and mirrored). */
function gramPlusLambda(y: Float64Array, n: number, f: number, lambda: number): Float64Array {
  const g = gram(y, n, f);
  for (let d = 0; d < f; d++) g[d * f + d] += lambda;
  return g;
}

function gram(y: Float64Array, n: number, f: number): Float64Array {
  const g = new Float64Array(f * f);
  for (let i = 0; i < n; i++) {
    const o = i * f;
    for (let d = 0; d < f; d++) {
      const yd = y[o + d];
      if (yd === 0) continue;
      for (let e = d; e < f; e++) g[d * f + e] += yd * y[o + e];
    }
  }
  for (let d = 0; d < f; d++) for (let e = 0; e < d; e++) g[d * f + e] = g[e * f + d];
  return g;
}

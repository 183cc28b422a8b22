/**
 * A small neural collaborative-filtering model: GMF (He et al. 2017), i.e.
 * logit(u, i) = h · (p_u ⊙ q_i) + b_i + b0, trained on log-loss with `negatives` sampled
 * unwatched items per watched one, by hand-written Adam on typed arrays (lazy: only the rows
 * touched by a sample are updated). The MLP tower of NeuMF is left out: on ~10 interactions per
 * user it adds parameters without data to fit them (see CONTEXT.md for the measured comparison).
 */
import { factorModel, type FactorModel } from './als.js';
import { createRng } from '../core/rng.js';
import { fillRowOfEntry, hasEntry, type CsrMatrix } from './sparse.js';
import { fitNcfKernel } from './ncf-kernel.js';

export interface NcfOptions {
  factors?: number;
  epochs?: number;
  negatives?: number;
  learningRate?: number;
  regularization?: number;
  seed?: number;
  /** SGD samples drawn per epoch (default: one per stored entry); a cap for large logs. */
  samplesPerEpoch?: number;
  /**
   * 'wasm' (ncf-kernel.ts, once loadNcfKernel() has finished and factors is even) or 'js' (below).
   * Both give the same parameters to the bit; the default takes the kernel when it can.
   */
  kernel?: 'wasm' | 'js';
}

const ADAM_B1 = 0.9;
const ADAM_B2 = 0.999;

/**
 * Adam's state for one parameter array. The step itself is written out in `fitNcf`'s loops: the
 * same operations in the same order as a method call per parameter, without its loads of `this`.
 * `correction1` / `correction2` are the bias corrections 1 - β1^t and 1 - β2^t of the global step
 * t (1-based), computed once per step rather than twice per parameter.
 */
interface AdamState {
  params: Float64Array;
  m: Float64Array;
  v: Float64Array;
}

function adamState(params: Float64Array): AdamState {
  return { params, m: new Float64Array(params.length), v: new Float64Array(params.length) };
}

/** One Adam step on params[idx] with gradient g (for the few scalar updates per sample). */
function adamStep(state: AdamState, lr: number, idx: number, g: number, correction1: number, correction2: number): void {
  const m = ADAM_B1 * state.m[idx] + (1 - ADAM_B1) * g;
  const v = ADAM_B2 * state.v[idx] + (1 - ADAM_B2) * g * g;
  state.m[idx] = m;
  state.v[idx] = v;
  state.params[idx] -= (lr * (m / correction1)) / (Math.sqrt(v / correction2) + 1e-8);
}

export function fitNcf(train: CsrMatrix, options: NcfOptions = {}): FactorModel {
  const f = options.factors ?? 8;
  const epochs = options.epochs ?? 10;
  const negatives = options.negatives ?? 4;
  const lr = options.learningRate ?? 0.005;
  const reg = options.regularization ?? 0.05;
  const nUsers = train.nRows;
  const nItems = train.nCols;
  const nnz = train.indices.length;
  const samplesPerEpoch = options.samplesPerEpoch ?? nnz;
  const fitted =
    options.kernel === 'js'
      ? null
      : fitNcfKernel(train, { f, epochs, negatives, lr, reg, seed: options.seed ?? 42, samplesPerEpoch, b1: ADAM_B1, b2: ADAM_B2 });
  if (fitted) return foldedModel(fitted.p, fitted.q, fitted.h, fitted.bias, f, nUsers, nItems);
  const rng = createRng(options.seed ?? 42);
  const p = new Float64Array(nUsers * f);
  const q = new Float64Array(nItems * f);
  const h = new Float64Array(f).fill(1);
  const bias = new Float64Array(nItems + 1); // last slot is the global bias
  for (let k = 0; k < p.length; k++) p[k] = rng.normal() * 0.1;
  for (let k = 0; k < q.length; k++) q[k] = rng.normal() * 0.1;
  const [mP, vP, mQ, vQ, mH, vH] = [p, p, q, q, h, h].map((a) => new Float64Array(a.length));
  const optB = adamState(bias);
  const B1c = 1 - ADAM_B1;
  const B2c = 1 - ADAM_B2;

  const userOfEntry = fillRowOfEntry(train, new Int32Array(nnz));
  const gp = new Float64Array(f);
  const gq = new Float64Array(f);
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let s = 0; s < samplesPerEpoch; s++) {
      const entry = rng.int(nnz);
      const u = userOfEntry[entry];
      const full = train.indptr[u + 1] - train.indptr[u] >= nItems;
      for (let n = 0; n <= negatives; n++) {
        let i: number;
        let label: number;
        if (n === 0) {
          i = train.indices[entry];
          label = 1;
        } else {
          if (full) break;
          i = rng.int(nItems);
          while (hasEntry(train, u, i)) i = rng.int(nItems);
          label = 0;
        }
        t++;
        const c1 = 1 - Math.pow(ADAM_B1, t);
        const c2 = 1 - Math.pow(ADAM_B2, t);
        const uo = u * f;
        const io = i * f;
        let logit = bias[i] + bias[nItems];
        for (let d = 0; d < f; d++) logit += h[d] * p[uo + d] * q[io + d];
        const g = 1 / (1 + Math.exp(-logit)) - label;
        for (let d = 0; d < f; d++) {
          const pd = p[uo + d];
          const qd = q[io + d];
          const hd = h[d];
          gp[d] = g * hd * qd + reg * pd;
          gq[d] = g * hd * pd + reg * qd;
          // Adam on h[d] (as adamStep, written out).
          const gh = g * pd * qd;
          const m = ADAM_B1 * mH[d] + B1c * gh;
          const v = ADAM_B2 * vH[d] + B2c * gh * gh;
          mH[d] = m;
          vH[d] = v;
          h[d] = hd - (lr * (m / c1)) / (Math.sqrt(v / c2) + 1e-8);
        }
        for (let d = 0; d < f; d++) {
          // Adam on p[u][d] and q[i][d] (as adamStep, written out).
          const a = uo + d;
          const ga = gp[d];
          const ma = ADAM_B1 * mP[a] + B1c * ga;
          const va = ADAM_B2 * vP[a] + B2c * ga * ga;
          mP[a] = ma;
          vP[a] = va;
          p[a] -= (lr * (ma / c1)) / (Math.sqrt(va / c2) + 1e-8);
          const b = io + d;
          const gb = gq[d];
          const mb = ADAM_B1 * mQ[b] + B1c * gb;
          const vb = ADAM_B2 * vQ[b] + B2c * gb * gb;
          mQ[b] = mb;
          vQ[b] = vb;
          q[b] -= (lr * (mb / c1)) / (Math.sqrt(vb / c2) + 1e-8);
        }
        adamStep(optB, lr, i, g, c1, c2);
        adamStep(optB, lr, nItems, g, c1, c2);
      }
    }
  }
  return foldedModel(p, q, h, bias, f, nUsers, nItems);
}

/** The fitted GMF with h folded into the item factors, so scoring is a plain dot product (same ranking as the logit). */
function foldedModel(
  p: Float64Array,
  q: Float64Array,
  h: Float64Array,
  bias: Float64Array,
  f: number,
  nUsers: number,
  nItems: number,
): FactorModel {
  const itemFactors = new Float64Array(nItems * f);
  for (let i = 0; i < nItems; i++) for (let d = 0; d < f; d++) itemFactors[i * f + d] = q[i * f + d] * h[d];
  return factorModel('ncf_gmf', f, p, itemFactors, nUsers, nItems, bias.subarray(0, nItems));
}

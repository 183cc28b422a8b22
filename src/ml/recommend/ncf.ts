/**
 * A small neural collaborative-filtering model: GMF (He et al. 2017), i.e.
 * logit(u, i) = h · (p_u ⊙ q_i) + b_i + b0, trained on log-loss with `negatives` sampled
 * unwatched items per watched one, by hand-written Adam on typed arrays (lazy: only the rows
 * touched by a sample are updated). The MLP tower of NeuMF is left out: on ~10 interactions per
 * user it adds parameters without data to fit them (see CONTEXT.md for the measured comparison).
 */
import { factorModel, type FactorModel } from './als.js';
import { createRng } from '../core/rng.js';
import { hasEntry, type CsrMatrix } from './sparse.js';

export interface NcfOptions {
  factors?: number;
  epochs?: number;
  negatives?: number;
  learningRate?: number;
  regularization?: number;
  seed?: number;
  /** SGD samples drawn per epoch (default: one per stored entry); a cap for large logs. */
  samplesPerEpoch?: number;
}

class Adam {
  readonly m: Float64Array;
  readonly v: Float64Array;
  constructor(
    readonly params: Float64Array,
    private readonly lr: number,
  ) {
    this.m = new Float64Array(params.length);
    this.v = new Float64Array(params.length);
  }
  /**
   * One Adam step on params[idx] with gradient g. `correction1` / `correction2` are the bias
   * corrections 1 - β1^t and 1 - β2^t of the global step t (1-based), computed once per step by
   * `adamCorrections` rather than twice per parameter.
   */
  step(idx: number, g: number, correction1: number, correction2: number): void {
    this.m[idx] = ADAM_B1 * this.m[idx] + (1 - ADAM_B1) * g;
    this.v[idx] = ADAM_B2 * this.v[idx] + (1 - ADAM_B2) * g * g;
    const mHat = this.m[idx] / correction1;
    const vHat = this.v[idx] / correction2;
    this.params[idx] -= (this.lr * mHat) / (Math.sqrt(vHat) + 1e-8);
  }
}

const ADAM_B1 = 0.9;
const ADAM_B2 = 0.999;

export function fitNcf(train: CsrMatrix, options: NcfOptions = {}): FactorModel {
  const f = options.factors ?? 8;
  const epochs = options.epochs ?? 10;
  const negatives = options.negatives ?? 4;
  const lr = options.learningRate ?? 0.005;
  const reg = options.regularization ?? 0.05;
  const rng = createRng(options.seed ?? 42);
  const nUsers = train.nRows;
  const nItems = train.nCols;
  const p = new Float64Array(nUsers * f);
  const q = new Float64Array(nItems * f);
  const h = new Float64Array(f).fill(1);
  const bias = new Float64Array(nItems + 1); // last slot is the global bias
  for (let k = 0; k < p.length; k++) p[k] = rng.normal() * 0.1;
  for (let k = 0; k < q.length; k++) q[k] = rng.normal() * 0.1;
  const optP = new Adam(p, lr);
  const optQ = new Adam(q, lr);
  const optH = new Adam(h, lr);
  const optB = new Adam(bias, lr);

  const nnz = train.indices.length;
  const samplesPerEpoch = options.samplesPerEpoch ?? nnz;
  const userOfEntry = new Int32Array(nnz);
  for (let u = 0; u < nUsers; u++) userOfEntry.fill(u, train.indptr[u], train.indptr[u + 1]);
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
          gp[d] = g * h[d] * q[io + d] + reg * p[uo + d];
          gq[d] = g * h[d] * p[uo + d] + reg * q[io + d];
          optH.step(d, g * p[uo + d] * q[io + d], c1, c2);
        }
        for (let d = 0; d < f; d++) {
          optP.step(uo + d, gp[d], c1, c2);
          optQ.step(io + d, gq[d], c1, c2);
        }
        optB.step(i, g, c1, c2);
        optB.step(nItems, g, c1, c2);
      }
    }
  }
  // Fold h into the item factors so scoring is a plain dot product (same ranking as the logit).
  const itemFactors = new Float64Array(nItems * f);
  for (let i = 0; i < nItems; i++) for (let d = 0; d < f; d++) itemFactors[i * f + d] = q[i * f + d] * h[d];
  return factorModel('ncf_gmf', f, p, itemFactors, nUsers, nItems, bias.subarray(0, nItems));
}

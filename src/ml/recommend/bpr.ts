/**
 * Bayesian Personalised Ranking (Rendle et al. 2009): SGD on ln σ(x_ui - x_uj) for a watched item
 * i and a sampled unwatched item j, with L2 regularisation. x_ui = p_u · q_i + b_i.
 * One epoch draws as many (u, i, j) triples as there are stored entries (or `samplesPerEpoch`). Seeded.
 */
import { factorModel, type FactorModel } from './als.js';
import { createRng } from '../core/rng.js';
import { fillRowOfEntry, hasEntry, type CsrMatrix } from './sparse.js';
import { fitBprKernel } from './bpr-kernel.js';

export interface BprOptions {
  factors?: number;
  learningRate?: number;
  regularization?: number;
  epochs?: number;
  seed?: number;
  /** SGD samples drawn per epoch (default: one per stored entry); a cap for large logs. */
  samplesPerEpoch?: number;
  /**
   * 'wasm' (bpr-kernel.ts, once loadBprKernel() has finished and factors is even) or 'js' (below).
   * Both give the same factors to the bit; the default takes the kernel when it can.
   */
  kernel?: 'wasm' | 'js';
}

export function fitBpr(train: CsrMatrix, options: BprOptions = {}): FactorModel {
  const f = options.factors ?? 32;
  const lr = options.learningRate ?? 0.05;
  const reg = options.regularization ?? 0.05;
  const epochs = options.epochs ?? 50;
  const nUsers = train.nRows;
  const nItems = train.nCols;
  const nnz = train.indices.length;
  const samplesPerEpoch = options.samplesPerEpoch ?? nnz;
  if (options.kernel !== 'js') {
    const fitted = fitBprKernel(train, { f, lr, reg, epochs, samplesPerEpoch, seed: options.seed ?? 42 });
    if (fitted) return factorModel('bpr', f, fitted.users, fitted.items, nUsers, nItems, fitted.bias);
  }
  const rng = createRng(options.seed ?? 42);
  const users = new Float64Array(nUsers * f);
  const items = new Float64Array(nItems * f);
  const bias = new Float64Array(nItems);
  for (let k = 0; k < users.length; k++) users[k] = rng.normal() * 0.1;
  for (let k = 0; k < items.length; k++) items[k] = rng.normal() * 0.1;

  const userOfEntry = fillRowOfEntry(train, new Int32Array(nnz));

  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let s = 0; s < samplesPerEpoch; s++) {
      const entry = rng.int(nnz);
      const u = userOfEntry[entry];
      const i = train.indices[entry];
      const rowLength = train.indptr[u + 1] - train.indptr[u];
      if (rowLength >= nItems) continue; // the user watched everything: no negative exists
      let j = rng.int(nItems);
      while (hasEntry(train, u, j)) j = rng.int(nItems);
      const uo = u * f;
      const io = i * f;
      const jo = j * f;
      let x = bias[i] - bias[j];
      for (let d = 0; d < f; d++) x += users[uo + d] * (items[io + d] - items[jo + d]);
      const z = 1 / (1 + Math.exp(x)); // derivative of ln σ(x)
      for (let d = 0; d < f; d++) {
        const pu = users[uo + d];
        const qi = items[io + d];
        const qj = items[jo + d];
        users[uo + d] += lr * (z * (qi - qj) - reg * pu);
        items[io + d] += lr * (z * pu - reg * qi);
        items[jo + d] += lr * (-z * pu - reg * qj);
      }
      bias[i] += lr * (z - reg * bias[i]);
      bias[j] += lr * (-z - reg * bias[j]);
    }
  }
  return factorModel('bpr', f, users, items, nUsers, nItems, bias);
}

// fitNcf writes Adam's update out inside its loops, and its WebAssembly kernel (ncf-kernel.ts) does
// the whole fit. This test keeps the plain form (one Adam step per parameter through a small class,
// in the order the model's gradient defines) and checks that both give its factors to the bit on a
// random matrix, with samples capped and uncapped and a user who watched every title.
import { beforeAll, describe, expect, it } from 'vitest';
import { fitNcf } from '../../../src/ml/recommend/ncf.js';
import { loadNcfKernel } from '../../../src/ml/recommend/ncf-kernel.js';
import { csrFromTriplets, hasEntry, type CsrMatrix } from '../../../src/ml/recommend/sparse.js';
import { createRng } from '../../../src/ml/core/rng.js';

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
  step(idx: number, g: number, c1: number, c2: number): void {
    this.m[idx] = 0.9 * this.m[idx] + (1 - 0.9) * g;
    this.v[idx] = 0.999 * this.v[idx] + (1 - 0.999) * g * g;
    this.params[idx] -= (this.lr * (this.m[idx] / c1)) / (Math.sqrt(this.v[idx] / c2) + 1e-8);
  }
}

function referenceNcf(train: CsrMatrix, f: number, epochs: number, seed: number, samplesPerEpoch: number) {
  const negatives = 4;
  const lr = 0.005;
  const reg = 0.05;
  const rng = createRng(seed);
  const { nRows: nUsers, nCols: nItems } = train;
  const p = new Float64Array(nUsers * f);
  const q = new Float64Array(nItems * f);
  const h = new Float64Array(f).fill(1);
  const bias = new Float64Array(nItems + 1);
  for (let k = 0; k < p.length; k++) p[k] = rng.normal() * 0.1;
  for (let k = 0; k < q.length; k++) q[k] = rng.normal() * 0.1;
  const [optP, optQ, optH, optB] = [p, q, h, bias].map((a) => new Adam(a, lr));
  const nnz = train.indices.length;
  const userOfEntry = new Int32Array(nnz);
  for (let u = 0; u < nUsers; u++) userOfEntry.fill(u, train.indptr[u], train.indptr[u + 1]);
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let s = 0; s < samplesPerEpoch; s++) {
      const entry = rng.int(nnz);
      const u = userOfEntry[entry];
      const full = train.indptr[u + 1] - train.indptr[u] >= nItems;
      for (let n = 0; n <= negatives; n++) {
        let i = train.indices[entry];
        let label = 1;
        if (n > 0) {
          if (full) break;
          i = rng.int(nItems);
          while (hasEntry(train, u, i)) i = rng.int(nItems);
          label = 0;
        }
        t++;
        const c1 = 1 - Math.pow(0.9, t);
        const c2 = 1 - Math.pow(0.999, t);
        let logit = bias[i] + bias[nItems];
        for (let d = 0; d < f; d++) logit += h[d] * p[u * f + d] * q[i * f + d];
        const g = 1 / (1 + Math.exp(-logit)) - label;
        const gp = Array.from({ length: f }, () => 0);
        const gq = Array.from({ length: f }, () => 0);
        for (let d = 0; d < f; d++) {
          gp[d] = g * h[d] * q[i * f + d] + reg * p[u * f + d];
          gq[d] = g * h[d] * p[u * f + d] + reg * q[i * f + d];
          optH.step(d, g * p[u * f + d] * q[i * f + d], c1, c2);
        }
        for (let d = 0; d < f; d++) {
          optP.step(u * f + d, gp[d], c1, c2);
          optQ.step(i * f + d, gq[d], c1, c2);
        }
        optB.step(i, g, c1, c2);
        optB.step(nItems, g, c1, c2);
      }
    }
  }
  return { p, itemFactors: Float64Array.from({ length: nItems * f }, (_, k) => q[k] * h[k % f]), bias: bias.subarray(0, nItems) };
}

describe('fitNcf', () => {
  const rng = createRng(4);
  const rows: number[] = [];
  const cols: number[] = [];
  for (let u = 0; u < 60; u++) for (let i = 0; i < 25; i++) if (u === 7 || rng.next() < 0.2) (rows.push(u), cols.push(i)); // user 7 watched everything
  const train = csrFromTriplets(
    60,
    25,
    rows,
    cols,
    rows.map(() => 1),
  );

  beforeAll(() => loadNcfKernel());

  it('gives the factors of one plain Adam step per parameter, to the bit (JavaScript and WebAssembly)', () => {
    for (const [f, epochs, seed, samples] of [
      [8, 3, 1, train.indices.length],
      [4, 2, 9, 50],
      [3, 2, 9, 50], // odd: JavaScript either way
    ])
      for (const kernel of ['js', 'wasm'] as const) {
        const model = fitNcf(train, { factors: f, epochs, seed, samplesPerEpoch: samples, kernel });
        const reference = referenceNcf(train, f, epochs, seed, samples);
        expect(Array.from(model.userFactors)).toEqual(Array.from(reference.p));
        expect(Array.from(model.itemFactors)).toEqual(Array.from(reference.itemFactors));
        const scores = new Float64Array(25);
        model.scoreUser(3, scores);
        expect(scores[0]).toBe(
          Array.from({ length: f }, (_, d) => reference.p[3 * f + d] * reference.itemFactors[d]).reduce((a, b) => a + b, 0) +
            reference.bias[0],
        );
        // Where the kernel ran, the user factors are a view on its memory, which holds more than them.
        expect(model.userFactors.buffer.byteLength > model.userFactors.byteLength).toBe(kernel === 'wasm' && f % 2 === 0);
      }
  });
});

// NCF's fit in WebAssembly (text in ncf-kernel-wat.ts): the JavaScript's parameters to the bit
// (test/ml/recommend/ncf-adam.test.ts compares both with the plain per-parameter Adam).
import { instantiateKernel, watKernel } from '../core/wat.js';
import { rngStartState } from '../core/rng.js';
import { NCF_KERNEL_WAT } from './ncf-kernel-wat.js';
import { fillRowOfEntry, type CsrMatrix } from './sparse.js';

interface KernelExports {
  start(seedState: number, p: number, nP: number, q: number, nQ: number): void;
  train(...args: number[]): number;
}

const kernelText = watKernel('ncf-kernel.wat', NCF_KERNEL_WAT);

/** Assembles and compiles the kernel once per process; fitNcf uses it from then on. */
export const loadNcfKernel = (): Promise<void> => kernelText.load();

export interface NcfSettings {
  f: number;
  epochs: number;
  negatives: number;
  lr: number;
  reg: number;
  seed: number;
  samplesPerEpoch: number;
  /** Adam's β1, β2 and 1 - β1, 1 - β2 as the JavaScript computes them. */
  b1: number;
  b2: number;
}

/** Fits NCF as fitNcf does; null when not loaded, f is odd, the log is empty or too large for wasm32. */
export function fitNcfKernel(
  train: CsrMatrix,
  s: NcfSettings,
): { p: Float64Array; q: Float64Array; h: Float64Array; bias: Float64Array } | null {
  const compiled = kernelText.module();
  const nnz = train.indices.length;
  if (!compiled || s.f % 2 !== 0 || s.f <= 0 || nnz === 0) return null;
  const { nRows: nUsers, nCols: nItems } = train;
  const pBytes = nUsers * s.f * 8;
  const qBytes = nItems * s.f * 8;
  const kernel = instantiateKernel(
    compiled,
    {
      p: pBytes,
      q: qBytes,
      h: s.f * 8,
      bias: (nItems + 1) * 8,
      mP: pBytes,
      vP: pBytes,
      mQ: qBytes,
      vQ: qBytes,
      mH: s.f * 8,
      vH: s.f * 8,
      mB: (nItems + 1) * 8,
      vB: (nItems + 1) * 8,
      gp: s.f * 8,
      gq: s.f * 8,
      indptr: (nUsers + 1) * 4,
      indices: nnz * 4,
      userOfEntry: nnz * 4,
    },
    { exp: Math.exp, pow: Math.pow, log: Math.log, cos: Math.cos },
  );
  if (!kernel) return null;
  const { at, buffer } = kernel;
  const run = kernel.exports as unknown as KernelExports;
  new Int32Array(buffer, at.indptr, nUsers + 1).set(train.indptr);
  new Int32Array(buffer, at.indices, nnz).set(train.indices);
  fillRowOfEntry(train, new Int32Array(buffer, at.userOfEntry, nnz));
  const h = new Float64Array(buffer, at.h, s.f).fill(1);
  run.start(rngStartState(s.seed), at.p, nUsers * s.f, at.q, nItems * s.f);
  let t = 0;
  for (let epoch = 0; epoch < s.epochs; epoch++)
    t = run.train(
      s.samplesPerEpoch,
      t,
      nnz,
      nItems,
      s.f,
      s.negatives,
      s.lr,
      s.reg,
      s.b1,
      s.b2,
      1 - s.b1,
      1 - s.b2,
      at.p,
      at.q,
      at.h,
      at.bias,
      at.mP,
      at.vP,
      at.mQ,
      at.vQ,
      at.mH,
      at.vH,
      at.mB,
      at.vB,
      at.gp,
      at.gq,
      at.indptr,
      at.indices,
      at.userOfEntry,
    );
  return {
    p: new Float64Array(buffer, at.p, nUsers * s.f),
    q: new Float64Array(buffer, at.q, nItems * s.f),
    h,
    bias: new Float64Array(buffer, at.bias, nItems + 1),
  };
}

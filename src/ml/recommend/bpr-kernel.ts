// BPR's fit in WebAssembly (text in bpr-kernel-wat.ts): the JavaScript's factors to the bit
// (test/ml/recommend/bpr-kernel.test.ts). The factors live in the kernel's memory; the fitted model
// keeps views on them.
import { instantiateKernel, watKernel } from '../core/wat.js';
import { rngStartState } from '../core/rng.js';
import { BPR_KERNEL_WAT } from './bpr-kernel-wat.js';
import { fillRowOfEntry, type CsrMatrix } from './sparse.js';

interface KernelExports {
  start(seedState: number, users: number, nUserValues: number, items: number, nItemValues: number): void;
  train(
    samples: number,
    nnz: number,
    nItems: number,
    f: number,
    lr: number,
    reg: number,
    users: number,
    items: number,
    bias: number,
    indptr: number,
    indices: number,
    userOfEntry: number,
  ): void;
}

const kernelText = watKernel('bpr-kernel.wat', BPR_KERNEL_WAT);

/** Assembles and compiles the kernel once per process; fitBpr uses it from then on. */
export const loadBprKernel = (): Promise<void> => kernelText.load();

export interface BprSettings {
  f: number;
  lr: number;
  reg: number;
  epochs: number;
  samplesPerEpoch: number;
  seed: number;
}

/**
 * Fits BPR as fitBpr does; null when the kernel is not loaded, f is odd, or the fit needs more
 * memory than wasm32 addresses (the caller then runs the JavaScript).
 */
export function fitBprKernel(train: CsrMatrix, s: BprSettings): { users: Float64Array; items: Float64Array; bias: Float64Array } | null {
  const compiled = kernelText.module();
  if (!compiled || s.f % 2 !== 0 || s.f <= 0 || train.indices.length === 0) return null;
  const { nRows: nUsers, nCols: nItems } = train;
  const nnz = train.indices.length;
  const kernel = instantiateKernel(
    compiled,
    {
      users: nUsers * s.f * 8,
      items: nItems * s.f * 8,
      bias: nItems * 8,
      indptr: (nUsers + 1) * 4,
      indices: nnz * 4,
      userOfEntry: nnz * 4,
    },
    { exp: Math.exp, log: Math.log, cos: Math.cos },
  );
  if (!kernel) return null;
  const { at, buffer } = kernel;
  const run = kernel.exports as unknown as KernelExports;
  new Int32Array(buffer, at.indptr, nUsers + 1).set(train.indptr);
  new Int32Array(buffer, at.indices, nnz).set(train.indices);
  fillRowOfEntry(train, new Int32Array(buffer, at.userOfEntry, nnz));
  run.start(rngStartState(s.seed), at.users, nUsers * s.f, at.items, nItems * s.f);
  for (let epoch = 0; epoch < s.epochs; epoch++)
    run.train(s.samplesPerEpoch, nnz, nItems, s.f, s.lr, s.reg, at.users, at.items, at.bias, at.indptr, at.indices, at.userOfEntry);
  return {
    users: new Float64Array(buffer, at.users, nUsers * s.f),
    items: new Float64Array(buffer, at.items, nItems * s.f),
    bias: new Float64Array(buffer, at.bias, nItems),
  };
}

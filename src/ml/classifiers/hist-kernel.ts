// The trees' histogram fill in WebAssembly (text in hist-kernel-wat.ts): the JavaScript's sums to the
// bit (test/ml/classifiers/hist-kernel.test.ts). A kernel holds one binned matrix's bins by row and by
// column (copied once per fit), the current tree's gradients and hessians (copied once per tree) and a
// scratch histogram.
import { instantiateKernel, watKernel } from '../core/wat.js';
import { HIST_KERNEL_WAT } from './hist-kernel-wat.js';
import type { BinnedMatrix } from './binning.js';

interface KernelExports {
  fill(bins: number, d: number, gh: number, idx: number, count: number, hist: number): void;
  fillFeatures(cols: number, n: number, gh: number, idx: number, count: number, hist: number, features: number, nFeat: number): void;
}

const kernelText = watKernel('hist-kernel.wat', HIST_KERNEL_WAT);

/** Assembles and compiles the kernel once per process; boosting and forests use it from then on. */
export const loadHistKernel = (): Promise<void> => kernelText.load();

export interface HistKernel {
  readonly data: BinnedMatrix;
  /** The gradients and hessians of the tree about to be grown. */
  setGradients(grad: Float64Array, hess: Float64Array): void;
  /**
   * hist's bins of every feature (below each feature's bin count) = the sums over rows
   * idx[start..end) in that order, as fillHist computes them.
   */
  fill(hist: Float64Array, idx: Int32Array, start: number, end: number): void;
  /** The same for the first nFeat features listed (forests); hist's other bins are left as they are. */
  fillFeatures(hist: Float64Array, idx: Int32Array, start: number, end: number, features: Int32Array, nFeat: number): void;
}

/** A kernel for `data`, or null when not loaded or too large for wasm32 memory. */
export function createHistKernel(data: BinnedMatrix): HistKernel | null {
  const compiled = kernelText.module();
  if (!compiled) return null;
  const { nRows: n, nCols: d } = data;
  const instance = instantiateKernel(compiled, {
    hist: d * 256 * 24,
    gh: n * 16,
    idx: n * 4,
    features: d * 4,
    bins: n * d,
    cols: n * d,
  });
  if (!instance) return null;
  const { at, buffer } = instance;
  const kernel = instance.exports as unknown as KernelExports;
  const hist = new Float64Array(buffer, at.hist, d * 256 * 3);
  const gh = new Float64Array(buffer, at.gh, n * 2);
  const idxCopy = new Int32Array(buffer, at.idx, n);
  const featureList = new Int32Array(buffer, at.features, d);
  // Boosting reads the bins by row, forests by column: each copy is made the first time it is read.
  let rowsCopied = false;
  let colsCopied = false;
  return {
    data,
    setGradients(grad, hess) {
      for (let r = 0; r < n; r++) {
        gh[2 * r] = grad[r];
        gh[2 * r + 1] = hess[r];
      }
    },
    fill(out, idx, start, end) {
      for (let f = 0; f < d; f++) hist.fill(0, 768 * f, 768 * f + 3 * data.nBins[f]);
      if (!rowsCopied) new Uint8Array(buffer, at.bins, n * d).set(data.rowBins);
      rowsCopied = true;
      idxCopy.set(idx.subarray(start, end));
      kernel.fill(at.bins, d, at.gh, at.idx, end - start, at.hist);
      for (let f = 0; f < d; f++) out.set(hist.subarray(768 * f, 768 * f + 3 * data.nBins[f]), 768 * f);
    },
    fillFeatures(out, idx, start, end, features, nFeat) {
      for (let a = 0; a < nFeat; a++) hist.fill(0, 768 * features[a], 768 * features[a] + 3 * data.nBins[features[a]]);
      if (!colsCopied) new Uint8Array(buffer, at.cols, n * d).set(data.bins);
      colsCopied = true;
      idxCopy.set(idx.subarray(start, end));
      featureList.set(features.subarray(0, nFeat));
      kernel.fillFeatures(at.cols, n, at.gh, at.idx, end - start, at.hist, at.features, nFeat);
      for (let a = 0; a < nFeat; a++) {
        const f = features[a];
        out.set(hist.subarray(768 * f, 768 * f + 3 * data.nBins[f]), 768 * f);
      }
    },
  };
}

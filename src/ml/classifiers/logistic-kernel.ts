// The Hessian XᵀWX of logistic regression in WebAssembly (text in logistic-kernel-wat.ts): the
// JavaScript's sums to the bit (test/ml/classifiers/logistic-kernel.test.ts), at about twice the speed.
// A fit copies its standardised rows into the kernel's memory once; each Newton step that rebuilds
// the Hessian then passes only the rows' curvatures.
import { instantiateKernel, watKernel } from '../core/wat.js';
import { LOGISTIC_KERNEL_WAT } from './logistic-kernel-wat.js';

interface KernelExports {
  hessian(z: number, n: number, p: number, stride: number, curv: number, out: number): void;
}

const kernelText = watKernel('logistic-kernel.wat', LOGISTIC_KERNEL_WAT);

/** Assembles and compiles the kernel once per process; fitLogistic uses it from then on. */
export const loadLogisticKernel = (): Promise<void> => kernelText.load();

export interface HessianKernel {
  /** hess (p x p, row-major, symmetric) = Xᵀ diag(curv) X with X = [1, z]. */
  hessian(curv: Float64Array, hess: Float64Array): void;
}

/**
 * A kernel holding the fit's rows (`column(j)` gives feature j's n values, j = 1..p-1; column 0 is
 * the intercept), or null when not loaded or too large.
 */
export function createHessianKernel(n: number, p: number, column: (j: number) => Float64Array): HessianKernel | null {
  const compiled = kernelText.module();
  if (!compiled) return null;
  const stride = p + (p % 2);
  const instance = instantiateKernel(compiled, { z: n * stride * 8, curv: n * 8, out: p * stride * 8 });
  if (!instance) return null;
  const { at, buffer } = instance;
  const kernel = instance.exports as unknown as KernelExports;
  const z = new Float64Array(buffer, at.z, n * stride);
  for (let i = 0; i < n; i++) z[i * stride] = 1;
  // Copied in blocks of rows, so the writes stay within a few cache lines of each other.
  const columns = Array.from({ length: p }, (_, j) => (j === 0 ? null : column(j)));
  for (let i0 = 0; i0 < n; i0 += 256) {
    const i1 = Math.min(n, i0 + 256);
    for (let j = 1; j < p; j++) {
      const c = columns[j]!;
      for (let i = i0; i < i1; i++) z[i * stride + j] = c[i];
    }
  }
  const curvature = new Float64Array(buffer, at.curv, n);
  const out = new Float64Array(buffer, at.out, p * stride);
  return {
    hessian(curv, hess) {
      curvature.set(curv);
      kernel.hessian(at.z, n, p, stride, at.curv, at.out);
      for (let a = 0; a < p; a++) {
        for (let b = 0; b <= a; b++) {
          const v = out[a * stride + b];
          hess[a * p + b] = v;
          hess[b * p + a] = v;
        }
      }
    },
  };
}

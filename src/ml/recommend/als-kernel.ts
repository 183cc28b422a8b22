// ALS's conjugate-gradient half-steps in WebAssembly (the text is in als-kernel-wat.ts). The
// factors live in the kernel's memory for the whole fit; each half-step copies YᵀY + λI and the
// rows' entries in blocks, and the kernel writes the solved rows in place. The result is the
// JavaScript solver's to the bit, at about twice its speed (bench/RESULTS.md).
import { instantiateKernel, watKernel } from '../core/wat.js';
import { ALS_KERNEL_WAT } from './als-kernel-wat.js';
import type { CsrMatrix } from './sparse.js';

interface KernelExports {
  solve(
    nRows: number,
    indptr: number,
    indices: number,
    values: number,
    x: number,
    y: number,
    yty: number,
    r: number,
    p: number,
    ap: number,
    f: number,
    alpha: number,
    cgSteps: number,
  ): void;
  gram(y: number, n: number, f: number, lambda: number, out: number): void;
}

const kernelText = watKernel('als-kernel.wat', ALS_KERNEL_WAT);

/** Assembles and compiles the kernel once per process (about 20 ms); fitAls uses it from then on. */
export const loadAlsKernel = (): Promise<void> => kernelText.load();

/** Whether loadAlsKernel has finished. */
export const alsKernelLoaded = (): boolean => kernelText.module() !== null;

/** Entries copied to the kernel per block at most (more when one row alone has more). */
const BLOCK_ENTRIES = 1 << 20;
/** Rows per block at most. */
const BLOCK_ROWS = 1 << 16;

/** Block sizes (tests use small ones to cross block edges). */
export interface AlsKernelBlock {
  /** Entries per block at most (raised to the longest row). */
  entries?: number;
  rows?: number;
}

/** A fit's memory: both factor arrays (views the fitted model keeps), YᵀY, scratch and a block of entries. */
export interface AlsKernel {
  readonly users: Float64Array;
  readonly items: Float64Array;
  /** Solves every row of `m` into `x` (users or items, this kernel's) given the other side `y` (YᵀY + λI computed here). */
  solveSide(m: CsrMatrix, x: Float64Array, y: Float64Array, lambda: number, alpha: number, cgSteps: number): void;
}

/**
 * A kernel for a fit of `nUsers` x `nItems` with f factors, or null when it cannot run it: not loaded,
 * f not a multiple of 8, or more memory than wasm32 addresses.
 */
export function createAlsKernel(
  nUsers: number,
  nItems: number,
  f: number,
  maxRowEntries: number,
  block: AlsKernelBlock = {},
): AlsKernel | null {
  const compiled = kernelText.module();
  if (!compiled || f % 8 !== 0 || f <= 0) return null;
  const blockEntries = Math.max(maxRowEntries, 1, block.entries ?? BLOCK_ENTRIES);
  const blockRows = Math.max(1, block.rows ?? BLOCK_ROWS);
  const fb = f * 8;
  const instance = instantiateKernel(compiled, {
    yty: f * fb,
    r: fb,
    p: fb,
    ap: fb,
    users: nUsers * fb,
    items: nItems * fb,
    indptr: (blockRows + 1) * 4,
    indices: blockEntries * 4,
    values: blockEntries * 4,
  });
  if (!instance) return null;
  const { at, buffer } = instance;
  const kernel = instance.exports as unknown as KernelExports;
  const users = new Float64Array(buffer, at.users, nUsers * f);
  const items = new Float64Array(buffer, at.items, nItems * f);
  const indptr = new Int32Array(buffer, at.indptr, blockRows + 1);
  const indices = new Int32Array(buffer, at.indices, blockEntries);
  const values = new Float32Array(buffer, at.values, blockEntries);
  const offsetOf = (side: Float64Array): number => {
    if (side === users) return at.users;
    if (side === items) return at.items;
    throw new Error('als kernel: factors must be the kernel’s own users or items');
  };
  return {
    users,
    items,
    solveSide(m, x, y, lambda, alpha, cgSteps) {
      const xAt = offsetOf(x);
      const yAt = offsetOf(y);
      kernel.gram(yAt, m.nCols, f, lambda, at.yty);
      let u0 = 0;
      while (u0 < m.nRows) {
        // The longest run of rows from u0 whose entries fit the block (at least one row: the block
        // holds the longest row).
        const first = m.indptr[u0];
        let u1 = Math.min(m.nRows, u0 + blockRows);
        if (m.indptr[u1] - first > blockEntries) {
          let lo = u0 + 1;
          let hi = u1;
          while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (m.indptr[mid] - first <= blockEntries) lo = mid;
            else hi = mid - 1;
          }
          u1 = lo;
        }
        for (let u = u0; u <= u1; u++) indptr[u - u0] = m.indptr[u] - first;
        const count = m.indptr[u1] - first;
        indices.set(m.indices.subarray(first, first + count));
        values.set(m.values.subarray(first, first + count));
        kernel.solve(u1 - u0, at.indptr, at.indices, at.values, xAt + u0 * fb, yAt, at.yty, at.r, at.p, at.ap, f, alpha, cgSteps);
        u0 = u1;
      }
    },
  };
}

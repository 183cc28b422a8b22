// SubwordEmbedding's training in WebAssembly (text in sgns-kernel-wat.ts): the JavaScript's vectors to
// the bit (test/ml/text/sgns-kernel.test.ts). The vectors live in the kernel's memory; the fitted
// model keeps views on them.
import { instantiateKernel, watKernel } from '../core/wat.js';
import { rngStartState } from '../core/rng.js';
import { SGNS_KERNEL_WAT } from './sgns-kernel-wat.js';

interface KernelExports {
  start(seedState: number, input: number, n: number, dim: number): void;
  train(
    epochs: number,
    nSent: number,
    window: number,
    negatives: number,
    tableLen: number,
    learningRate: number,
    allTokens: number,
    dim: number,
    input: number,
    output: number,
    table: number,
    tokens: number,
    sentStart: number,
    rows: number,
    rowStart: number,
    hidden: number,
    grad: number,
  ): void;
}

const kernelText = watKernel('sgns-kernel.wat', SGNS_KERNEL_WAT);

/** Assembles and compiles the kernel once per process; SubwordEmbedding.fit uses it from then on. */
export const loadSgnsKernel = (): Promise<void> => kernelText.load();

export interface SgnsTraining {
  dim: number;
  buckets: number;
  window: number;
  negatives: number;
  epochs: number;
  learningRate: number;
  seed: number;
  /** Input rows of each training word (its own row, then its grams' bucket rows). */
  rowsOfWord: readonly Int32Array[];
  /** Negative-sampling table. */
  table: Int32Array;
  /** The sentences as word ids (sentences of one word left out). */
  corpus: readonly Int32Array[];
}

/**
 * The random start and the epochs of SubwordEmbedding.fit; null when the kernel is not loaded, dim
 * is not a multiple of 4, there are no words, or the memory would pass 2 GiB (the caller then runs
 * the JavaScript).
 */
export function trainSgnsKernel(t: SgnsTraining): { input: Float32Array; output: Float32Array } | null {
  const compiled = kernelText.module();
  const nWords = t.rowsOfWord.length;
  if (!compiled || t.dim % 4 !== 0 || nWords === 0) return null;
  const nInput = (nWords + t.buckets) * t.dim;
  let totalTokens = 0;
  for (const s of t.corpus) totalTokens += s.length;
  let totalRows = 0;
  for (const r of t.rowsOfWord) totalRows += r.length;
  const kernel = instantiateKernel(
    compiled,
    {
      input: nInput * 4,
      output: nWords * t.dim * 4,
      table: t.table.length * 4,
      tokens: totalTokens * 4,
      sentStart: (t.corpus.length + 1) * 4,
      rows: totalRows * 4,
      rowStart: (nWords + 1) * 4,
      hidden: t.dim * 4,
      grad: t.dim * 4,
    },
    { exp: Math.exp, log: Math.log, cos: Math.cos },
  );
  if (!kernel) return null;
  const { at, buffer } = kernel;
  const run = kernel.exports as unknown as KernelExports;
  new Int32Array(buffer, at.table, t.table.length).set(t.table);
  packRagged(t.corpus, new Int32Array(buffer, at.tokens, totalTokens), new Int32Array(buffer, at.sentStart, t.corpus.length + 1));
  packRagged(t.rowsOfWord, new Int32Array(buffer, at.rows, totalRows), new Int32Array(buffer, at.rowStart, nWords + 1));
  run.start(rngStartState(t.seed), at.input, nInput, t.dim);
  run.train(
    t.epochs,
    t.corpus.length,
    t.window,
    t.negatives,
    t.table.length,
    t.learningRate,
    t.epochs * totalTokens,
    t.dim,
    at.input,
    at.output,
    at.table,
    at.tokens,
    at.sentStart,
    at.rows,
    at.rowStart,
    at.hidden,
    at.grad,
  );
  return { input: new Float32Array(buffer, at.input, nInput), output: new Float32Array(buffer, at.output, nWords * t.dim) };
}

/** Lists one after the other into `values`, with list k at values[start[k] .. start[k + 1]). */
function packRagged(lists: readonly Int32Array[], values: Int32Array, start: Int32Array): void {
  let at = 0;
  lists.forEach((list, k) => {
    start[k] = at;
    values.set(list, at);
    at += list.length;
  });
  start[lists.length] = at;
}

// The embedding alternative to the TF-IDF classifier: subword skip-gram vectors trained on the
// train split's queries (no labels), averaged per query, and a linear SVM on the weak labels.
// Scored in the same harness as the TF-IDF SVM, so the two can be compared like for like.
import { LinearSvm } from '../text/linear-svm.js';
import { SubwordEmbedding, type SubwordEmbeddingOptions } from '../text/subword-embedding.js';
import type { SparseRow } from '../text/tfidf.js';
import { words } from '../text/tokenize.js';

export const EMBEDDING_MODEL = 'subword_sgns_svm';
/** Fixed before looking at any held-out score (fastText's usual small-corpus settings). */
export const EMBEDDING_PARAMS: Required<Omit<SubwordEmbeddingOptions, 'seed'>> & { c: number } = {
  dim: 48,
  buckets: 1 << 15,
  minN: 3,
  maxN: 5,
  window: 3,
  negatives: 5,
  epochs: 5,
  learningRate: 0.05,
  c: 1,
};

export interface EmbeddingClassifier {
  embedding: SubwordEmbedding;
  svm: LinearSvm;
  /** Predicted intent for every query. */
  predictions: string[];
  fitSeconds: number;
}

/** Dense vector as a sparse row (every dimension present), the shape LinearSvm takes. */
function denseRow(values: Float64Array): SparseRow {
  return { indices: Int32Array.from(values, (_, d) => d), values };
}

/**
 * Embeddings from the train split's queries (`trainRows`), the SVM from the weakly labelled ones
 * (`labelled`, with `labels`), predictions for all `queries`.
 */
export function trainEmbeddingClassifier(
  queries: readonly string[],
  trainRows: ArrayLike<number>,
  labelled: readonly number[],
  labels: readonly string[],
  seed: number,
): EmbeddingClassifier {
  const { c, ...options } = EMBEDDING_PARAMS;
  const started = performance.now();
  const embedding = new SubwordEmbedding({ ...options, seed }).fit(Array.from(trainRows, (i) => words(queries[i])));
  // One vector per distinct query (a pure function of the text once trained), shared by its repeats.
  const byQuery = new Map<string, SparseRow>();
  const rows = queries.map((q) => {
    let row = byQuery.get(q);
    if (!row) byQuery.set(q, (row = denseRow(embedding.textVector(q))));
    return row;
  });
  // Dense, low-dimensional rows: the dual solver settles in a few dozen passes.
  const svm = new LinearSvm({ c, seed, maxIterations: 50 }).fit(
    labelled.map((i) => rows[i]),
    labels,
    options.dim,
  );
  const fitSeconds = (performance.now() - started) / 1000;
  const predicted = new Map<SparseRow, string>();
  const predictions = rows.map((r) => {
    let p = predicted.get(r);
    if (p === undefined) predicted.set(r, (p = svm.predictOne(r)));
    return p;
  });
  return { embedding, svm, predictions, fitSeconds };
}

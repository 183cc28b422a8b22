// Word embeddings trained here, on the query log itself (no pre-trained model can be downloaded):
// skip-gram with negative sampling where a word's input vector is the mean of a vector for the word
// and vectors for its character 3-5 grams, hashed into a fixed number of buckets (the fastText
// recipe). Because a misspelt word shares most of its character grams with the correct one, typos
// and words never seen in training still get a vector close to their neighbours'.
// A query's vector is the mean of its words' vectors, L2-normalised.
import { createRng, type Rng } from '../core/rng.js';
import { words } from './tokenize.js';
import { trainSgnsKernel } from './sgns-kernel.js';

export interface SubwordEmbeddingOptions {
  /** Vector length. */
  dim?: number;
  /** Hash buckets for character n-grams (rows shared by all grams that hash alike). */
  buckets?: number;
  minN?: number;
  maxN?: number;
  /** Context words on each side of the target (queries are short: the window usually spans the query). */
  window?: number;
  /** Negative samples per positive context word. */
  negatives?: number;
  epochs?: number;
  /** Starting learning rate; it falls linearly to 0 over training. */
  learningRate?: number;
  seed?: number;
}

/** 32-bit FNV-1a hash of a string (stable across runs and platforms). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Character n-grams of one word with boundary marks: "cat" -> "<ca", "cat", "at>", "<cat", "cat>",
 * "<cat>". The whole marked word is always one of them, so even a short unseen word has a row.
 */
export function subwords(word: string, minN: number, maxN: number): string[] {
  const marked = `<${word}>`;
  const grams: string[] = [];
  for (let n = minN; n <= maxN; n++) {
    for (let i = 0; i + n <= marked.length; i++) {
      const gram = marked.slice(i, i + n);
      if (gram !== marked) grams.push(gram);
    }
  }
  grams.push(marked);
  return grams;
}

const sigmoid = (x: number) => (x > 8 ? 1 : x < -8 ? 0 : 1 / (1 + Math.exp(-x)));

export class SubwordEmbedding {
  readonly options: Required<SubwordEmbeddingOptions>;
  /** Training vocabulary: word -> row (input and output). */
  vocabulary = new Map<string, number>();
  private input: Float32Array = new Float32Array(0);
  private output: Float32Array = new Float32Array(0);
  private rowsOfWord: Int32Array[] = [];
  /** Word vectors already computed since the last fit (queries repeat their words a lot). */
  private cache = new Map<string, Float64Array>();
  /** Where the last fit ran (the kernel falls back to JavaScript when it cannot run). */
  trainedIn: 'wasm' | 'js' | null = null;

  /**
   * `kernel`: where training runs: 'wasm' (sgns-kernel.ts, once loadSgnsKernel() has finished and dim
   * is a multiple of 4) or 'js' (fit below). Both give the same vectors to the bit; the default takes
   * the kernel when it can.
   */
  constructor(
    options: SubwordEmbeddingOptions = {},
    private readonly kernel: 'wasm' | 'js' = 'wasm',
  ) {
    this.options = {
      dim: 48,
      buckets: 1 << 15,
      minN: 3,
      maxN: 5,
      window: 3,
      negatives: 5,
      epochs: 5,
      learningRate: 0.05,
      seed: 1,
      ...options,
    };
    const { dim, buckets, minN, maxN, window, negatives, epochs } = this.options;
    for (const [name, value] of Object.entries({ dim, buckets, minN, maxN, window, negatives, epochs })) {
      if (!Number.isInteger(value) || value < 1)
        throw new Error(`SubwordEmbedding: option ${name} must be a positive integer, got ${value}`);
    }
    if (minN > maxN) throw new Error(`SubwordEmbedding: minN (${minN}) must not exceed maxN (${maxN})`);
  }

  /** Input rows of a word: its own row when it was in training, then its hashed grams' rows. */
  private rowsFor(word: string): Int32Array {
    const own = this.vocabulary.get(word);
    const base = this.vocabulary.size;
    const grams = subwords(word, this.options.minN, this.options.maxN).map((g) => base + (fnv1a(g) % this.options.buckets));
    return Int32Array.from(own === undefined ? grams : [own, ...grams]);
  }

  /** Train on tokenised sentences (here: one query = one sentence). */
  fit(sentences: readonly (readonly string[])[]): this {
    const { dim, buckets, window, negatives, epochs, learningRate, seed } = this.options;
    this.cache.clear();
    const counts = new Map<string, number>();
    for (const s of sentences) for (const w of s) counts.set(w, (counts.get(w) ?? 0) + 1);
    const vocab = [...counts.keys()].sort();
    this.vocabulary = new Map(vocab.map((w, i) => [w, i]));
    const nWords = vocab.length;
    this.rowsOfWord = vocab.map((w) => this.rowsFor(w));
    const table =
      nWords === 0
        ? new Int32Array(0)
        : negativeTable(
            vocab.map((w) => counts.get(w)!),
            1 << 17,
          );
    const corpus = sentences.map((s) => Int32Array.from(s, (w) => this.vocabulary.get(w)!)).filter((s) => s.length > 1);
    if (this.kernel === 'wasm') {
      const trained = trainSgnsKernel({
        dim,
        buckets,
        window,
        negatives,
        epochs,
        learningRate,
        seed,
        rowsOfWord: this.rowsOfWord,
        table,
        corpus,
      });
      if (trained) {
        this.input = trained.input;
        this.output = trained.output;
        this.trainedIn = 'wasm';
        return this;
      }
    }

    this.trainedIn = 'js';
    const rng = createRng(seed);
    this.input = new Float32Array((nWords + buckets) * dim);
    for (let i = 0; i < this.input.length; i++) this.input[i] = (rng.next() * 2 - 1) / dim;
    this.output = new Float32Array(nWords * dim);
    if (nWords === 0) return this;
    let totalTokens = 0;
    for (const s of corpus) totalTokens += s.length;
    const hidden = new Float32Array(dim);
    const grad = new Float32Array(dim);
    let seen = 0;
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (const sentence of corpus) {
        for (let i = 0; i < sentence.length; i++) {
          const lr = learningRate * Math.max(1 - seen / (epochs * totalTokens), 1e-4);
          seen++;
          const rows = this.rowsOfWord[sentence[i]];
          // Sampled window width, as word2vec does: nearer words count more often.
          const reach = 1 + rng.int(window);
          for (let j = Math.max(0, i - reach); j <= Math.min(sentence.length - 1, i + reach); j++) {
            if (j !== i) this.update(rows, sentence[j], lr, table, negatives, rng, hidden, grad);
          }
        }
      }
    }
    return this;
  }

  /** One skip-gram step: the target's rows predict `context` against `negatives` sampled words. */
  private update(
    rows: Int32Array,
    context: number,
    lr: number,
    table: Int32Array,
    negatives: number,
    rng: Rng,
    hidden: Float32Array,
    grad: Float32Array,
  ): void {
    const { dim } = this.options;
    // Locals for the arrays: the loops below are the whole cost of training.
    const input = this.input;
    const output = this.output;
    const nRows = rows.length;
    hidden.fill(0);
    for (let r = 0; r < nRows; r++) for (let d = 0, o = rows[r] * dim; d < dim; d++) hidden[d] += input[o + d];
    for (let d = 0; d < dim; d++) hidden[d] /= nRows;
    grad.fill(0);
    for (let k = 0; k <= negatives; k++) {
      const target = k === 0 ? context : table[rng.int(table.length)];
      if (k > 0 && target === context) continue;
      const o = target * dim;
      let dot = 0;
      for (let d = 0; d < dim; d++) dot += hidden[d] * output[o + d];
      const g = lr * ((k === 0 ? 1 : 0) - sigmoid(dot));
      for (let d = 0; d < dim; d++) {
        grad[d] += g * output[o + d];
        output[o + d] += g * hidden[d];
      }
    }
    for (let r = 0; r < nRows; r++) for (let d = 0, o = rows[r] * dim; d < dim; d++) input[o + d] += grad[d];
  }

  /** A word's vector: the mean of its rows (grams only for a word not seen in training). */
  wordVector(word: string): Float64Array {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const { dim } = this.options;
    const v = new Float64Array(dim);
    const rows = this.vocabulary.has(word) ? this.rowsOfWord[this.vocabulary.get(word)!] : this.rowsFor(word);
    for (const r of rows) for (let d = 0, o = r * dim; d < dim; d++) v[d] += this.input[o + d];
    if (rows.length > 0) for (let d = 0; d < dim; d++) v[d] /= rows.length;
    this.cache.set(word, v);
    return v;
  }

  /** The model's probability that `context` occurs near `word` (the skip-gram objective's own score). */
  contextProbability(word: string, context: string): number {
    const c = this.vocabulary.get(context);
    if (c === undefined) throw new Error(`SubwordEmbedding.contextProbability: context word '${context}' was not in training`);
    const v = this.wordVector(word);
    let dot = 0;
    for (let d = 0, o = c * this.options.dim; d < v.length; d++) dot += v[d] * this.output[o + d];
    return sigmoid(dot);
  }

  /** Mean of the text's word vectors, L2-normalised (all zeros for a text without words). */
  textVector(text: string): Float64Array {
    const v = new Float64Array(this.options.dim);
    const tokens = words(text);
    for (const w of tokens) {
      const wv = this.wordVector(w);
      for (let d = 0; d < v.length; d++) v[d] += wv[d];
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let d = 0; d < v.length; d++) v[d] /= norm;
    return v;
  }
}

/** Table for drawing negatives with probability proportional to count^0.75 (word2vec's choice). */
export function negativeTable(counts: readonly number[], size: number): Int32Array {
  const weights = counts.map((c) => c ** 0.75);
  const total = weights.reduce((a, b) => a + b, 0);
  const table = new Int32Array(size);
  let word = 0;
  let cumulative = weights[0] / total;
  for (let i = 0; i < size; i++) {
    table[i] = word;
    if ((i + 1) / size > cumulative && word < counts.length - 1) cumulative += weights[++word] / total;
  }
  return table;
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

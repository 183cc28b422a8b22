// TF-IDF vectoriser producing sparse, L2-normalised rows. Features are any strings an analyser
// returns (word n-grams, character n-grams, or both with prefixes), so one class serves reviews and
// search queries. Fitted vocabulary and idf are plain arrays: easy to serialise into a model card.
import { charNgrams, wordNgrams, words, wordsWithNegation } from './tokenize.js';

export interface SparseRow {
  indices: Int32Array;
  values: Float64Array;
}

export type Analyzer = (text: string) => string[];

export interface TfidfOptions {
  analyzer: Analyzer;
  /** Drop features seen in fewer documents than this. */
  minDf?: number;
  /** Cap on vocabulary size (most frequent kept). */
  maxFeatures?: number;
  /** Use 1 + log(tf) instead of raw counts. */
  sublinearTf?: boolean;
}

/** Word uni+bigrams with negation marking: the sentiment analyser. */
export const sentimentAnalyzer: Analyzer = (text) => wordNgrams(wordsWithNegation(text), 2).map((g) => `w:${g}`);

/** Word unigrams plus character 3-5 grams: the search-query analyser, tolerant of misspellings. */
export const queryAnalyzer: Analyzer = (text) => [...words(text).map((w) => `w:${w}`), ...charNgrams(text, 3, 5).map((g) => `c:${g}`)];

export class TfidfVectorizer {
  vocabulary = new Map<string, number>();
  idf = new Float64Array(0);
  private readonly options: Required<TfidfOptions>;

  constructor(options: TfidfOptions) {
    this.options = { minDf: 1, maxFeatures: 200_000, sublinearTf: true, ...options };
  }

  fit(texts: readonly string[]): this {
    const df = new Map<string, number>();
    for (const text of texts) for (const f of new Set(this.options.analyzer(text))) df.set(f, (df.get(f) ?? 0) + 1);
    const kept = [...df.entries()]
      .filter(([, n]) => n >= this.options.minDf)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, this.options.maxFeatures)
      .sort((a, b) => (a[0] < b[0] ? -1 : 1));
    this.vocabulary = new Map(kept.map(([f], i) => [f, i]));
    this.idf = new Float64Array(kept.length);
    const n = texts.length;
    // Smoothed idf: as if one extra document contained every feature, so no idf is infinite.
    kept.forEach(([, d], i) => (this.idf[i] = Math.log((1 + n) / (1 + d)) + 1));
    return this;
  }

  transformOne(text: string): SparseRow {
    const counts = new Map<number, number>();
    for (const f of this.options.analyzer(text)) {
      const j = this.vocabulary.get(f);
      if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1);
    }
    const indices = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
    const values = new Float64Array(indices.length);
    let norm = 0;
    indices.forEach((j, k) => {
      const tf = counts.get(j)!;
      const v = (this.options.sublinearTf ? 1 + Math.log(tf) : tf) * this.idf[j];
      values[k] = v;
      norm += v * v;
    });
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = 0; k < values.length; k++) values[k] /= norm;
    return { indices, values };
  }

  transform(texts: readonly string[]): SparseRow[] {
    return texts.map((t) => this.transformOne(t));
  }

  get size(): number {
    return this.idf.length;
  }
}

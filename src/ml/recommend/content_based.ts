/**
 * Content-based recommender: each title is a vector of its categorical features (genre,
 * content type, language, year bucket ...), IDF-weighted and L2-normalised; a user's profile is
 * the weighted sum of the vectors of the titles they watched; a title's score is its dot product
 * with the profile (cosine up to a per-user constant, which does not change the ranking).
 */
import { IdMap, type CsrMatrix } from './sparse.js';
import type { Recommender } from './recommender.js';

export interface ItemFeatures {
  /** nItems x nFeatures, row-major, each row L2-normalised. */
  readonly matrix: Float64Array;
  readonly names: string[];
  readonly nItems: number;
}

/**
 * Builds item vectors from one list of feature tokens per item, e.g.
 * ['genre:Drama', 'type:Movie', 'lang:English', 'decade:2010']. Blank tokens are ignored.
 * With idf, rare features (a niche genre) count for more than ubiquitous ones (English).
 */
export function buildItemFeatures(tokensPerItem: readonly (readonly string[])[], options: { idf?: boolean } = {}): ItemFeatures {
  const vocab = new IdMap();
  for (const tokens of tokensPerItem) for (const t of tokens) if (t) vocab.add(t);
  const nItems = tokensPerItem.length;
  const nf = vocab.size;
  const matrix = new Float64Array(nItems * nf);
  const docFreq = new Float64Array(nf);
  tokensPerItem.forEach((tokens, i) => {
    for (const t of new Set(tokens)) {
      if (!t) continue;
      const c = vocab.get(t);
      matrix[i * nf + c] = 1;
      docFreq[c]++;
    }
  });
  for (let i = 0; i < nItems; i++) {
    let norm = 0;
    for (let c = 0; c < nf; c++) {
      if (matrix[i * nf + c] === 0) continue;
      const w = options.idf === false ? 1 : Math.log((1 + nItems) / (1 + docFreq[c])) + 1;
      matrix[i * nf + c] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let c = 0; c < nf; c++) matrix[i * nf + c] /= norm;
  }
  return { matrix, names: vocab.ids, nItems };
}

/** '1994' -> 'decade:1990'; blank or non-numeric -> '' (ignored by buildItemFeatures). */
export function yearBucket(year: number | null | undefined, width = 10): string {
  if (year === null || year === undefined || !Number.isFinite(year)) return '';
  return `decade:${Math.floor(year / width) * width}`;
}

export function fitContentBased(train: CsrMatrix, features: ItemFeatures): Recommender {
  if (features.nItems !== train.nCols) {
    throw new Error(`fitContentBased: features cover ${features.nItems} items but the matrix has ${train.nCols}`);
  }
  const nf = features.names.length;
  const profile = new Float64Array(nf);
  return {
    name: 'content_based',
    nItems: train.nCols,
    scoreUser(user, out) {
      profile.fill(0);
      for (let k = train.indptr[user]; k < train.indptr[user + 1]; k++) {
        const o = train.indices[k] * nf;
        const w = train.values[k];
        for (let c = 0; c < nf; c++) profile[c] += w * features.matrix[o + c];
      }
      for (let i = 0; i < train.nCols; i++) {
        let s = 0;
        const o = i * nf;
        for (let c = 0; c < nf; c++) s += profile[c] * features.matrix[o + c];
        out[i] = s;
      }
    },
  };
}

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
  // Each title has a handful of non-zero features out of nf: keep them (column order preserved) so
  // a score sums only those terms. A skipped term is +0 (profiles and features are >= 0), so every
  // sum is the same number as over all nf columns.
  const { matrix } = features;
  const nItems = train.nCols;
  const start = new Int32Array(nItems + 1);
  for (let i = 0; i < nItems; i++) {
    let nz = 0;
    for (let c = 0; c < nf; c++) if (matrix[i * nf + c] !== 0) nz++;
    start[i + 1] = start[i] + nz;
  }
  const column = new Int32Array(start[nItems]);
  const weight = new Float64Array(start[nItems]);
  for (let i = 0, e = 0; i < nItems; i++)
    for (let c = 0; c < nf; c++)
      if (matrix[i * nf + c] !== 0) {
        column[e] = c;
        weight[e++] = matrix[i * nf + c];
      }
  return {
    name: 'content_based',
    nItems,
    scoreUser(user, out) {
      profile.fill(0);
      for (let k = train.indptr[user]; k < train.indptr[user + 1]; k++) {
        const i = train.indices[k];
        const w = train.values[k];
        for (let e = start[i]; e < start[i + 1]; e++) profile[column[e]] += w * weight[e];
      }
      for (let i = 0; i < nItems; i++) {
        let s = 0;
        for (let e = start[i]; e < start[i + 1]; e++) s += profile[column[e]] * weight[e];
        out[i] = s;
      }
    },
  };
}

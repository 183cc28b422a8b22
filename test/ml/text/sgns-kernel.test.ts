// The skip-gram training in WebAssembly (sgns-kernel.ts) must give the JavaScript's vectors to the
// bit: the random start, the falling learning rate, sampled windows, negatives equal to the context
// skipped, words whose grams share a bucket row (row lists with repeats), several dims; dims that are
// not a multiple of 4 and a corpus without words run the JavaScript.
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/ml/core/rng.js';
import { loadSgnsKernel } from '../../../src/ml/text/sgns-kernel.js';
import { SubwordEmbedding, type SubwordEmbeddingOptions } from '../../../src/ml/text/subword-embedding.js';

const WORDS = ['stranger', 'things', 'crown', 'the', 'witcher', 'dark', 'comedy', 'korean', 'drama', 'anime', 'a', 'of'];

/** Queries of 1-5 words, with misspellings (a letter dropped) now and then. */
function queries(n: number, seed: number): string[][] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () =>
    Array.from({ length: 1 + rng.int(5) }, () => {
      const w = WORDS[rng.int(WORDS.length)];
      return w.length > 3 && rng.next() < 0.2 ? w.slice(0, 1) + w.slice(2) : w;
    }),
  );
}

const bits = (a: Float64Array) => Array.from(new Uint32Array(Float64Array.from(a).buffer));

/** Every training word's vector, an unseen word's (grams only) and every context probability. */
function fingerprint(model: SubwordEmbedding): number[][] {
  const words = [...model.vocabulary.keys()];
  const out = [...words, 'strangr', 'zzz'].map((w) => bits(model.wordVector(w)));
  out.push(bits(Float64Array.from(words.flatMap((w) => words.map((c) => model.contextProbability(w, c))))));
  return out;
}

describe('skip-gram WebAssembly kernel', () => {
  beforeAll(() => loadSgnsKernel());

  it('gives the JavaScript vectors to the bit', () => {
    const sentences = queries(400, 3);
    const settings: SubwordEmbeddingOptions[] = [
      { seed: 1 },
      { dim: 24, epochs: 3, seed: 9, window: 1 },
      { dim: 8, buckets: 1, negatives: 2, seed: 4 }, // every gram in one bucket row
      { dim: 12, buckets: 64, negatives: 7, learningRate: 0.2, epochs: 2, seed: 11 },
    ];
    for (const options of settings) {
      const js = new SubwordEmbedding(options, 'js').fit(sentences);
      const wasm = new SubwordEmbedding(options).fit(sentences);
      expect(js.trainedIn).toBe('js');
      expect(wasm.trainedIn).toBe('wasm');
      expect(fingerprint(wasm)).toEqual(fingerprint(js));
    }
  });

  it('leaves dims that are not a multiple of 4, and corpora without words, to JavaScript', () => {
    const odd = new SubwordEmbedding({ dim: 6, seed: 2 }).fit(queries(50, 5));
    expect(odd.trainedIn).toBe('js');
    expect(fingerprint(odd)).toEqual(fingerprint(new SubwordEmbedding({ dim: 6, seed: 2 }, 'js').fit(queries(50, 5))));
    const empty = new SubwordEmbedding({ dim: 8 }).fit([[], []]);
    expect(empty.trainedIn).toBe('js');
    expect(bits(empty.wordVector('unseen'))).toEqual(bits(new SubwordEmbedding({ dim: 8 }, 'js').fit([]).wordVector('unseen')));
  });
});

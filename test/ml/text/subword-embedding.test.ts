// Self-trained subword embeddings: hashing and grams by hand, the negative-sampling table's
// proportions, and on a small synthetic corpus with two topics: words of a topic end up closer to
// each other than to the other topic, an unseen misspelling lands next to its word, seeds repeat.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/ml/core/rng.js';
import { trainEmbeddingClassifier } from '../../../src/ml/intent/embedding-classifier.js';
import { cosine, fnv1a, negativeTable, SubwordEmbedding, subwords } from '../../../src/ml/text/subword-embedding.js';

const ANIMALS = ['elephant', 'giraffe', 'kangaroo', 'penguin', 'crocodile'];
const FRUITS = ['pineapple', 'strawberry', 'mandarin', 'blueberry', 'watermelon'];

/** Queries of 3-4 words drawn from one topic, with the topic's cue word. */
function corpus(n: number, seed: number): string[][] {
  const rng = createRng(seed);
  const out: string[][] = [];
  for (let i = 0; i < n; i++) {
    const [topic, cue] = i % 2 === 0 ? [ANIMALS, 'zoo'] : [FRUITS, 'market'];
    const s = [cue];
    const len = 2 + rng.int(2);
    for (let k = 0; k < len; k++) s.push(topic[rng.int(topic.length)]);
    out.push(s);
  }
  return out;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Mean cosine of word pairs within a topic minus mean cosine of pairs across topics. */
function topicGap(model: SubwordEmbedding): number {
  const within: number[] = [];
  const across: number[] = [];
  for (const a of ANIMALS) {
    for (const b of ANIMALS) if (a < b) within.push(cosine(model.wordVector(a), model.wordVector(b)));
    for (const f of FRUITS) across.push(cosine(model.wordVector(a), model.wordVector(f)));
  }
  for (const a of FRUITS) for (const b of FRUITS) if (a < b) within.push(cosine(model.wordVector(a), model.wordVector(b)));
  return mean(within) - mean(across);
}

describe('subword pieces', () => {
  it('FNV-1a matches the published 32-bit test vectors', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('grams carry boundary marks, the whole marked word once', () => {
    expect(subwords('cat', 3, 3)).toEqual(['<ca', 'cat', 'at>', '<cat>']);
    expect(subwords('cat', 3, 5)).toEqual(['<ca', 'cat', 'at>', '<cat', 'cat>', '<cat>']);
    // A one-letter word still has a gram (so an unseen one still gets a vector).
    expect(subwords('a', 3, 5)).toEqual(['<a>']);
  });

  it('negative table draws words in proportion to count^0.75', () => {
    const table = negativeTable([1, 16, 81], 10_000);
    const share = (w: number) => table.filter((x) => x === w).length / table.length;
    // weights 1, 8, 27 out of 36
    expect(share(0)).toBeCloseTo(1 / 36, 2);
    expect(share(1)).toBeCloseTo(8 / 36, 2);
    expect(share(2)).toBeCloseTo(27 / 36, 2);
  });

  it('rejects nonsensical options with the option named', () => {
    expect(() => new SubwordEmbedding({ dim: 0 })).toThrow(/option dim must be a positive integer/);
    expect(() => new SubwordEmbedding({ minN: 6, maxN: 3 })).toThrow(/minN \(6\) must not exceed maxN \(3\)/);
  });
});

describe('training on a two-topic corpus', () => {
  const sentences = corpus(1200, 3);
  const model = new SubwordEmbedding({ dim: 24, epochs: 5, seed: 9 }).fit(sentences);

  it('places words of one topic closer together than words of different topics', () => {
    expect(topicGap(model)).toBeGreaterThan(0.3);
    // Each topic's cue is nearer its own topic's words.
    const zoo = model.wordVector('zoo');
    expect(mean(ANIMALS.map((w) => cosine(zoo, model.wordVector(w))))).toBeGreaterThan(
      mean(FRUITS.map((w) => cosine(zoo, model.wordVector(w)))),
    );
  });

  it("predicts the contexts a word occurs in above the other topic's", () => {
    // Shifted-PMI optimum: a frequent cue word is also a frequent negative, so absolute scores stay
    // moderate; what must hold is the order, by a clear margin.
    for (const a of ANIMALS) expect(model.contextProbability(a, 'zoo') - model.contextProbability(a, 'market'), a).toBeGreaterThan(0.2);
    for (const f of FRUITS) expect(model.contextProbability(f, 'market') - model.contextProbability(f, 'zoo'), f).toBeGreaterThan(0.2);
    expect(() => model.contextProbability('zoo', 'circus')).toThrow(/'circus' was not in training/);
  });

  it('gives an unseen misspelling a vector whose nearest word is the intended one', () => {
    for (const [typo, word] of [
      ['pinapple', 'pineapple'],
      ['girafe', 'giraffe'],
      ['strawbery', 'strawberry'],
      ['kangaro', 'kangaroo'],
    ]) {
      expect(model.vocabulary.has(typo)).toBe(false);
      const v = model.wordVector(typo);
      const nearest = [...ANIMALS, ...FRUITS].sort((a, b) => cosine(v, model.wordVector(b)) - cosine(v, model.wordVector(a)))[0];
      expect(nearest, typo).toBe(word);
    }
  });

  it('text vectors are unit length, order-free, and zero for a text without words', () => {
    const v = model.textVector('zoo elephant penguin');
    expect(Math.hypot(...v)).toBeCloseTo(1, 10);
    const reordered = model.textVector('penguin zoo elephant');
    v.forEach((x, d) => expect(reordered[d]).toBeCloseTo(x, 12));
    expect(Math.hypot(...model.textVector('q'))).toBeCloseTo(1, 10);
    expect(Array.from(model.textVector('   '))).toEqual(new Array(24).fill(0));
  });

  it('repeats exactly with the same seed and differs with another', () => {
    const again = new SubwordEmbedding({ dim: 24, epochs: 5, seed: 9 }).fit(sentences);
    expect(Array.from(again.wordVector('mandarin'))).toEqual(Array.from(model.wordVector('mandarin')));
    const other = new SubwordEmbedding({ dim: 24, epochs: 5, seed: 10 }).fit(sentences);
    expect(Array.from(other.wordVector('mandarin'))).not.toEqual(Array.from(model.wordVector('mandarin')));
  });

  it('training moves vectors: before training topics are not separated', () => {
    const untrained = new SubwordEmbedding({ dim: 24, epochs: 1, learningRate: 1e-9, seed: 9 }).fit(sentences);
    expect(Math.abs(topicGap(untrained))).toBeLessThan(0.15);
    expect(topicGap(model)).toBeGreaterThan(0.3);
  });
});

describe('embedding classifier', () => {
  it('learns topic labels from the vectors and labels unseen, misspelt queries', () => {
    const sentences = corpus(600, 5);
    const queries = [...sentences.map((s) => s.slice(1).join(' ')), 'pinapple blueberry', 'girafe penguin'];
    const labels = sentences.map((s) => (s[0] === 'zoo' ? 'animal' : 'fruit'));
    const train = Int32Array.from({ length: sentences.length }, (_, i) => i);
    const c = trainEmbeddingClassifier(queries, train, Array.from(train), labels, 4);
    expect(c.predictions.slice(-2)).toEqual(['fruit', 'animal']);
    const correct = labels.filter((l, i) => c.predictions[i] === l).length;
    expect(correct / labels.length).toBeGreaterThan(0.95);
  });
});

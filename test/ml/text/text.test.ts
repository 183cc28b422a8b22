import { describe, expect, it } from 'vitest';
import { charNgrams, wordNgrams, words, wordsWithNegation } from '../../../src/ml/text/tokenize.js';
import { TfidfVectorizer, queryAnalyzer, sentimentAnalyzer } from '../../../src/ml/text/tfidf.js';
import { LinearSvm } from '../../../src/ml/text/linear-svm.js';
import { labelFromRating, lexiconLabel, SENTIMENT_LABELS, tuneThresholds, type Sentiment } from '../../../src/ml/text/lexicon-sentiment.js';
import { macroF1 } from '../../../src/ml/core/metrics.js';
import { createRng } from '../../../src/ml/core/rng.js';
import { weakIntent } from '../../../src/ml/text/intent-rules.js';
import { QueryCompleter } from '../../../src/ml/text/autocomplete.js';

describe('tokenisation', () => {
  it("expands n't and marks negation scope until a clause break", () => {
    expect(words("Didn't love it")).toEqual(['did', 'not', 'love', 'it']);
    expect(wordsWithNegation('not bad at all. loved it')).toEqual(['not', 'not_bad', 'not_at', 'not_all', 'loved', 'it']);
    expect(wordsWithNegation('never boring but too long')).toEqual(['never', 'not_boring', 'but', 'too', 'long']);
  });

  it('builds word and character n-grams', () => {
    expect(wordNgrams(['a', 'b', 'c'], 2)).toEqual(['a', 'b', 'c', 'a b', 'b c']);
    expect(charNgrams('abc', 3, 4)).toEqual([' ab', 'abc', 'bc ', ' abc', 'abc ']);
  });
});

describe('TF-IDF', () => {
  it('computes smoothed idf and L2-normalised rows by hand', () => {
    const v = new TfidfVectorizer({ analyzer: (t) => t.split(' '), sublinearTf: false }).fit(['a b', 'a c']);
    // idf(a) = ln(3/3) + 1 = 1; idf(b) = idf(c) = ln(3/2) + 1
    const idfB = Math.log(1.5) + 1;
    expect([...v.idf]).toEqual([1, idfB, idfB]);
    const row = v.transformOne('a b');
    const norm = Math.sqrt(1 + idfB * idfB);
    expect([...row.indices]).toEqual([0, 1]);
    expect(row.values[0]).toBeCloseTo(1 / norm, 12);
    expect(row.values[1]).toBeCloseTo(idfB / norm, 12);
    expect(v.transformOne('zzz').indices.length).toBe(0);
  });
});

describe('linear SVM (one-vs-rest, dual coordinate descent)', () => {
  it('separates linearly separable sentiment texts, including negated phrases', () => {
    const train = [
      'great film loved it',
      'wonderful and moving',
      'not good at all',
      'boring and slow',
      'terrible plot',
      'brilliant acting',
      'not great',
      'awful',
    ];
    const labels = ['pos', 'pos', 'neg', 'neg', 'neg', 'pos', 'neg', 'neg'];
    const v = new TfidfVectorizer({ analyzer: sentimentAnalyzer }).fit(train);
    const svm = new LinearSvm({ c: 10 }).fit(v.transform(train), labels, v.size);
    expect(svm.predict(v.transform(train))).toEqual(labels);
    expect(svm.predictOne(v.transformOne('loved it, brilliant'))).toBe('pos');
    expect(svm.predictOne(v.transformOne('not good'))).toBe('neg');
  });

  it('classifies misspelt queries through character n-grams', () => {
    const train = ['horror movies', 'comedy movies', 'horror series', 'comedy shows', 'best horror', 'new comedy'];
    const labels = ['horror', 'comedy', 'horror', 'comedy', 'horror', 'comedy'];
    const v = new TfidfVectorizer({ analyzer: queryAnalyzer }).fit(train);
    const svm = new LinearSvm({ c: 10 }).fit(v.transform(train), labels, v.size);
    expect(svm.predictOne(v.transformOne('horor'))).toBe('horror');
    expect(svm.predictOne(v.transformOne('comdey'))).toBe('comedy');
  });

  it('is deterministic for a seed', () => {
    const train = ['a b', 'b c', 'c d', 'd a'];
    const v = new TfidfVectorizer({ analyzer: (t) => t.split(' ') }).fit(train);
    const w1 = new LinearSvm({ seed: 3 }).fit(v.transform(train), ['x', 'y', 'x', 'y'], v.size).weights;
    const w2 = new LinearSvm({ seed: 3 }).fit(v.transform(train), ['x', 'y', 'x', 'y'], v.size).weights;
    expect(w1.map((w) => [...w])).toEqual(w2.map((w) => [...w]));
  });
});

describe('sentiment baselines', () => {
  it('labels from the star rating as the source does', () => {
    expect([1, 2, 3, 4, 5].map(labelFromRating)).toEqual(['negative', 'negative', 'neutral', 'positive', 'positive']);
  });
  it('reads polarity and negation with the lexicon', () => {
    expect(lexiconLabel('This series is a masterpiece!')).toBe('positive');
    expect(lexiconLabel('not good')).toBe('negative');
    expect(lexiconLabel('the')).toBe('neutral');
  });
});

describe('lexicon threshold tuning', () => {
  it('picks the same thresholds as scoring a prediction array per grid pair', () => {
    const rng = createRng(4);
    const labels: Sentiment[] = Array.from({ length: 3000 }, (_, i) => SENTIMENT_LABELS[i % 3]);
    // Scores drift with the label plus noise; rounding makes ties at the grid cut-offs.
    const scores = labels.map((l) => Math.round((SENTIMENT_LABELS.indexOf(l) - 1) * 0.4 * 100 + rng.normal() * 40) / 100);
    const byArrays = (() => {
      let best = { positive: 0.05, negative: -0.05 };
      let bestF1 = -1;
      const idx = (xs: readonly string[]) => xs.map((x) => SENTIMENT_LABELS.indexOf(x as Sentiment));
      for (let neg = -0.8; neg <= 0.2; neg += 0.05)
        for (let pos = neg + 0.05; pos <= 0.9; pos += 0.05) {
          const pred = scores.map((s) => (s >= pos ? 'positive' : s <= neg ? 'negative' : 'neutral'));
          const f1 = macroF1(idx(labels), idx(pred), 3);
          if (f1 > bestF1) {
            bestF1 = f1;
            best = { positive: pos, negative: neg };
          }
        }
      return best;
    })();
    expect(tuneThresholds(scores, labels)).toEqual(byArrays);
    expect(byArrays).not.toEqual({ positive: 0.05, negative: -0.05 });
  });
});

describe('weak intent rules', () => {
  const ctx = { titles: new Set(['the last harbor']) };
  it('labels confident cases and abstains otherwise', () => {
    expect(weakIntent('new releases', ctx)).toBe('navigational');
    expect(weakIntent('movies with emma stone', ctx)).toBe('person');
    expect(weakIntent('the last harbor', ctx)).toBe('title_lookup');
    expect(weakIntent('something funny', ctx)).toBe('mood_occasion');
    expect(weakIntent('korean thriller', ctx)).toBe('genre_browse');
    expect(weakIntent('zxq', ctx)).toBeNull();
  });
});

describe('query completion', () => {
  const log = ['horror movies', 'horror movies', 'horror movies', 'horror series', 'home alone', 'comedy'];
  const completer = new QueryCompleter(log);
  it('ranks exact prefix matches by popularity', () => {
    expect(completer.suggest('hor').map((s) => s.query)).toEqual(['horror movies', 'horror series']);
    expect(completer.suggest('ho').map((s) => s.query)).toEqual(['horror movies', 'home alone', 'horror series']);
  });
  it('tolerates a typo in a longer prefix', () => {
    const s = completer.suggest('hrror m');
    expect(s[0]).toMatchObject({ query: 'horror movies', edits: 1 });
  });
  it('does not guess on very short prefixes', () => {
    expect(completer.suggest('xo')).toEqual([]);
  });
});

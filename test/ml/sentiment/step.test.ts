import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDbEngine } from '../../../src/engine/duckdb/engine.js';
import { LexiconSentiment, StarRatingSentiment, TfidfSvmSentiment } from '../../../src/ml/sentiment/models.js';
import { runSentiment } from '../../../src/ml/sentiment/run.js';
import { MIXED, NEGATION, trainSentiment, type ReviewRow } from '../../../src/ml/sentiment/train.js';
import { card, textNote, verdict } from '../../../src/ml/sentiment/report.js';
import { createRng } from '../../../src/ml/core/rng.js';
import { FLAT_REVIEWS } from '../../../src/generate/review-text.js';
import { buildFixture, type Fixture } from '../helpers/pipeline-fixture.js';

describe('sentiment models (tiny fixtures)', () => {
  const rows = [
    { text: 'Loved it, brilliant acting.', rating: 5 },
    { text: 'Truly wonderful and moving.', rating: 5 },
    { text: 'Awful plot, terrible pacing.', rating: 1 },
    { text: 'Boring and badly written.', rating: 1 },
    { text: 'It was okay, nothing special.', rating: 3 },
    { text: 'Fine for background viewing.', rating: 3 },
  ];
  const labels = ['positive', 'positive', 'negative', 'negative', 'neutral', 'neutral'] as const;

  it('star rating maps 1-2 / 3 / 4-5', () => {
    expect(
      new StarRatingSentiment()
        .predict([
          { text: '', rating: 2 },
          { text: '', rating: 3 },
          { text: '', rating: 4 },
        ])
        .map((p) => p.label),
    ).toEqual(['negative', 'neutral', 'positive']);
  });
  it('lexicon reads negation', () => {
    const m = new LexiconSentiment();
    const [a, b] = m.predict([
      { text: 'This was not good.', rating: null },
      { text: 'This was good.', rating: null },
    ]);
    expect(a.score).toBeLessThan(b.score);
  });
  it('the SVM learns its training texts and generalises word polarity', () => {
    const m = new TfidfSvmSentiment({ seed: 1, c: 10, minDf: 1 }).fit(rows, [...labels]);
    expect(m.predict(rows).map((p) => p.label)).toEqual([...labels]);
  });
  it('subset patterns find negations and mixed opinions', () => {
    expect(NEGATION.test("I wasn't impressed")).toBe(true);
    expect(NEGATION.test('Nothing more to say')).toBe(true);
    expect(NEGATION.test('Knotty plot')).toBe(false);
    expect(MIXED.test('Great acting but the plot dragged')).toBe(true);
    expect(MIXED.test('Butterflies everywhere')).toBe(false);
  });
});

describe('sentiment split grouped by text (published-style reviews: 30 texts, each tied to one sentiment)', () => {
  const labels = ['negative', 'neutral', 'positive'] as const;
  const rng = createRng(5);
  const rows: ReviewRow[] = Array.from({ length: 600 }, (_, i) => {
    const label = labels[i % 3];
    return { reviewId: `r${i}`, movieId: null, text: FLAT_REVIEWS[label][rng.int(10)], rating: null, label };
  });
  const run = trainSentiment(rows, { seed: 3, B: 50 });

  it('puts no text on both sides, and states the computed figures', () => {
    const trainTexts = new Set(Array.from(run.split.train, (i) => rows[i].text));
    const testTexts = new Set(Array.from(run.split.test, (i) => rows[i].text));
    expect([...testTexts].filter((t) => trainTexts.has(t))).toEqual([]);
    expect(testTexts.size).toBe(9); // 30% of each label's 10 texts
    expect(run.texts).toMatchObject({ reviews: 600, distinctTexts: 30, textsWithOneLabel: 30, testSeenShare: 0 });
    expect(run.texts.rowSplitSeenShare).toBe(1); // a row split would test only texts seen in training
    const note = textNote(run);
    expect(note).toMatch(
      /^600 reviews carry 30 distinct texts .* 30 of the 30 texts always carry the same label\)\. Held-out reviews whose text occurs in train: 0\.0% with the split by text; a plain row split with the same seed would have put 100\.0% of them there\.$/,
    );
    const c = card(run, run.best, '2025-10-02T00:00:00Z', '2025-10-01');
    expect(c.caveats).toContain(note);
    expect(c.caveats.join(' ')).not.toMatch(/phrase banks/);
    expect(run.results.find((r) => r.model.name === 'star_rating')!.kind).toBe('baseline');
    expect(
      verdict(
        run,
        run.results.find((r) => r.model.name === 'star_rating')!,
      ).level,
    ).toBe('ceiling');
    expect(
      verdict(
        run,
        run.results.find((r) => r.model.name === 'majority_class')!,
      ).level,
    ).toBe('baseline');
  });
});

describe('sentiment evaluation cap (ML_SETTINGS.sentiment.maxEvaluatedReviews)', () => {
  const labels = ['negative', 'neutral', 'positive'] as const;
  const rng = createRng(9);
  const rows: ReviewRow[] = Array.from({ length: 600 }, (_, i) => {
    const label = labels[i % 3];
    return { reviewId: `r${i}`, movieId: null, text: `${FLAT_REVIEWS[label][rng.int(10)]} (${i % 97})`, rating: null, label };
  });

  it('scores every held-out review under the cap, and the card says so', () => {
    const run = trainSentiment(rows, { seed: 3, B: 50 });
    expect(run.evaluated.sampled).toBe(false);
    for (const r of run.results) expect(r.overall.n).toBe(run.split.test.length);
    const c = card(run, run.best, '2025-10-02T00:00:00Z', '2025-10-01');
    expect(c.caveats).toContain(
      `Held-out reviews scored: all ${run.split.test.length} (cap 6,000 not reached); the intervals and tests are those of that many reviews.`,
    );
    expect(run.trained.rows).toBe(run.split.train);
    expect(c.caveats).toContain(`Train-split reviews the models learned from: all ${run.split.train.length} (cap 15,000 not reached)`);
  });

  it('scores a seeded sample of the held-out reviews above the cap, and the card states the sample size', () => {
    const run = trainSentiment(rows, { seed: 3, B: 50, maxEvaluated: 60, maxTraining: 100 });
    expect(run.split.test.length).toBeGreaterThan(60);
    expect(run.evaluated.rows.length).toBe(60);
    const test = new Set(run.split.test);
    for (const i of run.evaluated.rows) expect(test.has(i)).toBe(true);
    for (const r of run.results) expect(r.overall.n).toBe(60);
    const c = card(run, run.best, '2025-10-02T00:00:00Z', '2025-10-01');
    expect(c.caveats).toContain(
      `Held-out reviews scored: a seeded sample of 60 of ${run.split.test.length} (cap 60); the intervals and tests are those of that many reviews.`,
    );
    expect(run.trained.rows.length).toBe(100);
    const trainSet = new Set(run.split.train);
    for (const i of run.trained.rows) expect(trainSet.has(i)).toBe(true);
    expect(c.caveats).toContain(
      `Train-split reviews the models learned from: a seeded sample of 100 of ${run.split.train.length} (cap 100)`,
    );
  });
});

describe('ml.sentiment end to end', () => {
  let f: Fixture;
  let engine: DuckDbEngine;
  beforeAll(async () => {
    f = await buildFixture('realistic', 0.2, 11);
    engine = await f.open();
  }, 600_000); // a generated set through gold by the CLI: minutes at high load
  afterAll(async () => {
    await engine?.close();
  });

  it('text models beat the majority class; the star-rating baseline is exact; predictions written', async () => {
    const logs: string[] = [];
    const { run } = await runSentiment(f.ctx(engine, logs), { B: 100 });
    const byName = new Map(run.results.map((r) => [r.model.name, r]));
    expect(byName.get('star_rating')!.overall.macroF1.estimate).toBe(1);
    expect(byName.get('tfidf_svm')!.overall.macroF1.lower).toBeGreaterThan(byName.get('majority_class')!.overall.macroF1.upper);
    expect(byName.get('lexicon_vader')!.overall.macroF1.lower).toBeGreaterThan(byName.get('majority_class')!.overall.macroF1.upper);
    expect(byName.get('tfidf_svm')!.subsets.negation!.n).toBeGreaterThan(20);
    expect(byName.get('tfidf_svm')!.subsets.mixed!.n).toBeGreaterThan(20);
    expect(logs.join('\n')).toMatch(/function of the star rating/);
    expect(byName.get('tfidf_svm')!.overall.permutation.pValue).toBeLessThan(0.05);
    const n = await engine.query(`SELECT count(*) AS n, count(*) FILTER (WHERE in_test_set) AS t FROM gold.review_sentiment`);
    expect(Number(n[0].n)).toBe(run.split.train.length + run.split.test.length);
    expect(Number(n[0].t)).toBe(run.split.test.length);
    const m = await engine.query(`SELECT count(*) AS n FROM ml.metrics WHERE use_case = 'sentiment' AND metric = 'macro_f1_negation'`);
    expect(Number(m[0].n)).toBe(4);
  }, 60_000);

  it('with labels shuffled against the texts, no text model is claimed to work', async () => {
    // Control for a signal-free label: the same reviews with their sentiment labels permuted.
    await engine.exec(`CREATE OR REPLACE TABLE main.shuffled_reviews AS
      SELECT t.review_id, t.movie_id, t.review_text, NULL::INTEGER AS rating, s.sentiment
      FROM (SELECT *, row_number() OVER (ORDER BY review_id) AS k FROM gold.ml_review_texts) t
      JOIN (SELECT sentiment, row_number() OVER (ORDER BY md5(review_id || 'x')) AS k FROM gold.ml_review_texts) s ON s.k = t.k`);
    const { run } = await runSentiment(f.ctx(engine), { B: 100, table: 'main.shuffled_reviews' });
    const cards = await engine.query(`SELECT model, verdict_level FROM ml.model_cards WHERE use_case = 'sentiment'`);
    for (const r of run.results.filter((x) => x.kind === 'model')) expect(r.overall.permutation.pValue).toBeGreaterThan(0.01);
    expect(cards.filter((c) => c.model === 'tfidf_svm' || c.model === 'lexicon_vader').map((c) => c.verdict_level)).not.toContain('signal');
  }, 60_000);
});

// Sentiment run: seeded split of the reviews grouped by exact text (no text on both sides, so a model
// cannot score by remembering texts), stratified by label; every model fitted on train and scored on
// the held-out reviews (macro-F1 and accuracy with bootstrap CIs), on all test texts and on the
// hard subsets: texts with a negation and texts with a mixed opinion ("... but ...").
import { groupedSplit, stratifiedSplit } from '../core/splits.js';
import { SENTIMENT_LABELS, type Sentiment } from '../text/lexicon-sentiment.js';
import {
  LexiconSentiment,
  MajoritySentiment,
  StarRatingSentiment,
  TfidfSvmSentiment,
  type ReviewInput,
  type SentimentModel,
  type SentimentPrediction,
} from './models.js';
import { encodeLabels, evaluateMulticlass, evaluateSubset, type MulticlassScores } from './multiclass.js';
import { ML_SETTINGS } from '../settings.js';
import { capRows, type CappedRows } from '../core/cap.js';
import { childSeed } from '../core/rng.js';
import { largest } from '../core/extremes.js';

export interface ReviewRow extends ReviewInput {
  reviewId: string;
  movieId: string | null;
  label: Sentiment;
}

export const NEGATION = /\b(not|no|never|nothing|hardly)\b|n't\b/i;
export const MIXED = /\bbut\b|\bthough\b|\bhowever\b/i;
export const SUBSETS = { negation: (t: string) => NEGATION.test(t), mixed: (t: string) => MIXED.test(t) } as const;

export interface SentimentModelResult {
  model: SentimentModel;
  kind: 'model' | 'baseline';
  fitSeconds: number;
  overall: MulticlassScores;
  /** negation, mixed, and unseen_text (test texts that do not occur verbatim in train). */
  subsets: Record<string, MulticlassScores | null>;
  testPredictions: SentimentPrediction[];
}

export interface SentimentRun {
  split: { train: Int32Array; test: Int32Array };
  /** The held-out reviews scored: all of the test split up to ML_SETTINGS.sentiment.maxEvaluatedReviews, else a seeded sample. */
  evaluated: CappedRows;
  /** The train-split reviews the models learned from: all up to ML_SETTINGS.sentiment.maxTrainingReviews, else a seeded sample. */
  trained: CappedRows;
  results: SentimentModelResult[];
  /** Best text-only model by test macro-F1. */
  best: SentimentModelResult;
  majority: SentimentModelResult;
  labelShares: Record<Sentiment, number>;
  texts: TextStats;
}

/** How repetitive the review texts are, and what the split did about it (all computed from this run). */
export interface TextStats {
  reviews: number;
  distinctTexts: number;
  /** Reviews per text of the most repeated text. */
  maxRepeats: number;
  /** Distinct texts tied to a single label. */
  textsWithOneLabel: number;
  /** Share of held-out reviews whose exact text occurs in train: 0 by construction of the grouped split. */
  testSeenShare: number;
  /** The same share under a plain stratified row split with the same seed (what the grouping prevents). */
  rowSplitSeenShare: number;
}

function seenShare(rows: readonly ReviewRow[], train: ArrayLike<number>, test: ArrayLike<number>): number {
  const seen = new Set(Array.from(train, (i) => rows[i].text));
  let n = 0;
  for (let k = 0; k < test.length; k++) if (seen.has(rows[test[k]].text)) n++;
  return test.length ? n / test.length : Number.NaN;
}

export function textStats(
  rows: readonly ReviewRow[],
  split: { train: ArrayLike<number>; test: ArrayLike<number> },
  rowSplit: { train: ArrayLike<number>; test: ArrayLike<number> },
): TextStats {
  const byText = new Map<string, Set<string>>();
  const counts = new Map<string, number>();
  for (const r of rows) {
    counts.set(r.text, (counts.get(r.text) ?? 0) + 1);
    const l = byText.get(r.text);
    if (l) l.add(r.label);
    else byText.set(r.text, new Set([r.label]));
  }
  let one = 0;
  for (const l of byText.values()) if (l.size === 1) one++;
  return {
    reviews: rows.length,
    distinctTexts: counts.size,
    // A loop, not Math.max(...values): a spread of 100,000s of arguments overflows the stack.
    maxRepeats: largest(counts.values()),
    textsWithOneLabel: one,
    testSeenShare: seenShare(rows, split.train, split.test),
    rowSplitSeenShare: seenShare(rows, rowSplit.train, rowSplit.test),
  };
}

export function trainSentiment(
  rows: readonly ReviewRow[],
  options: {
    seed: number;
    B?: number;
    testFraction?: number;
    /** Held-out reviews scored at most (default ML_SETTINGS.sentiment.maxEvaluatedReviews). */
    maxEvaluated?: number;
    /** Train-split reviews learned from at most (default ML_SETTINGS.sentiment.maxTrainingReviews). */
    maxTraining?: number;
    onProgress?: (d: number, t: number, note: string) => void;
  },
): SentimentRun {
  if (rows.length < 20) throw new Error(`ml.sentiment: only ${rows.length} labelled reviews with text; need at least 20`);
  const y = encodeLabels(
    rows.map((r) => r.label),
    SENTIMENT_LABELS,
    'gold.ml_review_texts sentiment',
  );
  const fraction = options.testFraction ?? ML_SETTINGS.testFraction;
  const split = groupedSplit(
    rows.map((r) => r.text),
    y,
    fraction,
    options.seed,
  );
  if (split.train.length === 0 || split.test.length === 0)
    throw new Error(
      `ml.sentiment: ${new Set(rows.map((r) => r.text)).size} distinct review texts cannot be split into train and test by text`,
    );
  const texts = textStats(rows, split, stratifiedSplit(y, fraction, options.seed));
  const trained = capRows(split.train, options.maxTraining ?? ML_SETTINGS.sentiment.maxTrainingReviews, childSeed(options.seed, 22));
  const train = Array.from(trained.rows, (i) => rows[i]);
  const evaluated = capRows(split.test, options.maxEvaluated ?? ML_SETTINGS.sentiment.maxEvaluatedReviews, childSeed(options.seed, 21));
  const test = Array.from(evaluated.rows, (i) => rows[i]);
  const yTest = Array.from(evaluated.rows, (i) => y[i]);
  const ev = { B: options.B ?? ML_SETTINGS.bootstrapResamples, seed: options.seed };
  // The grouped split leaves no test text in train; the subset stays as a check that it is so.
  const trainTexts = new Set(train.map((r) => r.text));
  const specs: { model: SentimentModel; kind: 'model' | 'baseline' }[] = [
    { model: new MajoritySentiment(), kind: 'baseline' },
    { model: new StarRatingSentiment(), kind: 'baseline' },
    { model: new LexiconSentiment(), kind: 'model' },
    { model: new TfidfSvmSentiment({ seed: options.seed }), kind: 'model' },
  ];
  const results = specs.map(({ model, kind }, n) => {
    options.onProgress?.(n, specs.length, `fitting ${model.name}`);
    const started = performance.now();
    model.fit(
      train,
      train.map((r) => r.label),
    );
    const fitSeconds = (performance.now() - started) / 1000;
    const testPredictions = model.predict(test);
    const pred = encodeLabels(
      testPredictions.map((p) => p.label),
      SENTIMENT_LABELS,
      model.name,
    );
    const subsets = {} as SentimentModelResult['subsets'];
    for (const [name, test_] of Object.entries(SUBSETS)) subsets[name] = evaluateSubset(yTest, pred, (k) => test_(test[k].text), 3, ev);
    subsets.unseen_text = evaluateSubset(yTest, pred, (k) => !trainTexts.has(test[k].text), 3, ev);
    return { model, kind, fitSeconds, overall: evaluateMulticlass(yTest, pred, 3, ev), subsets, testPredictions };
  });
  const textModels = results.filter((r) => r.kind === 'model');
  const best = textModels.reduce((a, b) => (b.overall.macroF1.estimate > a.overall.macroF1.estimate ? b : a));
  const labelShares = { negative: 0, neutral: 0, positive: 0 } as Record<Sentiment, number>;
  for (const r of rows) labelShares[r.label] += 1 / rows.length;
  return { split, evaluated, trained, results, best, majority: results[0], labelShares, texts };
}

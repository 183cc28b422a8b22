// Sentiment run: seeded stratified split of the reviews, every model fitted on train and scored on
// the held-out reviews (macro-F1 and accuracy with bootstrap CIs), on all test texts and on the
// hard subsets: texts with a negation and texts with a mixed opinion ("... but ...").
import { stratifiedSplit } from '../core/splits.js';
import { SENTIMENT_LABELS, type Sentiment } from '../text/lexicon-sentiment.js';
import { LexiconSentiment, MajoritySentiment, StarRatingSentiment, TfidfSvmSentiment, type ReviewInput, type SentimentModel, type SentimentPrediction } from './models.js';
import { encodeLabels, evaluateMulticlass, evaluateSubset, type MulticlassScores } from './multiclass.js';
import { ML_SETTINGS } from '../settings.js';

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
  results: SentimentModelResult[];
  /** Best text-only model by test macro-F1. */
  best: SentimentModelResult;
  majority: SentimentModelResult;
  labelShares: Record<Sentiment, number>;
}

export function trainSentiment(rows: readonly ReviewRow[], options: { seed: number; B?: number; testFraction?: number; onProgress?: (d: number, t: number, note: string) => void }): SentimentRun {
  if (rows.length < 20) throw new Error(`ml.sentiment: only ${rows.length} labelled reviews with text; need at least 20`);
  const y = encodeLabels(rows.map((r) => r.label), SENTIMENT_LABELS, 'gold.ml_review_texts sentiment');
  const split = stratifiedSplit(y, options.testFraction ?? ML_SETTINGS.testFraction, options.seed);
  const train = Array.from(split.train, (i) => rows[i]);
  const test = Array.from(split.test, (i) => rows[i]);
  const yTest = Array.from(split.test, (i) => y[i]);
  const ev = { B: options.B ?? ML_SETTINGS.bootstrapResamples, seed: options.seed };
  // Templated reviews repeat verbatim; scoring on texts absent from train shows it is not memorising.
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
    model.fit(train, train.map((r) => r.label));
    const fitSeconds = (performance.now() - started) / 1000;
    const testPredictions = model.predict(test);
    const pred = encodeLabels(testPredictions.map((p) => p.label), SENTIMENT_LABELS, model.name);
    const subsets = {} as SentimentModelResult['subsets'];
    for (const [name, test_] of Object.entries(SUBSETS)) subsets[name] = evaluateSubset(yTest, pred, (k) => test_(test[k].text), 3, ev);
    subsets.unseen_text = evaluateSubset(yTest, pred, (k) => !trainTexts.has(test[k].text), 3, ev);
    return { model, kind, fitSeconds, overall: evaluateMulticlass(yTest, pred, 3, ev), subsets, testPredictions };
  });
  const textModels = results.filter((r) => r.kind === 'model');
  const best = textModels.reduce((a, b) => (b.overall.macroF1.estimate > a.overall.macroF1.estimate ? b : a));
  const labelShares = { negative: 0, neutral: 0, positive: 0 } as Record<Sentiment, number>;
  for (const r of rows) labelShares[r.label] += 1 / rows.length;
  return { split, results, best, majority: results[0], labelShares };
}

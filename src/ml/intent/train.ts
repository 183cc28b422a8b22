// Search intent: weak labels from rules (never the truth), a TF-IDF (words + char 3-5 grams) linear
// SVM trained on the weakly labelled queries of the train split, and an evaluation against the
// generator's true intents on the held-out searches (when the truth exists).
import type { ConfidenceInterval } from '../core/bootstrap.js';
import { createRng, shuffleInPlace } from '../core/rng.js';
import { encodeLabels, evaluateMulticlass, evaluateSubset, type MulticlassScores } from '../sentiment/multiclass.js';
import { INTENTS, weakIntent, type Intent, type RuleContext } from '../text/intent-rules.js';
import { LinearSvm } from '../text/linear-svm.js';
import { queryAnalyzer, TfidfVectorizer } from '../text/tfidf.js';
import { words } from '../text/tokenize.js';
import { pairedDifference } from './compare.js';
import { EMBEDDING_MODEL, trainEmbeddingClassifier, type EmbeddingClassifier } from './embedding-classifier.js';
import { ML_SETTINGS } from '../settings.js';
import { capRows, type CappedRows } from '../core/cap.js';
import { childSeed } from '../core/rng.js';

export interface SearchRow {
  searchId: string;
  query: string;
  hadTypo: boolean;
  /** The generator's intent and clean query (null on real data or signal none). */
  trueIntent: Intent | null;
  cleanQuery: string | null;
}

const STOP = new Set(['the', 'a', 'an', 'of', 'and', 'in', 'on', 'to', 'my', 'for', 'with']);

/** Rule context from catalogue titles: whole titles and their leading 1..n-1 words (single stop words left out). */
export function ruleContext(titles: readonly string[]): RuleContext {
  const whole = new Set<string>();
  const prefixes = new Set<string>();
  for (const t of titles) {
    const w = words(t);
    if (w.length === 0) continue;
    whole.add(w.join(' '));
    for (let n = 1; n < w.length; n++) {
      if (n === 1 && (STOP.has(w[0]) || w[0].length < 3)) continue;
      prefixes.add(w.slice(0, n).join(' '));
    }
  }
  return { titles: whole, titlePrefixes: prefixes };
}

export interface IntentModelScores {
  name: string;
  kind: 'model' | 'baseline';
  overall: MulticlassScores;
  typo: MulticlassScores | null;
  unseen: MulticlassScores | null;
}

export interface IntentRun {
  weak: (Intent | null)[];
  /** Share of all queries a rule labelled. */
  ruleCoverage: number;
  train: Int32Array;
  test: Int32Array;
  svm: { vectorizer: TfidfVectorizer; model: LinearSvm };
  predictions: Intent[];
  /** The subword-embedding alternative, scored beside the TF-IDF SVM (gold keeps the TF-IDF SVM's intents). */
  embedding: EmbeddingClassifier;
  /** Null when no truth is available. */
  evaluation: IntentModelScores[] | null;
  /** Embedding model minus TF-IDF SVM on the same held-out rows (paired bootstrap); null without truth. */
  embeddingVsTfidf: { accuracy: ConfidenceInterval; macroF1: ConfidenceInterval; typoAccuracy: ConfidenceInterval | null } | null;
  fitSeconds: number;
  /** The row caps of this run (ML_SETTINGS.searchIntent): what each part used of what there was. */
  caps: IntentCaps;
}

export interface IntentCaps {
  /** Weakly labelled train queries both SVMs learned from. */
  training: CappedRows;
  /** Train-split queries the subword embeddings were trained on. */
  embedding: CappedRows;
  /** Held-out searches with a true intent that were scored (null without truth). */
  evaluated: CappedRows | null;
}

export interface IntentCapSizes {
  maxTrainingQueries: number;
  maxEmbeddingQueries: number;
  maxEvaluatedSearches: number;
}

export function seededSplit(n: number, testFraction: number, seed: number): { train: Int32Array; test: Int32Array } {
  const order = shuffleInPlace(
    Int32Array.from({ length: n }, (_, i) => i),
    createRng(seed),
  );
  const nTest = Math.round(testFraction * n);
  return { test: order.slice(0, nTest).sort(), train: order.slice(nTest).sort() };
}

export function trainIntent(
  rows: readonly SearchRow[],
  ctx: RuleContext,
  options: { seed: number; B?: number; caps?: Partial<IntentCapSizes> },
): IntentRun {
  const caps = { ...ML_SETTINGS.searchIntent, ...options.caps };
  if (rows.length < 10) throw new Error(`ml.search_intent: only ${rows.length} searches; need at least 10`);
  const weak = rows.map((r) => weakIntent(r.query, ctx));
  const { train, test } = seededSplit(rows.length, 0.3, options.seed);
  const allLabelled = Array.from(train).filter((i) => weak[i] !== null);
  if (allLabelled.length === 0) throw new Error('ml.search_intent: no training query matched a weak-label rule');
  const training = capRows(Int32Array.from(allLabelled), caps.maxTrainingQueries, childSeed(options.seed, 31));
  const labelled = Array.from(training.rows);
  const embeddingRows = capRows(train, caps.maxEmbeddingQueries, childSeed(options.seed, 32));
  const started = performance.now();
  const vectorizer = new TfidfVectorizer({ analyzer: queryAnalyzer, minDf: 2 }).fit(labelled.map((i) => rows[i].query));
  const model = new LinearSvm({ c: 0.5, seed: options.seed }).fit(
    vectorizer.transform(labelled.map((i) => rows[i].query)),
    labelled.map((i) => weak[i]!),
    vectorizer.vocabulary.size,
  );
  const fitSeconds = (performance.now() - started) / 1000;
  // One prediction per distinct query (the log repeats queries), shared by its repeats.
  const predicted = new Map<string, Intent>();
  const predictions = rows.map((r) => {
    let p = predicted.get(r.query);
    if (p === undefined) predicted.set(r.query, (p = model.predictOne(vectorizer.transformOne(r.query)) as Intent));
    return p;
  });
  const queries = rows.map((r) => r.query);
  const embedding = trainEmbeddingClassifier(
    queries,
    embeddingRows.rows,
    labelled,
    labelled.map((i) => weak[i]!),
    options.seed,
  );
  let covered = 0;
  for (const w of weak) if (w !== null) covered++;

  let evaluation: IntentModelScores[] | null = null;
  let embeddingVsTfidf: IntentRun['embeddingVsTfidf'] = null;
  let evaluated: CappedRows | null = null;
  const allTestWithTruth = Int32Array.from(Array.from(test).filter((i) => rows[i].trueIntent !== null));
  if (allTestWithTruth.length >= 10) {
    evaluated = capRows(allTestWithTruth, caps.maxEvaluatedSearches, childSeed(options.seed, 33));
    const testWithTruth = Array.from(evaluated.rows);
    const truth = encodeLabels(
      testWithTruth.map((i) => rows[i].trueIntent!),
      INTENTS,
      'ground truth intents',
    );
    const trainQueries = new Set(Array.from(train, (i) => rows[i].query));
    // Baselines: the rules alone (an abstention predicts the most common weak label) and that label for everyone.
    const counts = new Map<Intent, number>();
    for (const i of allLabelled) counts.set(weak[i]!, (counts.get(weak[i]!) ?? 0) + 1);
    const majority = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    const candidates: [string, 'model' | 'baseline', (i: number) => Intent][] = [
      ['tfidf_char_svm', 'model', (i) => predictions[i]],
      [EMBEDDING_MODEL, 'model', (i) => embedding.predictions[i] as Intent],
      ['weak_rules', 'baseline', (i) => weak[i] ?? majority],
      ['majority_weak_label', 'baseline', () => majority],
    ];
    const ev = { B: options.B ?? ML_SETTINGS.bootstrapResamples, seed: options.seed };
    evaluation = candidates.map(([name, kind, predict]) => {
      const pred = encodeLabels(testWithTruth.map(predict), INTENTS, name);
      return {
        name,
        kind,
        overall: evaluateMulticlass(truth, pred, INTENTS.length, ev),
        typo: evaluateSubset(truth, pred, (k) => rows[testWithTruth[k]].hadTypo, INTENTS.length, ev),
        unseen: evaluateSubset(truth, pred, (k) => !trainQueries.has(rows[testWithTruth[k]].query), INTENTS.length, ev),
      };
    });
    const emb = encodeLabels(
      testWithTruth.map((i) => embedding.predictions[i]),
      INTENTS,
      EMBEDDING_MODEL,
    );
    const svm = encodeLabels(
      testWithTruth.map((i) => predictions[i]),
      INTENTS,
      'tfidf_char_svm',
    );
    const typoRows = testWithTruth.map((_, k) => k).filter((k) => rows[testWithTruth[k]].hadTypo);
    const pick = (v: Int32Array) => Int32Array.from(typoRows, (k) => v[k]);
    embeddingVsTfidf = {
      accuracy: pairedDifference(truth, emb, svm, 'accuracy', INTENTS.length, ev),
      macroF1: pairedDifference(truth, emb, svm, 'macro_f1', INTENTS.length, ev),
      typoAccuracy: typoRows.length >= 2 ? pairedDifference(pick(truth), pick(emb), pick(svm), 'accuracy', INTENTS.length, ev) : null,
    };
  }
  return {
    weak,
    ruleCoverage: covered / rows.length,
    train,
    test,
    svm: { vectorizer, model },
    predictions,
    embedding,
    evaluation,
    embeddingVsTfidf,
    fitSeconds,
    caps: { training, embedding: embeddingRows, evaluated },
  };
}

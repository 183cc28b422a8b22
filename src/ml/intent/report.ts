// ml.search_intent's report: verdicts against the planted intents, the embedding-vs-TF-IDF comparison
// in words, metric rows, model-run rows and the TF-IDF SVM's model card.
import type { ConfidenceInterval } from '../core/bootstrap.js';
import type { ModelCard } from '../core/model_card.js';
import { describeCap } from '../core/cap.js';
import type { VerdictLevel } from '../core/verdict.js';
import type { PublishedCard, Row } from '../publish/publish.js';
import { ML_SETTINGS } from '../settings.js';
import { EMBEDDING_MODEL, EMBEDDING_PARAMS } from './embedding-classifier.js';
import type { TypoEvaluation } from './suggest.js';
import type { IntentModelScores, IntentRun } from './train.js';

export const USE_CASE = 'search_intent';
/** The model whose intents go to gold.search_intent (chosen before any model was scored). */
export const PRODUCTION_MODEL = 'tfidf_char_svm';

export interface IntentRunInfo {
  runId: string;
  trainedAt: string;
  asOfDate: string;
  seed: number;
}

export const s3 = (c: ConfidenceInterval) => `${c.estimate.toFixed(3)} [${c.lower.toFixed(3)}, ${c.upper.toFixed(3)}]`;

export function verdict(e: IntentModelScores | undefined, baseline: IntentModelScores | undefined): { level: VerdictLevel; text: string } {
  if (!e)
    return {
      level: 'no_signal',
      text: 'No planted intents (real data or signal none): accuracy against the true intent cannot be measured; the intents are rule-based guesses.',
    };
  const head = `${e.name}: accuracy ${s3(e.overall.accuracy)}, macro-F1 ${s3(e.overall.macroF1)} against the true intents${e.typo ? `; misspelt queries accuracy ${s3(e.typo.accuracy)}` : ''}`;
  if (!baseline)
    return {
      level: e.overall.permutation.pValue <= ML_SETTINGS.alpha ? 'signal' : 'no_signal',
      text: `${head}${e.kind === 'baseline' ? ' (baseline)' : ''}.`,
    };
  const better = e.overall.macroF1.lower > baseline.overall.macroF1.upper;
  if (e.overall.permutation.pValue > ML_SETTINGS.alpha)
    return { level: 'no_signal', text: `${head}: no better than chance (permutation p ${e.overall.permutation.pValue.toFixed(3)}).` };
  // Signal means beating the strongest baseline (the rules alone), not merely chance.
  return {
    level: better ? 'signal' : 'no_signal',
    text: `${head}; ${better ? 'clearly better than' : 'not clearly better than'} the rules alone (macro-F1 ${s3(baseline.overall.macroF1)}).`,
  };
}

/** The embedding model against the TF-IDF SVM, said plainly, from the paired differences. */
export function embeddingComparison(
  emb: IntentModelScores,
  tfidf: IntentModelScores,
  diff: NonNullable<IntentRun['embeddingVsTfidf']>,
): string {
  const say = (d: ConfidenceInterval) => (d.lower > 0 ? 'better' : d.upper < 0 ? 'worse' : 'not distinguishable');
  const signed = (d: ConfidenceInterval) =>
    `${d.estimate >= 0 ? '+' : ''}${d.estimate.toFixed(3)} [${d.lower.toFixed(3)}, ${d.upper.toFixed(3)}]`;
  const verdictWord =
    diff.macroF1.lower > 0 ? 'beats' : diff.macroF1.upper < 0 ? 'does not beat (it is worse than)' : 'does not clearly beat';
  return (
    `Self-trained subword embeddings + linear SVM ${verdictWord} the TF-IDF SVM on macro-F1: ${s3(emb.overall.macroF1)} vs ${s3(tfidf.overall.macroF1)}, paired difference ${signed(diff.macroF1)} (${say(diff.macroF1)}); ` +
    `accuracy ${s3(emb.overall.accuracy)} vs ${s3(tfidf.overall.accuracy)}, difference ${signed(diff.accuracy)} (${say(diff.accuracy)})` +
    `${diff.typoAccuracy && emb.typo && tfidf.typo ? `; misspelt queries accuracy ${s3(emb.typo.accuracy)} vs ${s3(tfidf.typo.accuracy)}, difference ${signed(diff.typoAccuracy)} (${say(diff.typoAccuracy)})` : ''}. ` +
    "gold.search_intent keeps the TF-IDF SVM's intents (chosen before either was scored)."
  );
}

export function metricRows(run: IntentRun, typos: TypoEvaluation | null, runId: string): Row[] {
  const rows: Row[] = [];
  const base = { run_id: runId, use_case: USE_CASE };
  rows.push({
    ...base,
    model: 'weak_rules',
    kind: 'baseline',
    metric: 'rule_coverage',
    value: run.ruleCoverage,
    ci_low: null,
    ci_high: null,
  });
  for (const e of run.evaluation ?? []) {
    const b = { ...base, model: e.name, kind: e.kind };
    const push = (metric: string, c: ConfidenceInterval) =>
      rows.push({ ...b, metric, value: c.estimate, ci_low: c.lower, ci_high: c.upper });
    push('accuracy', e.overall.accuracy);
    push('macro_f1', e.overall.macroF1);
    rows.push({ ...b, metric: 'permutation_p_value', value: e.overall.permutation.pValue, ci_low: null, ci_high: null });
    if (e.typo) {
      push('accuracy_had_typo', e.typo.accuracy);
      push('macro_f1_had_typo', e.typo.macroF1);
    }
    if (e.unseen) push('accuracy_unseen_query', e.unseen.accuracy);
  }
  if (typos) {
    rows.push({
      ...base,
      model: 'query_completer',
      kind: 'model',
      metric: 'typo_intended_in_top5',
      value: typos.hitAt5.estimate,
      ci_low: typos.hitAt5.lower,
      ci_high: typos.hitAt5.upper,
    });
    rows.push({
      ...base,
      model: 'query_completer',
      kind: 'ceiling',
      metric: 'typo_intended_in_log',
      value: typos.inLog,
      ci_low: null,
      ci_high: null,
    });
    rows.push({
      ...base,
      model: 'query_completer',
      kind: 'run',
      metric: 'typo_queries_evaluated',
      value: typos.n,
      ci_low: null,
      ci_high: null,
    });
  }
  return rows;
}

/** The TF-IDF SVM's card; the embedding model rides along under `alternatives`. */
/** What each part of the run used of what there was (ML_SETTINGS.searchIntent caps), in words from the run's figures. */
export function capNotes(run: IntentRun, typos: TypoEvaluation | null): string[] {
  return [
    describeCap('Weakly labelled train queries both SVMs learned from', run.caps.training),
    describeCap('Train-split queries the subword embeddings were trained on', run.caps.embedding),
    ...(run.caps.evaluated
      ? [
          `${describeCap('Held-out searches scored against the true intents', run.caps.evaluated)}; the intervals are those of that many searches.`,
        ]
      : []),
    ...(typos ? [describeCap('Misspelt held-out queries in the suggestion typo test', typos.tested)] : []),
  ];
}

export function buildModelCard(
  run: IntentRun,
  info: IntentRunInfo,
  comparison: string | null,
  typos: TypoEvaluation | null = null,
): PublishedCard {
  const hasTruth = run.evaluation !== null;
  const svm = run.evaluation?.find((e) => e.name === PRODUCTION_MODEL);
  const rules = run.evaluation?.find((e) => e.name === 'weak_rules');
  const emb = run.evaluation?.find((e) => e.name === EMBEDDING_MODEL);
  const v = verdict(svm, rules);
  const card: ModelCard & {
    plainVerdict: string;
    alternatives: { name: string; params: Record<string, number>; metrics: ModelCard['metrics'] }[];
  } = {
    useCase: USE_CASE,
    model: {
      name: 'tfidf_char_svm',
      params: { analyzer: 'words + char 3-5 grams', min_df: 2, c: 0.5, vocabulary: run.svm.vectorizer.vocabulary.size },
    },
    trainedAt: info.trainedAt,
    dataWindow: {
      asOfDate: info.asOfDate,
      labelWindowDays: 0,
      featureStart: null,
      trainRows: run.train.length,
      testRows: run.test.length,
      positiveRateTrain: Number.NaN,
      positiveRateTest: Number.NaN,
      split:
        "Searches split at random 70/30 (seeded). The classifier trains on the weak rule labels of the train split; the test split is scored against the generator's true intents.",
    },
    features: [{ name: 'search_query' }],
    metrics: svm
      ? [
          { name: 'accuracy', ci: svm.overall.accuracy },
          { name: 'macro_f1', ci: svm.overall.macroF1 },
          ...(svm.typo ? [{ name: 'accuracy_had_typo', ci: svm.typo.accuracy }] : []),
        ]
      : [],
    baselines: (run.evaluation ?? [])
      .filter((e) => e.kind === 'baseline')
      .map((e) => ({
        name: e.name,
        metrics: [
          { name: 'accuracy', ci: e.overall.accuracy },
          { name: 'macro_f1', ci: e.overall.macroF1 },
        ],
      })),
    caveats: [
      'Labels are weak: rules from domain knowledge (src/ml/text/intent-rules.ts) on catalogue titles; the truth is used only to evaluate.',
      'The "person" rule only fires on cue words (directed by, movies with ...): there is no people table, so bare names are left to the classifier.',
      ...(hasTruth ? [] : ['No planted intents: nothing here measures accuracy.']),
      ...(comparison ? [comparison] : []),
      ...capNotes(run, typos),
    ],
    // The paired differences live here and in the caveat, not in ml.metrics: the dashboard's metric
    // table has one row per model and kind, and a difference is neither.
    alternatives: emb
      ? [
          {
            name: EMBEDDING_MODEL,
            params: { ...EMBEDDING_PARAMS, vocabulary: run.embedding.embedding.vocabulary.size },
            metrics: [
              { name: 'accuracy', ci: emb.overall.accuracy },
              { name: 'macro_f1', ci: emb.overall.macroF1 },
              ...(emb.typo ? [{ name: 'accuracy_had_typo', ci: emb.typo.accuracy }] : []),
              ...(run.embeddingVsTfidf
                ? [
                    { name: 'accuracy_minus_tfidf_char_svm', ci: run.embeddingVsTfidf.accuracy },
                    { name: 'macro_f1_minus_tfidf_char_svm', ci: run.embeddingVsTfidf.macroF1 },
                    ...(run.embeddingVsTfidf.typoAccuracy
                      ? [{ name: 'accuracy_had_typo_minus_tfidf_char_svm', ci: run.embeddingVsTfidf.typoAccuracy }]
                      : []),
                  ]
                : []),
            ],
          },
        ]
      : [],
    verdict: v,
    plainVerdict: v.text,
  };
  return { model: PRODUCTION_MODEL, card };
}

export function modelRunRows(run: IntentRun, info: IntentRunInfo, productionParams: Record<string, unknown>): Row[] {
  const base = {
    run_id: info.runId,
    use_case: USE_CASE,
    trained_at: info.trainedAt,
    as_of_date: info.asOfDate,
    label_window_days: null,
    data_window: 'all searches',
    n_train: run.train.length,
    n_test: run.test.length,
    seed: info.seed,
  };
  return [
    { ...base, model: PRODUCTION_MODEL, params: JSON.stringify(productionParams), fit_seconds: run.fitSeconds },
    { ...base, model: EMBEDDING_MODEL, params: JSON.stringify(EMBEDDING_PARAMS), fit_seconds: run.embedding.fitSeconds },
  ];
}

// The ml.search_intent step: weak-labelled intent classifier evaluated against the planted intents,
// intent per search to gold.search_intent, query suggestions to gold.query_suggestions.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { literal } from '../../engine/sql.js';
import type { StepContext, StepResult, TsStep } from '../../pipeline/step.js';
import type { ConfidenceInterval } from '../core/bootstrap.js';
import { renderModelCardJson, type ModelCard } from '../core/model_card.js';
import type { VerdictLevel } from '../core/verdict.js';
import { writeTable, type CellValue } from '../store.js';
import { METRICS, MODEL_CARDS, MODEL_RUNS } from '../tables.js';
import { QUERY_SUGGESTIONS, SEARCH_INTENT } from '../tables_part2.js';
import { INTENTS, type Intent } from '../text/intent-rules.js';
import { EMBEDDING_MODEL, EMBEDDING_PARAMS } from './embedding-classifier.js';
import { evaluateTypos, suggestionTable, type TypoEvaluation } from './suggest.js';
import { ruleContext, trainIntent, type IntentModelScores, type IntentRun, type SearchRow } from './train.js';

export const USE_CASE = 'search_intent';
export const SEARCH_TABLE = 'gold.ml_search_queries';
type Row = Record<string, CellValue>;

/** The generator's intents per search (search_000001 -> rows[0]); null when absent or signal none. */
export function readTrueIntents(inputDir: string): { intent: Intent; clean: string }[] | null {
  const file = join(inputDir, 'ground_truth.json');
  if (!existsSync(file)) return null;
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  if (!doc.searches) return null;
  const names: string[] = doc.parameters?.search?.intents;
  if (!Array.isArray(names) || !Array.isArray(doc.searches.rows)) throw new Error(`${file}: expected parameters.search.intents and searches.rows`);
  return doc.searches.rows.map(([k, clean]: [number, string], n: number) => {
    const intent = names[k] as Intent;
    if (!INTENTS.includes(intent)) throw new Error(`${file}: searches.rows[${n}] has intent ${JSON.stringify(names[k])}, expected one of ${INTENTS.join(', ')}`);
    return { intent, clean };
  });
}

async function loadSearches(ctx: StepContext): Promise<SearchRow[]> {
  const truth = readTrueIntents(ctx.config.input);
  const rows = await ctx.engine.query(`SELECT search_id, search_query, had_typo FROM ${SEARCH_TABLE} WHERE search_query IS NOT NULL ORDER BY search_id`);
  return rows.map((r) => {
    const id = String(r.search_id);
    const m = /(\d+)$/.exec(id);
    const t = truth && m ? truth[Number(m[1]) - 1] : undefined;
    return { searchId: id, query: String(r.search_query), hadTypo: r.had_typo === true, trueIntent: t?.intent ?? null, cleanQuery: t?.clean ?? null };
  });
}

const s3 = (c: ConfidenceInterval) => `${c.estimate.toFixed(3)} [${c.lower.toFixed(3)}, ${c.upper.toFixed(3)}]`;

function verdict(e: IntentModelScores | undefined, baseline: IntentModelScores | undefined): { level: VerdictLevel; text: string } {
  if (!e) return { level: 'no_signal', text: 'No planted intents (real data or signal none): accuracy against the true intent cannot be measured; the intents are rule-based guesses.' };
  const head = `${e.name}: accuracy ${s3(e.overall.accuracy)}, macro-F1 ${s3(e.overall.macroF1)} against the true intents${e.typo ? `; misspelt queries accuracy ${s3(e.typo.accuracy)}` : ''}`;
  if (!baseline) return { level: e.overall.permutation.pValue <= 0.05 ? 'signal' : 'no_signal', text: `${head}${e.kind === 'baseline' ? ' (baseline)' : ''}.` };
  const better = e.overall.macroF1.lower > baseline.overall.macroF1.upper;
  if (e.overall.permutation.pValue > 0.05) return { level: 'no_signal', text: `${head}: no better than chance (permutation p ${e.overall.permutation.pValue.toFixed(3)}).` };
  return { level: 'signal', text: `${head}; ${better ? 'clearly better than' : 'not clearly better than'} the rules alone (macro-F1 ${s3(baseline.overall.macroF1)}).` };
}

/** The embedding model against the TF-IDF SVM, said plainly, from the paired differences. */
export function embeddingComparison(emb: IntentModelScores, tfidf: IntentModelScores, diff: NonNullable<IntentRun['embeddingVsTfidf']>): string {
  const say = (d: ConfidenceInterval) => (d.lower > 0 ? 'better' : d.upper < 0 ? 'worse' : 'not distinguishable');
  const signed = (d: ConfidenceInterval) => `${d.estimate >= 0 ? '+' : ''}${d.estimate.toFixed(3)} [${d.lower.toFixed(3)}, ${d.upper.toFixed(3)}]`;
  const verdictWord = diff.macroF1.lower > 0 ? 'beats' : diff.macroF1.upper < 0 ? 'does not beat (it is worse than)' : 'does not clearly beat';
  return `Self-trained subword embeddings + linear SVM ${verdictWord} the TF-IDF SVM on macro-F1: ${s3(emb.overall.macroF1)} vs ${s3(tfidf.overall.macroF1)}, paired difference ${signed(diff.macroF1)} (${say(diff.macroF1)}); `
    + `accuracy ${s3(emb.overall.accuracy)} vs ${s3(tfidf.overall.accuracy)}, difference ${signed(diff.accuracy)} (${say(diff.accuracy)})`
    + `${diff.typoAccuracy && emb.typo && tfidf.typo ? `; misspelt queries accuracy ${s3(emb.typo.accuracy)} vs ${s3(tfidf.typo.accuracy)}, difference ${signed(diff.typoAccuracy)} (${say(diff.typoAccuracy)})` : ''}. `
    + 'gold.search_intent keeps the TF-IDF SVM\'s intents (chosen before either was scored).';
}

function metricRows(run: IntentRun, typos: TypoEvaluation | null, runId: string): Row[] {
  const rows: Row[] = [];
  const base = { run_id: runId, use_case: USE_CASE };
  rows.push({ ...base, model: 'weak_rules', kind: 'baseline', metric: 'rule_coverage', value: run.ruleCoverage, ci_low: null, ci_high: null });
  for (const e of run.evaluation ?? []) {
    const b = { ...base, model: e.name, kind: e.kind };
    const push = (metric: string, c: ConfidenceInterval) => rows.push({ ...b, metric, value: c.estimate, ci_low: c.lower, ci_high: c.upper });
    push('accuracy', e.overall.accuracy);
    push('macro_f1', e.overall.macroF1);
    rows.push({ ...b, metric: 'permutation_p_value', value: e.overall.permutation.pValue, ci_low: null, ci_high: null });
    if (e.typo) { push('accuracy_had_typo', e.typo.accuracy); push('macro_f1_had_typo', e.typo.macroF1); }
    if (e.unseen) push('accuracy_unseen_query', e.unseen.accuracy);
  }
  if (typos) {
    rows.push({ ...base, model: 'query_completer', kind: 'model', metric: 'typo_intended_in_top5', value: typos.hitAt5.estimate, ci_low: typos.hitAt5.lower, ci_high: typos.hitAt5.upper });
    rows.push({ ...base, model: 'query_completer', kind: 'ceiling', metric: 'typo_intended_in_log', value: typos.inLog, ci_low: null, ci_high: null });
    rows.push({ ...base, model: 'query_completer', kind: 'run', metric: 'typo_queries_evaluated', value: typos.n, ci_low: null, ci_high: null });
  }
  return rows;
}

export async function runSearchIntent(ctx: StepContext, options: { B?: number } = {}): Promise<{ run: IntentRun; typos: TypoEvaluation | null; result: StepResult }> {
  const { engine, config } = ctx;
  ctx.progress(0, 4, 'reading searches and titles');
  const rows = await loadSearches(ctx);
  const titles = (await engine.query(`SELECT DISTINCT title FROM silver.movies WHERE title IS NOT NULL`)).map((r) => String(r.title));
  const run = trainIntent(rows, ruleContext(titles), { seed: config.seed, B: options.B });
  ctx.progress(2, 4, 'query suggestions');
  const hasTruth = run.evaluation !== null;
  const typos = hasTruth ? evaluateTypos(rows, run.train, run.test, { seed: config.seed, B: options.B }) : null;
  ctx.log(`ml.search_intent: ${rows.length} searches; weak rules label ${(100 * run.ruleCoverage).toFixed(1)}%; SVM fit ${run.fitSeconds.toFixed(1)} s`);
  const svm = run.evaluation?.find((e) => e.name === 'tfidf_char_svm');
  const rules = run.evaluation?.find((e) => e.name === 'weak_rules');
  if (!hasTruth) ctx.log('no intents planted (no ground truth, or signal none): evaluation against true intents is not possible; intents in gold.search_intent are the classifier\'s guesses from weak rules');
  const emb = run.evaluation?.find((e) => e.name === EMBEDDING_MODEL);
  ctx.log(`ml.search_intent: subword embeddings (${run.embedding.embedding.vocabulary.size} words) + SVM fit ${run.embedding.fitSeconds.toFixed(1)} s`);
  for (const e of run.evaluation ?? []) ctx.log(verdict(e, e === svm || e === emb ? rules : undefined).text);
  const comparison = emb && svm && run.embeddingVsTfidf ? embeddingComparison(emb, svm, run.embeddingVsTfidf) : null;
  if (comparison) ctx.log(comparison);
  if (typos) ctx.log(`query suggestion: for ${typos.n} misspelt held-out queries the intended query is in the top 5 for ${s3(typos.hitAt5)} (it occurs in the train log for ${typos.inLog.toFixed(3)})`);

  ctx.progress(3, 4, 'writing tables');
  const intentRows = rows.map((r, i) => ({ search_id: r.searchId, search_query: r.query, weak_label: run.weak[i], predicted_intent: run.predictions[i], model: 'tfidf_char_svm', run_id: ctx.runId }));
  const suggestions = suggestionTable(rows.map((r) => r.query)).map((s) => ({ ...s, run_id: ctx.runId }));
  const trainedAt = new Date().toISOString();
  const v = verdict(svm, rules);
  const card: ModelCard & { plainVerdict: string; alternatives: { name: string; params: Record<string, number>; metrics: ModelCard['metrics'] }[] } = {
    useCase: USE_CASE, model: { name: 'tfidf_char_svm', params: { analyzer: 'words + char 3-5 grams', min_df: 2, c: 0.5, vocabulary: run.svm.vectorizer.vocabulary.size } }, trainedAt,
    dataWindow: { asOfDate: config.asOfDate, labelWindowDays: 0, featureStart: null, trainRows: run.train.length, testRows: run.test.length, positiveRateTrain: Number.NaN, positiveRateTest: Number.NaN,
      split: 'Searches split at random 70/30 (seeded). The classifier trains on the weak rule labels of the train split; the test split is scored against the generator\'s true intents.' },
    features: [{ name: 'search_query' }],
    metrics: svm ? [{ name: 'accuracy', ci: svm.overall.accuracy }, { name: 'macro_f1', ci: svm.overall.macroF1 }, ...(svm.typo ? [{ name: 'accuracy_had_typo', ci: svm.typo.accuracy }] : [])] : [],
    baselines: (run.evaluation ?? []).filter((e) => e.kind === 'baseline').map((e) => ({ name: e.name, metrics: [{ name: 'accuracy', ci: e.overall.accuracy }, { name: 'macro_f1', ci: e.overall.macroF1 }] })),
    caveats: [
      'Labels are weak: rules from domain knowledge (src/ml/text/intent-rules.ts) on catalogue titles; the truth is used only to evaluate.',
      'The "person" rule only fires on cue words (directed by, movies with ...): there is no people table, so bare names are left to the classifier.',
      ...(hasTruth ? [] : ['No planted intents: nothing here measures accuracy.']),
      ...(comparison ? [comparison] : []),
    ],
    // The paired differences live here and in the caveat, not in ml.metrics: the dashboard's metric
    // table has one row per model and kind, and a difference is neither.
    alternatives: emb ? [{ name: EMBEDDING_MODEL, params: { ...EMBEDDING_PARAMS, vocabulary: run.embedding.embedding.vocabulary.size }, metrics: [{ name: 'accuracy', ci: emb.overall.accuracy }, { name: 'macro_f1', ci: emb.overall.macroF1 },
      ...(emb.typo ? [{ name: 'accuracy_had_typo', ci: emb.typo.accuracy }] : []),
      ...(run.embeddingVsTfidf ? [{ name: 'accuracy_minus_tfidf_char_svm', ci: run.embeddingVsTfidf.accuracy }, { name: 'macro_f1_minus_tfidf_char_svm', ci: run.embeddingVsTfidf.macroF1 },
        ...(run.embeddingVsTfidf.typoAccuracy ? [{ name: 'accuracy_had_typo_minus_tfidf_char_svm', ci: run.embeddingVsTfidf.typoAccuracy }] : [])] : [])] }] : [],
    verdict: v, plainVerdict: v.text,
  };
  const cardDir = join(config.warehouse, 'reports', 'model_cards');
  mkdirSync(cardDir, { recursive: true });
  writeFileSync(join(cardDir, `${USE_CASE}_tfidf_char_svm.json`), renderModelCardJson(card) + '\n');
  const history = `NOT (use_case = ${literal(USE_CASE)} AND run_id = ${literal(ctx.runId)})`;
  const w = { runId: ctx.runId };
  await writeTable(engine, MODEL_RUNS, [{ run_id: ctx.runId, use_case: USE_CASE, model: 'tfidf_char_svm', trained_at: trainedAt, as_of_date: config.asOfDate, label_window_days: null,
    data_window: 'all searches', n_train: run.train.length, n_test: run.test.length, seed: config.seed, params: JSON.stringify(card.model.params), fit_seconds: run.fitSeconds },
  { run_id: ctx.runId, use_case: USE_CASE, model: EMBEDDING_MODEL, trained_at: trainedAt, as_of_date: config.asOfDate, label_window_days: null,
    data_window: 'all searches', n_train: run.train.length, n_test: run.test.length, seed: config.seed, params: JSON.stringify(EMBEDDING_PARAMS), fit_seconds: run.embedding.fitSeconds }], { ...w, keepWhere: history });
  await writeTable(engine, METRICS, metricRows(run, typos, ctx.runId), { ...w, keepWhere: history });
  await writeTable(engine, MODEL_CARDS, [{ run_id: ctx.runId, use_case: USE_CASE, model: 'tfidf_char_svm', verdict_level: v.level, verdict: v.text, suspicious: false, card_json: renderModelCardJson(card, 0) }],
    { ...w, keepWhere: `use_case <> ${literal(USE_CASE)}` });
  await writeTable(engine, SEARCH_INTENT, intentRows, w);
  await writeTable(engine, QUERY_SUGGESTIONS, suggestions, w);
  ctx.progress(4, 4, 'done');
  return {
    run, typos,
    result: {
      rowsIn: rows.length, rowsOut: intentRows.length + suggestions.length,
      metadata: { has_truth: hasTruth, rule_coverage: run.ruleCoverage, accuracy: svm?.overall.accuracy.estimate ?? null, macro_f1: svm?.overall.macroF1.estimate ?? null, typo_top5: typos?.hitAt5.estimate ?? null,
        embedding_accuracy: emb?.overall.accuracy.estimate ?? null, embedding_macro_f1: emb?.overall.macroF1.estimate ?? null, embedding_fit_seconds: run.embedding.fitSeconds },
    },
  };
}

export const searchIntentStep: TsStep = {
  kind: 'ts',
  name: 'ml.search_intent',
  layer: 'ml',
  description: 'Search intent from weak rule labels (TF-IDF char n-grams + linear SVM; self-trained subword embeddings + SVM scored beside it), scored against the planted intents; query suggestions from the log with a typo evaluation.',
  deps: [SEARCH_TABLE, 'silver.movies'],
  produces: [SEARCH_INTENT.name, QUERY_SUGGESTIONS.name],
  async run(ctx: StepContext): Promise<StepResult> {
    return (await runSearchIntent(ctx)).result;
  },
};

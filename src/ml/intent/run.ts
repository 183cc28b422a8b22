// What the ml.search_intent step does when it runs (step.ts declares it): weak-labelled intent classifier evaluated against the planted intents,
// intent per search to gold.search_intent, query suggestions to gold.query_suggestions.
import type { StepContext, StepResult } from '../../pipeline/step.js';
import { publishUseCase } from '../publish/publish.js';
import { writeTable } from '../publish/store.js';
import { loadSearches } from './data.js';
import { EMBEDDING_MODEL } from './embedding-classifier.js';
import { loadSgnsKernel } from '../text/sgns-kernel.js';
import {
  buildModelCard,
  embeddingComparison,
  metricRows,
  modelRunRows,
  PRODUCTION_MODEL,
  s3,
  USE_CASE,
  verdict,
  type IntentRunInfo,
} from './report.js';
import { evaluateTypos, suggestionTable, type TypoEvaluation } from './suggest.js';
import { QUERY_SUGGESTIONS, SEARCH_INTENT } from './tables.js';
import { ruleContext, trainIntent, type IntentRun } from './train.js';

export async function runSearchIntent(
  ctx: StepContext,
  options: { B?: number } = {},
): Promise<{ run: IntentRun; typos: TypoEvaluation | null; result: StepResult }> {
  const { engine, config } = ctx;
  await loadSgnsKernel();
  ctx.progress(0, 4, 'reading searches and titles');
  const rows = await loadSearches(ctx);
  const titles = (await engine.query(`SELECT DISTINCT title FROM silver.movies WHERE title IS NOT NULL`)).map((r) => String(r.title));
  const run = trainIntent(rows, ruleContext(titles), { seed: config.seed, B: options.B });
  ctx.progress(2, 4, 'query suggestions');
  const hasTruth = run.evaluation !== null;
  const typos = hasTruth ? evaluateTypos(rows, run.train, run.test, { seed: config.seed, B: options.B }) : null;
  ctx.log(
    `ml.search_intent: ${rows.length} searches; weak rules label ${(100 * run.ruleCoverage).toFixed(1)}%; SVM fit ${run.fitSeconds.toFixed(1)} s`,
  );
  const svm = run.evaluation?.find((e) => e.name === PRODUCTION_MODEL);
  const rules = run.evaluation?.find((e) => e.name === 'weak_rules');
  if (!hasTruth)
    ctx.log(
      "no intents planted (no ground truth, or signal none): evaluation against true intents is not possible; intents in gold.search_intent are the classifier's guesses from weak rules",
    );
  const emb = run.evaluation?.find((e) => e.name === EMBEDDING_MODEL);
  ctx.log(
    `ml.search_intent: subword embeddings (${run.embedding.embedding.vocabulary.size} words) + SVM fit ${run.embedding.fitSeconds.toFixed(1)} s`,
  );
  for (const e of run.evaluation ?? []) ctx.log(verdict(e, e === svm || e === emb ? rules : undefined).text);
  const comparison = emb && svm && run.embeddingVsTfidf ? embeddingComparison(emb, svm, run.embeddingVsTfidf) : null;
  if (comparison) ctx.log(comparison);
  if (typos)
    ctx.log(
      `query suggestion: for ${typos.n} misspelt held-out queries the intended query is in the top 5 for ${s3(typos.hitAt5)} (it occurs in the train log for ${typos.inLog.toFixed(3)})`,
    );

  ctx.progress(3, 4, 'writing tables');
  const intentRows = rows.map((r, i) => ({
    search_id: r.searchId,
    search_query: r.query,
    weak_label: run.weak[i],
    predicted_intent: run.predictions[i],
    model: PRODUCTION_MODEL,
    run_id: ctx.runId,
  }));
  const suggestions = suggestionTable(rows.map((r) => r.query)).map((s) => ({ ...s, run_id: ctx.runId }));
  const info: IntentRunInfo = { runId: ctx.runId, trainedAt: new Date().toISOString(), asOfDate: config.asOfDate, seed: config.seed };
  const card = buildModelCard(run, info, comparison, typos);
  await publishUseCase(ctx, USE_CASE, {
    modelRuns: modelRunRows(run, info, card.card.model.params),
    metrics: metricRows(run, typos, ctx.runId),
    cards: [card],
  });
  const w = { runId: ctx.runId };
  await writeTable(engine, SEARCH_INTENT, intentRows, w);
  await writeTable(engine, QUERY_SUGGESTIONS, suggestions, w);
  ctx.progress(4, 4, 'done');
  return {
    run,
    typos,
    result: {
      rowsIn: rows.length,
      rowsOut: intentRows.length + suggestions.length,
      metadata: {
        has_truth: hasTruth,
        rule_coverage: run.ruleCoverage,
        accuracy: svm?.overall.accuracy.estimate ?? null,
        macro_f1: svm?.overall.macroF1.estimate ?? null,
        typo_top5: typos?.hitAt5.estimate ?? null,
        embedding_accuracy: emb?.overall.accuracy.estimate ?? null,
        embedding_macro_f1: emb?.overall.macroF1.estimate ?? null,
        embedding_fit_seconds: run.embedding.fitSeconds,
      },
    },
  };
}

// What the ml.sentiment step does when it runs (step.ts declares it): review sentiment from text (VADER lexicon with tuned thresholds, TF-IDF +
// linear SVM) against the majority class and the star-rating rule, on a seeded held-out split, with
// the hard subsets (negation, mixed opinions); per-review predictions to gold.review_sentiment.
import type { StepContext, StepResult } from '../../pipeline/step.js';
import { publishUseCase } from '../publish/publish.js';
import { writeTable } from '../publish/store.js';
import { loadReviews } from './data.js';
import { card, LABEL_NOTE, metricRows, modelRunRows, textNote, USE_CASE, verdict } from './report.js';
import { REVIEW_SENTIMENT } from './tables.js';
import { trainSentiment, type SentimentRun } from './train.js';

export async function runSentiment(
  ctx: StepContext,
  options: { B?: number; table?: string } = {},
): Promise<{ run: SentimentRun; result: StepResult }> {
  const { engine, config } = ctx;
  ctx.progress(0, 6, 'reading reviews');
  const rows = await loadReviews(ctx, options.table);
  const started = performance.now();
  const run = trainSentiment(rows, { seed: config.seed, B: options.B, onProgress: (d, t, n) => ctx.progress(1 + d, 6, n) });
  const seconds = (performance.now() - started) / 1000;
  ctx.log(`ml.sentiment: ${rows.length} reviews, ${run.split.test.length} held out. ${textNote(run)} ${LABEL_NOTE}`);
  for (const r of run.results) {
    const neg = r.subsets.negation?.macroF1.estimate.toFixed(3) ?? 'n/a';
    const mix = r.subsets.mixed?.macroF1.estimate.toFixed(3) ?? 'n/a';
    const unseen = r.subsets.unseen_text?.macroF1.estimate.toFixed(3) ?? 'n/a';
    ctx.log(`${verdict(run, r).text} Macro-F1 on negation texts ${neg}, mixed opinions ${mix}, texts unseen in train ${unseen}.`);
  }
  ctx.progress(5, 6, 'predicting every review and writing tables');
  const best = run.best;
  const predictions = best.model.predict(rows);
  const inTest = new Uint8Array(rows.length);
  for (const i of run.split.test) inTest[i] = 1;
  const out = rows.map((r, i) => ({
    review_id: r.reviewId,
    movie_id: r.movieId,
    predicted_sentiment: predictions[i].label,
    score: predictions[i].score,
    source_sentiment: r.label,
    model: best.model.name,
    in_test_set: inTest[i] === 1,
    run_id: ctx.runId,
  }));
  const trainedAt = new Date().toISOString();
  const cards = run.results.map((r) => ({ model: r.model.name, card: card(run, r, trainedAt, config.asOfDate) }));
  await publishUseCase(ctx, USE_CASE, {
    modelRuns: modelRunRows(run, { runId: ctx.runId, trainedAt, asOfDate: config.asOfDate, seed: config.seed }),
    metrics: metricRows(run, ctx.runId),
    cards,
  });
  const w = { runId: ctx.runId };
  await writeTable(engine, REVIEW_SENTIMENT, out, w);
  ctx.progress(6, 6, 'done');
  return {
    run,
    result: {
      rowsIn: rows.length,
      rowsOut: out.length,
      metadata: {
        best_model: best.model.name,
        best_macro_f1: best.overall.macroF1.estimate,
        majority_macro_f1: run.majority.overall.macroF1.estimate,
        seconds,
      },
    },
  };
}

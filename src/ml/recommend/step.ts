// The ml.recommend pipeline step: time holdout on gold.ml_user_item_interactions, every recommender
// against popularity with CIs and a paired test, the true-choice ceiling when ground truth exists,
// logged CTR by algorithm version, model cards, and the top-10 per user in gold.user_recommendations.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { literal } from '../../engine/sql.js';
import type { StepContext, StepResult, TsStep } from '../../pipeline/step.js';
import { renderModelCardJson } from '../core/model_card.js';
import { tableExists } from '../../engine/catalog.js';
import { writeTable } from '../store.js';
import { METRICS, MODEL_CARDS, MODEL_RUNS } from '../tables.js';
import { USER_RECOMMENDATIONS } from '../tables_part2.js';
import { topNForUsers } from './recommender.js';
import { INTERACTIONS_TABLE, loadRecommendData, MOVIES_TABLE } from './data.js';
import { buildModelCard, metricRows, modelRunRows, USE_CASE, type LoggedCtr, type RecommendRunInfo } from './report.js';
import { dayAfterData, K, RECENT_DAYS, recentPopularity, refitOnAll, trainRecommenders, type RecommendRun } from './train.js';
import { timeHoldout } from './holdout.js';
import { buildTrueChoice } from './true_choice.js';

export const CTR_TABLE = 'gold.kpi_recommendation_ctr';

export interface RecommendStepOptions {
  resamples?: number;
  /** Fewer iterations/epochs (tests). */
  fast?: boolean;
}

async function loggedCtr(ctx: StepContext): Promise<LoggedCtr[]> {
  if (!(await tableExists(ctx.engine, CTR_TABLE))) return [];
  const rows = await ctx.engine.query(`SELECT value, impressions, clicks, ctr, ctr_ci_low, ctr_ci_high FROM ${CTR_TABLE} WHERE dimension = 'algorithm_version' ORDER BY value`);
  return rows.map((r) => ({ algorithm: String(r.value), impressions: Number(r.impressions), clicks: Number(r.clicks), ctr: Number(r.ctr), low: Number(r.ctr_ci_low), high: Number(r.ctr_ci_high) }));
}

export async function runRecommend(ctx: StepContext, options: RecommendStepOptions = {}): Promise<{ run: RecommendRun; result: StepResult }> {
  const { engine, config } = ctx;
  ctx.progress(0, 10, 'reading interactions');
  const data = await loadRecommendData(engine);
  const cutoff = config.asOfDate;
  ctx.log(`ml.recommend: ${data.interactions.user.length} user-title interactions (${data.firstDay} to ${data.lastDay}), ${data.catalogue.ids.length} titles; cutoff ${cutoff}`);
  const truthFile = join(config.input, 'ground_truth.json');
  let trueScore: ((u: number, i: number) => number) | undefined;
  if (existsSync(truthFile) && data.lastDay && data.lastDay >= cutoff) {
    const truth = buildTrueChoice({ file: truthFile, itemIds: data.catalogue.ids, addedToPlatform: data.catalogue.addedToPlatform, from: cutoff, to: data.lastDay });
    if (truth) {
      const ids = data.interactions.users.ids;
      trueScore = (u, i) => truth.scoreFor(ids[u], i);
      ctx.log(`ground truth found (${truthFile}): ceiling = ranking by the true choice probability over the test window`);
    } else ctx.log(`ground truth ${truthFile} has signal none: no planted tastes, no ceiling`);
  }
  const run = trainRecommenders(data, cutoff, {
    seed: config.seed, resamples: options.resamples, trueScore, fast: options.fast,
    onProgress: (done, total, note) => ctx.progress(1 + done, 10, note),
  });
  for (const m of run.models) {
    const nd = m.evaluation.summary.ndcg;
    const vs = m.vsPopularity ? `; vs ${run.popularityBaseline} p = ${m.vsPopularity.bootstrapPValue.toFixed(4)}${m.beatsPopularity ? ' (beats it)' : ' (does not beat it)'}` : '';
    ctx.log(`${m.name}: NDCG@${K} ${nd.estimate.toFixed(4)} [${nd.lower.toFixed(4)}, ${nd.upper.toFixed(4)}], coverage ${m.evaluation.coverage.toFixed(3)}, fit ${m.fitSeconds.toFixed(1)} s${vs}`);
  }
  const winners = run.models.filter((m) => m.beatsPopularity);
  // Production list: the best model only when it beat popularity; otherwise the popularity baseline.
  const chosen = run.best.beatsPopularity ? run.best.name : run.popularityBaseline;
  ctx.log(winners.length === 0
    ? `no model beats ${run.popularityBaseline} significantly: gold.user_recommendations uses ${chosen}`
    : `best model ${run.best.name}; significantly better than ${run.popularityBaseline}: ${winners.map((m) => m.name).join(', ')}; gold.user_recommendations uses ${chosen}`);

  ctx.progress(9, 10, 'refitting the best model on all data and writing tables');
  const info: RecommendRunInfo = { runId: ctx.runId, trainedAt: new Date().toISOString(), seed: config.seed, groundTruthFile: trueScore ? truthFile : null, lastDay: data.lastDay };
  const production = refitOnAll(chosen, data, config.seed, options.fast);
  const watched = timeHoldout(data.interactions, Number.MAX_SAFE_INTEGER).train;
  const users = data.allUsers.map((id) => data.interactions.users.add(id));
  // Accounts with no watch history get what is popular now (the last 28 days of data).
  const lastDay = dayAfterData(data);
  const coldStart = recentPopularity(data, lastDay - RECENT_DAYS, lastDay);
  const lists = topNForUsers({ ...production, name: chosen, scoreUser: production.scoreUser.bind(production) }, users, K, watched, coldStart);
  const recRows = lists.flatMap((l) => Array.from(l.items, (item, r) => ({
    user_id: data.interactions.users.ids[l.user], rank: r + 1, movie_id: data.catalogue.ids[item], score: l.scores[r], model: l.model, run_id: ctx.runId,
  })));

  const logged = await loggedCtr(ctx);
  const cards = run.models.map((m) => ({ model: m.name, card: buildModelCard(run, m, info, config.asOfDate) }));
  const cardDir = join(config.warehouse, 'reports', 'model_cards');
  mkdirSync(cardDir, { recursive: true });
  for (const c of cards) writeFileSync(join(cardDir, `${USE_CASE}_${c.model}.json`), renderModelCardJson(c.card) + '\n');
  const sameUseCase = `use_case <> ${literal(USE_CASE)}`;
  const history = `NOT (use_case = ${literal(USE_CASE)} AND run_id = ${literal(ctx.runId)})`;
  const w = { runId: ctx.runId };
  await writeTable(engine, MODEL_RUNS, modelRunRows(run, info, config.asOfDate), { ...w, keepWhere: history });
  await writeTable(engine, METRICS, metricRows(run, info, logged), { ...w, keepWhere: history });
  await writeTable(engine, MODEL_CARDS, cards.map((c) => ({
    run_id: ctx.runId, use_case: USE_CASE, model: c.model, verdict_level: c.card.verdict.level, verdict: c.card.plainVerdict,
    suspicious: false, card_json: renderModelCardJson(c.card, 0),
  })), { ...w, keepWhere: sameUseCase });
  await writeTable(engine, USER_RECOMMENDATIONS, recRows, w);
  ctx.progress(10, 10, 'done');
  const ceiling = run.models.find((m) => m.kind === 'ceiling');
  return {
    run,
    result: {
      rowsIn: data.interactions.user.length,
      rowsOut: recRows.length,
      metadata: {
        best_model: run.best.name, production_model: chosen, best_ndcg_at_10: run.best.evaluation.summary.ndcg.estimate,
        popularity_baseline: run.popularityBaseline, beats_popularity: winners.map((m) => m.name),
        ceiling_ndcg_at_10: ceiling?.evaluation.summary.ndcg.estimate ?? null, test_users: run.holdout.testUsers.length,
      },
    },
  };
}

export const recommendStep: TsStep = {
  kind: 'ts',
  name: 'ml.recommend',
  layer: 'ml',
  description: 'Recommendations: popularity, item-kNN, ALS, BPR, content-based and NCF on a time holdout, with ranking metrics, CIs, a paired test against popularity, the ground-truth ceiling, logged CTR, and the top-10 per user.',
  deps: [INTERACTIONS_TABLE, MOVIES_TABLE, CTR_TABLE],
  // ml.model_runs / ml.metrics / ml.model_cards are shared history tables (declared by ml.churn); rows are keyed by use_case.
  produces: [USER_RECOMMENDATIONS.name],
  async run(ctx: StepContext): Promise<StepResult> {
    return (await runRecommend(ctx)).result;
  },
};

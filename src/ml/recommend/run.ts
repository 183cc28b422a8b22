// What the ml.recommend step does when it runs (step.ts declares it): time holdout on gold.ml_user_item_interactions, every recommender
// against popularity with CIs and a paired test, the true-choice ceiling when ground truth exists,
// logged CTR by algorithm version, model cards, and the top-10 per user in gold.user_recommendations.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { StepContext, StepResult } from '../../pipeline/step.js';
import { publishUseCase } from '../publish/publish.js';
import { writeTableBatches, type CellValue } from '../publish/store.js';
import { USER_RECOMMENDATIONS } from './tables.js';
import { topNForUsers } from './recommender.js';
import { loadLoggedCtr, loadRecommendData } from './data.js';
import { buildModelCard, metricRows, modelRunRows, USE_CASE, type RecommendRunInfo } from './report.js';
import {
  allInteractions,
  dayAfterData,
  K,
  RECENT_DAYS,
  recentPopularity,
  refitOnAll,
  trainRecommenders,
  type RecommendRun,
} from './train.js';
import { buildTrueChoice } from './true_choice.js';
import { loadAlsKernel } from './als-kernel.js';
import { loadBprKernel } from './bpr-kernel.js';
import { loadNcfKernel } from './ncf-kernel.js';

/** Users whose lists are made and written together (50,000 users: 500,000 rows). */
const LIST_BATCH_USERS = 50_000;

export interface RecommendStepOptions {
  resamples?: number;
  /** Fewer iterations/epochs (tests). */
  fast?: boolean;
}

export async function runRecommend(
  ctx: StepContext,
  options: RecommendStepOptions = {},
): Promise<{ run: RecommendRun; result: StepResult }> {
  const { engine, config } = ctx;
  ctx.progress(0, 10, 'reading interactions');
  const data = await loadRecommendData(engine);
  // ALS's half-steps and the BPR and NCF fits in WebAssembly (the same factors as the JavaScript, faster).
  await loadAlsKernel();
  await loadBprKernel();
  await loadNcfKernel();
  const cutoff = config.asOfDate;
  ctx.log(
    `ml.recommend: ${data.interactions.user.length} user-title interactions (${data.firstDay} to ${data.lastDay}), ${data.catalogue.ids.length} titles; cutoff ${cutoff}`,
  );
  const truthFile = join(config.input, 'ground_truth.json');
  let trueScore: ((u: number, i: number) => number) | undefined;
  if (existsSync(truthFile) && data.lastDay && data.lastDay >= cutoff) {
    const truth = buildTrueChoice({
      file: truthFile,
      itemIds: data.catalogue.ids,
      addedToPlatform: data.catalogue.addedToPlatform,
      from: cutoff,
      to: data.lastDay,
    });
    if (truth) {
      const ids = data.interactions.users.ids;
      trueScore = (u, i) => truth.scoreFor(ids[u], i);
      ctx.log(`ground truth found (${truthFile}): ceiling = ranking by the true choice probability over the test window`);
    } else ctx.log(`ground truth ${truthFile} has signal none: no planted tastes, no ceiling`);
  }
  const run = trainRecommenders(data, cutoff, {
    seed: config.seed,
    resamples: options.resamples,
    trueScore,
    fast: options.fast,
    onProgress: (done, total, note) => ctx.progress(1 + done, 10, note),
  });
  for (const m of run.models) {
    const nd = m.evaluation.summary.ndcg;
    const vs = m.vsPopularity
      ? `; vs ${run.popularityBaseline} p = ${m.vsPopularity.bootstrapPValue.toFixed(4)}${m.beatsPopularity ? ' (beats it)' : ' (does not beat it)'}`
      : '';
    ctx.log(
      `${m.name}: NDCG@${K} ${nd.estimate.toFixed(4)} [${nd.lower.toFixed(4)}, ${nd.upper.toFixed(4)}], coverage ${m.evaluation.coverage.toFixed(3)}, fit ${m.fitSeconds.toFixed(1)} s${vs}`,
    );
  }
  const winners = run.models.filter((m) => m.beatsPopularity);
  // Production list: the best model only when it beat the strongest baseline; otherwise the better
  // popularity variant on validation (a random ranking may be the bar, but it is never served).
  const chosen = run.best.beatsPopularity ? run.best.name : run.baselineChoice.servedFallback;
  ctx.log(
    winners.length === 0
      ? `no model beats ${run.popularityBaseline} significantly: gold.user_recommendations uses ${chosen}`
      : `best model ${run.best.name}; significantly better than ${run.popularityBaseline}: ${winners.map((m) => m.name).join(', ')}; gold.user_recommendations uses ${chosen}`,
  );

  ctx.progress(9, 10, 'refitting the best model on all data and writing tables');
  const info: RecommendRunInfo = {
    runId: ctx.runId,
    trainedAt: new Date().toISOString(),
    seed: config.seed,
    groundTruthFile: trueScore ? truthFile : null,
    lastDay: data.lastDay,
  };
  const watched = allInteractions(data);
  const production = refitOnAll(chosen, data, watched, config.seed, options.fast);
  const users = data.allUsers.map((id) => data.interactions.users.add(id));
  // Accounts with no watch history get what is popular now (the last 28 days of data).
  const lastDay = dayAfterData(data);
  const coldStart = recentPopularity(data, lastDay - RECENT_DAYS, lastDay);
  const model = { ...production, name: chosen, scoreUser: production.scoreUser.bind(production) };
  const userIds = data.interactions.users.ids;
  // A million users make ten million rows: lists are made and written a batch of users at a time.
  function* listBatches(): Generator<Record<string, CellValue>[]> {
    for (let start = 0; start < users.length; start += LIST_BATCH_USERS) {
      const lists = topNForUsers(model, users.slice(start, start + LIST_BATCH_USERS), K, watched, coldStart);
      ctx.progress(9, 10, `top-${K} lists: ${Math.min(start + LIST_BATCH_USERS, users.length)} of ${users.length} users`);
      yield lists.flatMap((l) =>
        Array.from(l.items, (item, r) => ({
          user_id: userIds[l.user],
          rank: r + 1,
          movie_id: data.catalogue.ids[item],
          score: l.scores[r],
          model: l.model,
          run_id: ctx.runId,
        })),
      );
    }
  }

  const logged = await loadLoggedCtr(engine);
  const cards = run.models.map((m) => ({ model: m.name, card: buildModelCard(run, m, info, config.asOfDate) }));
  await publishUseCase(ctx, USE_CASE, {
    modelRuns: modelRunRows(run, info, config.asOfDate),
    metrics: metricRows(run, info, logged),
    cards,
  });
  const listRows = await writeTableBatches(engine, USER_RECOMMENDATIONS, listBatches(), { runId: ctx.runId });
  ctx.progress(10, 10, 'done');
  const ceiling = run.models.find((m) => m.kind === 'ceiling');
  return {
    run,
    result: {
      rowsIn: data.interactions.user.length,
      rowsOut: listRows,
      metadata: {
        best_model: run.best.name,
        production_model: chosen,
        best_ndcg_at_10: run.best.evaluation.summary.ndcg.estimate,
        popularity_baseline: run.popularityBaseline,
        beats_popularity: winners.map((m) => m.name),
        ceiling_ndcg_at_10: ceiling?.evaluation.summary.ndcg.estimate ?? null,
        test_users: run.holdout.testUsers.length,
      },
    },
  };
}

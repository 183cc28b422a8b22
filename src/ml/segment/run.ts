// What the ml.segment step does when it runs (step.ts declares it): segment users from gold features (data.ts, train.ts), write
// gold.user_segments, ml.segment_profiles, ml.selection_curves (report.ts) and the segmentation rows
// of ml.metrics / ml.model_runs (publishUseCase).
import type { StepContext, StepResult } from '../../pipeline/step.js';
import { readGroundTruth, truthFor } from '../ground_truth.js';
import { otherUseCases, publishUseCase } from '../publish/publish.js';
import { writeTable } from '../publish/store.js';
import { loadSegmentDataset } from './data.js';
import {
  curveRows,
  modelRunRows,
  profileRows,
  SEGMENT_USE_CASE,
  segmentCards,
  segmentMetricRows,
  userRows,
  type SegmentRunInfo,
} from './report.js';
import { SEGMENT_PROFILES, SELECTION_CURVES, USER_SEGMENTS } from './tables.js';
import { trainSegments, type SegmentRun } from './train.js';

export async function runSegments(ctx: StepContext): Promise<{ run: SegmentRun; result: StepResult }> {
  const { engine, config } = ctx;
  ctx.progress(0, 8, 'reading features');
  const data = await loadSegmentDataset(engine);
  const truth = readGroundTruth(config.input);
  const run = trainSegments(data, {
    seed: config.seed,
    truth: truth && truth.signal === 'realistic' ? truthFor(data.userIds, truth.segment) : undefined,
    onProgress: (done, total, note) => ctx.progress(1 + done, total + 2, note),
  });
  for (const m of run.methods) {
    ctx.log(
      `${m.method}: k = ${m.k}${Number.isFinite(m.silhouette) ? `, silhouette ${m.silhouette.toFixed(3)}` : ''}${m.ariTruth !== null ? `, ARI vs planted segments ${m.ariTruth.toFixed(3)}` : ''}`,
    );
  }
  ctx.log(
    `k-means stability across seeds (mean pairwise ARI): ${run.stability.meanAri.toFixed(3)}; ${run.nComponents} principal components (${(100 * run.explainedVariance).toFixed(0)}% of variance)`,
  );

  const km = run.methods.find((m) => m.method === 'kmeans')!;
  const users = userRows(run, data, ctx.runId);
  const info: SegmentRunInfo = { runId: ctx.runId, trainedAt: new Date().toISOString(), asOfDate: config.asOfDate, seed: config.seed };
  const w = { runId: ctx.runId };
  const otherUseCase = otherUseCases(SEGMENT_USE_CASE);
  await writeTable(engine, USER_SEGMENTS, users, w);
  await writeTable(engine, SEGMENT_PROFILES, profileRows(run, data, ctx.runId), { ...w, keepWhere: otherUseCase });
  await writeTable(engine, SELECTION_CURVES, curveRows(run, ctx.runId), { ...w, keepWhere: otherUseCase });
  const cards = segmentCards(run, data, info);
  ctx.log(`k-means: ${cards[0].card.plainVerdict}`);
  await publishUseCase(ctx, SEGMENT_USE_CASE, {
    modelRuns: modelRunRows(run, data, info),
    metrics: segmentMetricRows(run, ctx.runId),
    cards,
  });
  return {
    run,
    result: {
      rowsIn: data.userIds.length,
      rowsOut: users.length,
      metadata: {
        k: km.k,
        silhouette: km.silhouette,
        ari_vs_planted: km.ariTruth,
        stability: run.stability.meanAri,
        cluster_structure: run.nullReference.structure,
        null_p: run.nullReference.pValue,
      },
    },
  };
}

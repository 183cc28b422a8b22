// The ml.segment pipeline step: segment users from gold features, write gold.user_segments,
// ml.segment_profiles, ml.selection_curves and the segmentation rows of ml.metrics / ml.model_runs.
import { literal } from '../../engine/sql.js';
import type { StepContext, StepResult, TsStep } from '../../pipeline/step.js';
import { readGroundTruth, truthFor } from '../ground_truth.js';
import { writeTable, type CellValue } from '../store.js';
import { METRICS, MODEL_RUNS, SEGMENT_PROFILES, SELECTION_CURVES, USER_SEGMENTS } from '../tables.js';
import { loadSegmentDataset, SEGMENT_SOURCES } from './data.js';
import { trainSegments, type MethodResult, type SegmentRun } from './train.js';

export const SEGMENT_USE_CASE = 'segmentation';
type Row = Record<string, CellValue>;

/** A short name for a segment: its strongest trait, e.g. "Mostly on smart tv". */
export function segmentName(method: MethodResult, cluster: number): string {
  if (cluster < 0) return method.method === 'dbscan' ? 'noise / not sampled' : 'unassigned';
  const profile = method.profiles.find((p) => p.cluster === cluster);
  const trait = profile?.traits[0];
  return trait ? `${cluster + 1}: ${trait}` : `${cluster + 1}: close to average`;
}

export function segmentMetricRows(run: SegmentRun, runId: string): Row[] {
  const base = { run_id: runId, use_case: SEGMENT_USE_CASE, kind: 'model' };
  const rows: Row[] = [];
  const add = (model: string, metric: string, value: number | null) => rows.push({ ...base, model, metric, value, ci_low: null, ci_high: null });
  for (const m of run.methods) {
    add(m.method, 'k', m.k);
    if (Number.isFinite(m.silhouette)) add(m.method, 'silhouette', m.silhouette);
    if (m.ariTruth !== null) add(m.method, 'ari_vs_planted_segments', m.ariTruth);
  }
  add('kmeans', 'stability_mean_ari_across_seeds', run.stability.meanAri);
  add('kmeans', 'pca_components', run.nComponents);
  add('kmeans', 'pca_explained_variance', run.explainedVariance);
  const db = run.methods.find((m) => m.method === 'dbscan')!;
  add('dbscan', 'eps', Number(db.params.eps));
  add('dbscan', 'noise_share_of_sample', Number(db.params.noise) / Number(db.params.sample));
  return rows;
}

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
    ctx.log(`${m.method}: k = ${m.k}${Number.isFinite(m.silhouette) ? `, silhouette ${m.silhouette.toFixed(3)}` : ''}${m.ariTruth !== null ? `, ARI vs planted segments ${m.ariTruth.toFixed(3)}` : ''}`);
  }
  ctx.log(`k-means stability across seeds (mean pairwise ARI): ${run.stability.meanAri.toFixed(3)}; ${run.nComponents} principal components (${(100 * run.explainedVariance).toFixed(0)}% of variance)`);

  const byMethod = Object.fromEntries(run.methods.map((m) => [m.method, m]));
  const km = byMethod.kmeans;
  const userRows: Row[] = data.userIds.map((userId, i) => ({
    user_id: userId, rfm_r: run.rfm.r[i], rfm_f: run.rfm.f[i], rfm_m: run.rfm.m[i], rfm_segment: run.rfm.segment[i],
    kmeans_segment: km.labels[i], gmm_segment: byMethod.gmm.labels[i],
    dbscan_segment: byMethod.dbscan.labels[i] >= 0 ? byMethod.dbscan.labels[i] : null,
    segment: run.best.labels[i], segment_name: segmentName(run.best, run.best.labels[i]), run_id: ctx.runId,
  }));
  const profileRows: Row[] = [];
  for (const m of run.methods) {
    for (const p of m.profiles) {
      profileRows.push({
        run_id: ctx.runId, use_case: SEGMENT_USE_CASE, method: m.method, segment: p.cluster, segment_name: segmentName(m, p.cluster),
        size: p.size, share: p.share, description: p.description,
        profile_json: JSON.stringify({ traits: p.traits, top: p.contrasts.slice(0, 6).map((c) => ({ feature: c.feature, mean: c.clusterMean, overall: c.overallMean, z: c.z })) }),
      });
    }
  }
  // RFM segments: sizes and the rule meaning, so the page can list them beside the clusters.
  const rfmCounts = new Map<string, number>();
  for (const s of run.rfm.segment) rfmCounts.set(s, (rfmCounts.get(s) ?? 0) + 1);
  [...rfmCounts.entries()].sort((a, b) => b[1] - a[1]).forEach(([name, size], k) => profileRows.push({
    run_id: ctx.runId, use_case: SEGMENT_USE_CASE, method: 'rfm', segment: k, segment_name: name, size, share: size / data.userIds.length,
    description: `RFM segment ${name}`, profile_json: '{}',
  }));
  const curveRows: Row[] = [
    ...run.kCurve.map((c) => ({ run_id: ctx.runId, use_case: SEGMENT_USE_CASE, method: 'kmeans', criterion: 'silhouette', x: c.k, value: c.silhouette, chosen: c.k === km.k })),
    ...run.bicCurve.map((c) => ({ run_id: ctx.runId, use_case: SEGMENT_USE_CASE, method: 'gmm', criterion: 'bic', x: c.k, value: c.bic, chosen: c.k === byMethod.gmm.k })),
    // The sorted k-distance curve, thinned to 200 points, with the knee marked.
    ...thin(run.kDistance.curve, 200).map(([x, v]) => ({ run_id: ctx.runId, use_case: SEGMENT_USE_CASE, method: 'dbscan', criterion: 'k_distance', x, value: v, chosen: x === run.kDistance.kneeIndex })),
  ];
  const modelRuns: Row[] = run.methods.map((m) => ({
    run_id: ctx.runId, use_case: SEGMENT_USE_CASE, model: m.method, trained_at: new Date().toISOString(), as_of_date: config.asOfDate,
    label_window_days: null, data_window: `events before ${config.asOfDate}`, n_train: data.userIds.length, n_test: 0, seed: config.seed,
    params: JSON.stringify(m.params), fit_seconds: null,
  }));
  const history = `NOT (use_case = ${literal(SEGMENT_USE_CASE)} AND run_id = ${literal(ctx.runId)})`;
  const sameUseCase = `use_case <> ${literal(SEGMENT_USE_CASE)}`;
  const w = { runId: ctx.runId };
  await writeTable(engine, USER_SEGMENTS, userRows, w);
  await writeTable(engine, SEGMENT_PROFILES, profileRows, { ...w, keepWhere: sameUseCase });
  await writeTable(engine, SELECTION_CURVES, curveRows, { ...w, keepWhere: sameUseCase });
  await writeTable(engine, METRICS, segmentMetricRows(run, ctx.runId), { ...w, keepWhere: history });
  await writeTable(engine, MODEL_RUNS, modelRuns, { ...w, keepWhere: history });
  return {
    run,
    result: {
      rowsIn: data.userIds.length, rowsOut: userRows.length,
      metadata: { k: km.k, silhouette: km.silhouette, ari_vs_planted: km.ariTruth, stability: run.stability.meanAri },
    },
  };
}

/** Keeps the knee exactly and about `max` evenly spaced points of a curve, as [index, value]. */
function thin(curve: Float64Array, max: number): [number, number][] {
  const step = Math.max(1, Math.ceil(curve.length / max));
  const out: [number, number][] = [];
  for (let i = 0; i < curve.length; i += step) out.push([i, curve[i]]);
  return out;
}

export const segmentStep: TsStep = {
  kind: 'ts',
  name: 'ml.segment',
  layer: 'ml',
  description: 'User segmentation: RFM, k-means (k by silhouette), Gaussian mixture (k by BIC) and DBSCAN, with profiles, stability and ARI against planted segments.',
  deps: [...SEGMENT_SOURCES],
  // ml.metrics and ml.model_runs also get this step's rows, but ml.churn is their declared producer
  // (a table has one producer in the DAG); rows are keyed by use_case so the steps never clash.
  produces: [USER_SEGMENTS.name, SEGMENT_PROFILES.name, SELECTION_CURVES.name],
  async run(ctx: StepContext): Promise<StepResult> {
    return (await runSegments(ctx)).result;
  },
};

// ml.segment's report: segment names, the profile, selection-curve and user rows, metric rows and
// model-run rows (segmentation has no model cards: there is no label to score against).
import type { PublishedCard, Row } from '../publish/publish.js';
import type { ClaimLevel } from '../core/claims.js';
import type { SegmentDataset } from './data.js';
import type { MethodResult, SegmentRun } from './train.js';

export const SEGMENT_USE_CASE = 'segmentation';

/** The statement published instead of segment names when the clustering does not beat its null reference. */
export function noStructureText(run: SegmentRun): string {
  const r = run.nullReference;
  return (
    `no cluster structure: the best k-means silhouette ${r.statistic.toFixed(3)} (sample of ${r.sampleSize}) does not beat the null reference ` +
    `(each principal component permuted independently, ${r.nullValues.length} replicates, 95th percentile ${r.null95.toFixed(3)}, p = ${r.pValue.toFixed(2)})`
  );
}

function structureText(run: SegmentRun): string {
  const r = run.nullReference;
  const km = run.methods.find((m) => m.method === 'kmeans')!;
  return (
    `cluster structure: k-means with k = ${km.k}, best silhouette ${r.statistic.toFixed(3)} (sample of ${r.sampleSize}) above every one of ${r.nullValues.length} null replicates ` +
    `(each principal component permuted independently; 95th percentile ${r.null95.toFixed(3)}, p = ${r.pValue.toFixed(2)})` +
    (km.ariTruth !== null ? `; adjusted Rand index against the planted segments ${km.ariTruth.toFixed(3)}` : '')
  );
}

/** Model cards: k-means carries the claim (signal only above the null reference); RFM is a rule, a baseline. */
export function segmentCards(run: SegmentRun, data: SegmentDataset, info: SegmentRunInfo): PublishedCard[] {
  const km = run.methods.find((m) => m.method === 'kmeans')!;
  const structure = run.nullReference.structure;
  const kmText = structure ? structureText(run) : noStructureText(run);
  const rfmText = `rule-based RFM tiers (quintiles of recency, frequency and monthly spend mapped to ${new Set(run.rfm.segment).size} named tiers by a fixed rule table), not discovered segments`;
  const card = (name: string, level: ClaimLevel, text: string, params: MethodResult['params']): PublishedCard => ({
    model: name,
    card: {
      useCase: SEGMENT_USE_CASE,
      model: { name, params },
      trainedAt: info.trainedAt,
      dataWindow: {
        asOfDate: info.asOfDate,
        labelWindowDays: 0,
        featureStart: null,
        trainRows: data.userIds.length,
        testRows: 0,
        positiveRateTrain: Number.NaN,
        positiveRateTest: Number.NaN,
        split: `all users, events before ${info.asOfDate}`,
      },
      features: data.model.names.map((n) => ({ name: n })),
      metrics: [],
      baselines: [],
      caveats: [
        "Null reference: the projected points with each principal component permuted independently keep every component's distribution and lose only how the components co-occur; the statistic (best silhouette over k = 2..8) is computed the same way on a sample of the real points and on each replicate.",
        `Null silhouettes: ${run.nullReference.nullValues.map((v) => v.toFixed(3)).join(', ')}.`,
      ],
      verdict: { level, text },
      plainVerdict: text,
    },
  });
  return [
    card('kmeans', structure ? 'signal' : 'no_signal', kmText, km.params),
    card('rfm', 'baseline', rfmText, run.methods.find((m) => m.method === 'rfm')!.params),
  ];
}
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
  const add = (model: string, metric: string, value: number | null) =>
    rows.push({ ...base, model, metric, value, ci_low: null, ci_high: null });
  for (const m of run.methods) {
    add(m.method, 'k', m.k);
    if (Number.isFinite(m.silhouette)) add(m.method, 'silhouette', m.silhouette);
    if (m.ariTruth !== null) add(m.method, 'ari_vs_planted_segments', m.ariTruth);
  }
  add('kmeans', 'stability_mean_ari_across_seeds', run.stability.meanAri);
  add('kmeans', 'null_reference_statistic', run.nullReference.statistic);
  add('kmeans', 'null_reference_95th_percentile', run.nullReference.null95);
  add('kmeans', 'null_reference_p_value', run.nullReference.pValue);
  add('kmeans', 'cluster_structure', run.nullReference.structure ? 1 : 0);
  add('kmeans', 'pca_components', run.nComponents);
  add('kmeans', 'pca_explained_variance', run.explainedVariance);
  const db = run.methods.find((m) => m.method === 'dbscan')!;
  add('dbscan', 'eps', Number(db.params.eps));
  add('dbscan', 'noise_share_of_sample', Number(db.params.noise) / Number(db.params.sample));
  return rows;
}

export interface SegmentRunInfo {
  runId: string;
  trainedAt: string;
  asOfDate: string;
  seed: number;
}

/** One row per user: RFM scores and segment, each method's cluster, and the chosen one with its name. */
export function userRows(run: SegmentRun, data: SegmentDataset, runId: string): Row[] {
  const byMethod = Object.fromEntries(run.methods.map((m) => [m.method, m]));
  const km = byMethod.kmeans;
  // Without structure there is one segment, named by the statement; the clusterings are not published.
  const structure = run.nullReference.structure;
  const none = structure ? '' : noStructureText(run);
  return data.userIds.map((userId, i) => ({
    user_id: userId,
    rfm_r: run.rfm.r[i],
    rfm_f: run.rfm.f[i],
    rfm_m: run.rfm.m[i],
    rfm_segment: run.rfm.segment[i],
    kmeans_segment: structure ? km.labels[i] : null,
    gmm_segment: structure ? byMethod.gmm.labels[i] : null,
    dbscan_segment: structure && byMethod.dbscan.labels[i] >= 0 ? byMethod.dbscan.labels[i] : null,
    segment: structure ? run.best.labels[i] : 0,
    segment_name: structure ? segmentName(run.best, run.best.labels[i]) : none,
    run_id: runId,
  }));
}

/** Each method's cluster profiles, then the RFM segments with their sizes. */
export function profileRows(run: SegmentRun, data: SegmentDataset, runId: string): Row[] {
  const rows: Row[] = [];
  if (!run.nullReference.structure) {
    rows.push({
      run_id: runId,
      use_case: SEGMENT_USE_CASE,
      method: 'kmeans',
      segment: 0,
      segment_name: 'all users',
      size: data.userIds.length,
      share: 1,
      description: noStructureText(run),
      profile_json: '{}',
    });
  }
  for (const m of run.nullReference.structure ? run.methods : []) {
    for (const p of m.profiles) {
      rows.push({
        run_id: runId,
        use_case: SEGMENT_USE_CASE,
        method: m.method,
        segment: p.cluster,
        segment_name: segmentName(m, p.cluster),
        size: p.size,
        share: p.share,
        description: p.description,
        profile_json: JSON.stringify({
          traits: p.traits,
          top: p.contrasts.slice(0, 6).map((c) => ({ feature: c.feature, mean: c.clusterMean, overall: c.overallMean, z: c.z })),
        }),
      });
    }
  }
  // RFM segments: sizes and the rule meaning, so the page can list them beside the clusters.
  const rfmCounts = new Map<string, number>();
  for (const s of run.rfm.segment) rfmCounts.set(s, (rfmCounts.get(s) ?? 0) + 1);
  [...rfmCounts.entries()]
    .sort((a, b) => b[1] - a[1])
    .forEach(([name, size], k) =>
      rows.push({
        run_id: runId,
        use_case: SEGMENT_USE_CASE,
        method: 'rfm',
        segment: k,
        segment_name: name,
        size,
        share: size / data.userIds.length,
        description: `RFM tier ${name} (rule-based, not a discovered segment)`,
        profile_json: '{}',
      }),
    );
  return rows;
}

/** Silhouette by k, BIC by k, and the thinned k-distance curve, each with the chosen point marked. */
export function curveRows(run: SegmentRun, runId: string): Row[] {
  const byMethod = Object.fromEntries(run.methods.map((m) => [m.method, m]));
  const km = byMethod.kmeans;
  return [
    ...run.kCurve.map((c) => ({
      run_id: runId,
      use_case: SEGMENT_USE_CASE,
      method: 'kmeans',
      criterion: 'silhouette',
      x: c.k,
      value: c.silhouette,
      chosen: c.k === km.k,
    })),
    ...run.bicCurve.map((c) => ({
      run_id: runId,
      use_case: SEGMENT_USE_CASE,
      method: 'gmm',
      criterion: 'bic',
      x: c.k,
      value: c.bic,
      chosen: c.k === byMethod.gmm.k,
    })),
    // The sorted k-distance curve, thinned to 200 points, with the knee marked.
    ...thin(run.kDistance.curve, 200).map(([x, v]) => ({
      run_id: runId,
      use_case: SEGMENT_USE_CASE,
      method: 'dbscan',
      criterion: 'k_distance',
      x,
      value: v,
      chosen: x === run.kDistance.kneeIndex,
    })),
  ];
}

export function modelRunRows(run: SegmentRun, data: SegmentDataset, info: SegmentRunInfo): Row[] {
  return run.methods.map((m) => ({
    run_id: info.runId,
    use_case: SEGMENT_USE_CASE,
    model: m.method,
    trained_at: info.trainedAt,
    as_of_date: info.asOfDate,
    label_window_days: null,
    data_window: `events before ${info.asOfDate}`,
    n_train: data.userIds.length,
    n_test: 0,
    seed: info.seed,
    params: JSON.stringify(m.params),
    fit_seconds: null,
  }));
}

/** Keeps the knee exactly and about `max` evenly spaced points of a curve, as [index, value]. */
function thin(curve: Float64Array, max: number): [number, number][] {
  const step = Math.max(1, Math.ceil(curve.length / max));
  const out: [number, number][] = [];
  for (let i = 0; i < curve.length; i += step) out.push([i, curve[i]]);
  return out;
}

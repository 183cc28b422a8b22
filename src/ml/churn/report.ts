// Turns a churn run into table rows and model cards (pure; writing happens in step.ts).
import type { ConfidenceInterval } from '../core/bootstrap.js';
import { cardMetrics, type ModelCard } from '../core/model_card.js';
import type { CellValue } from '../publish/store.js';
import type { ChurnModelResult, ChurnRun, RecencyReference } from './train.js';
import { ML_SETTINGS } from '../settings.js';

type Row = Record<string, CellValue>;

export interface ChurnRunInfo {
  runId: string;
  trainedAt: string;
  asOfDate: string;
  labelWindowDays: number;
  seed: number;
  nUsers: number;
  /** Where the ceiling came from, e.g. the ground_truth.json path (null on real data). */
  groundTruthFile: string | null;
}

export const USE_CASE = 'churn';

export const SPLIT_TEXT =
  'Users split at random into train (70%) and test (30%), stratified by the label and seeded; the label is one snapshot, ' +
  'so the time aspect is the as-of date: every feature reads only events before it, and churn is observed over the label window after it.';

/** The plain-words sentence a reader sees first. */
export function plainVerdict(m: ChurnModelResult, suspicious: boolean, recency: RecencyReference | null = null): string {
  const v = m.evaluation.verdict;
  const auc = m.evaluation.metrics.roc_auc!;
  const f = (x: number) => x.toFixed(2);
  let head: string;
  if (v.level !== 'signal')
    head = `No signal: this model does not predict the churn label (is_active snapshot at export) better than chance on held-out users after Holm's correction over the models (AUC ${f(auc.estimate)}, 95% CI ${f(auc.lower)}-${f(auc.upper)}, permutation p = ${m.evaluation.permutation.pValue.toFixed(3)}). Do not act on its scores.`;
  else
    head = `Signal: the model ranks churners above non-churners (AUC ${f(auc.estimate)}, 95% CI ${f(auc.lower)}-${f(auc.upper)}, permutation p = ${m.evaluation.permutation.pValue.toFixed(3)}).`;
  if (suspicious) head = `SUSPICIOUS RUN (possible label leakage, see leakage): ${head}`;
  const vsRecency = recencyComparisonText(m, recency);
  return vsRecency ? `${head} ${vsRecency}` : head;
}

/** How a learned model compares with the one-feature recency reference, from this run's figures only. */
export function recencyComparisonText(m: ChurnModelResult, recency: RecencyReference | null): string | null {
  if (!recency || !m.vsRecency) return null;
  const f = (x: number) => x.toFixed(3);
  const d = m.vsRecency.difference;
  const sign = (x: number) => (x >= 0 ? `+${f(x)}` : f(x));
  const figures = `AUC ${f(m.evaluation.metrics.roc_auc!.estimate)} vs ${f(recency.evaluation.metrics.roc_auc!.estimate)} for days since the last session alone: difference ${sign(d.estimate)} [${sign(d.lower)}, ${sign(d.upper)}], one-sided paired bootstrap p = ${m.vsRecency.pValue.toFixed(3)}`;
  if (m.vsRecency.pValue <= ML_SETTINGS.alpha && d.lower > 0) return `Against the recency reference it ranks better (${figures}).`;
  if (d.upper < 0) return `Against the recency reference it ranks worse (${figures}): use recency instead.`;
  return `Against the recency reference it is not clearly better (${figures}).`;
}

/** The recency reference's card sentence: a baseline, never a claim of signal. */
export function recencyVerdict(recency: RecencyReference, info: ChurnRunInfo): string {
  const auc = recency.evaluation.metrics.roc_auc!;
  const f = (x: number) => x.toFixed(3);
  return `Reference (baseline): one feature, days since the last viewing session before ${info.asOfDate} (never watched = ${recency.neverWatchedDays} days), in a logistic regression: AUC ${f(auc.estimate)} [${f(auc.lower)}, ${f(auc.upper)}] on the same test users, permutation p = ${recency.evaluation.permutation.pValue.toFixed(3)}. Every learned model's card says how it compares with it.`;
}

function ciRow(base: Row, metric: string, ci: ConfidenceInterval): Row {
  return { ...base, metric, value: ci.estimate, ci_low: ci.lower, ci_high: ci.upper };
}

export function metricRows(run: ChurnRun, info: ChurnRunInfo): Row[] {
  const rows: Row[] = [];
  const base = { run_id: info.runId, use_case: USE_CASE };
  for (const m of run.models) {
    const ev = m.evaluation;
    const b = { ...base, model: m.name, kind: 'model' };
    for (const [name, ci] of Object.entries(ev.metrics)) if (ci) rows.push(ciRow(b, name, ci));
    rows.push({ ...b, metric: 'calibration_ece', value: ev.calibration.ece, ci_low: null, ci_high: null });
    rows.push({ ...b, metric: 'permutation_p_value', value: ev.permutation.pValue, ci_low: null, ci_high: null });
    if (ev.ceiling) {
      rows.push({
        ...b,
        metric: 'fraction_of_ceiling',
        value: ev.ceiling.ratio,
        ci_low: ev.metrics.roc_auc!.lower / ev.ceiling.ceiling,
        ci_high: ev.metrics.roc_auc!.upper / ev.ceiling.ceiling,
      });
      rows.push({ ...b, metric: 'fraction_of_ceiling_above_chance', value: ev.ceiling.aboveChance, ci_low: null, ci_high: null });
    }
  }
  // Baselines are evaluated on the same test rows; record them once.
  for (const bl of run.models[0].evaluation.baselines) {
    const b = { ...base, model: bl.name, kind: 'baseline' };
    for (const [name, ci] of Object.entries(bl.metrics)) if (ci) rows.push(ciRow(b, name, ci));
  }
  if (run.ceilingAuc !== null)
    rows.push({ ...base, model: 'ground truth', kind: 'ceiling', metric: 'roc_auc', value: run.ceilingAuc, ci_low: null, ci_high: null });
  rows.push({
    ...base,
    model: 'all models',
    kind: 'run',
    metric: 'family_permutation_p_value',
    value: run.familyPValue,
    ci_low: null,
    ci_high: null,
  });
  run.models.forEach((m, k) =>
    rows.push({
      ...base,
      model: m.name,
      kind: 'model',
      metric: 'holm_permutation_p_value',
      value: run.holmPValues[k],
      ci_low: null,
      ci_high: null,
    }),
  );
  for (const m of run.models)
    if (m.vsRecency)
      rows.push({
        ...base,
        model: m.name,
        kind: 'model',
        metric: 'roc_auc_minus_recency',
        value: m.vsRecency.difference.estimate,
        ci_low: m.vsRecency.difference.lower,
        ci_high: m.vsRecency.difference.upper,
      });
  if (run.recency)
    rows.push({
      ...base,
      model: run.recency.name,
      kind: 'baseline',
      metric: 'permutation_p_value',
      value: run.recency.evaluation.permutation.pValue,
      ci_low: null,
      ci_high: null,
    });
  const bh = run.behavioural;
  for (const m of run.models)
    rows.push({
      ...base,
      model: m.name,
      kind: 'model',
      metric: 'roc_auc_behavioural_label',
      value: bh.aucByModel[m.name],
      ci_low: null,
      ci_high: null,
    });
  rows.push({
    ...base,
    model: 'all models',
    kind: 'run',
    metric: 'behavioural_label_test_users',
    value: bh.testUsers,
    ci_low: null,
    ci_high: null,
  });
  rows.push({
    ...base,
    model: 'all models',
    kind: 'run',
    metric: 'snapshot_churners_already_inactive_share',
    value: bh.snapshotChurners ? bh.snapshotChurnersAlreadyInactive / bh.snapshotChurners : null,
    ci_low: null,
    ci_high: null,
  });
  rows.push({
    ...base,
    model: 'all models',
    kind: 'run',
    metric: 'leakage_flagged_features',
    value: run.leakage.flagged.length,
    ci_low: null,
    ci_high: null,
  });
  return rows;
}

export function modelRunRows(run: ChurnRun, info: ChurnRunInfo): Row[] {
  const window = `features: events before ${info.asOfDate}; label: churned = NOT is_active (users file snapshot at export, not dated); behavioural label reported beside it: no session in the ${info.labelWindowDays} days from ${info.asOfDate}`;
  return run.models.map((m) => ({
    run_id: info.runId,
    use_case: USE_CASE,
    model: m.name,
    trained_at: info.trainedAt,
    as_of_date: info.asOfDate,
    label_window_days: info.labelWindowDays,
    data_window: window,
    n_train: run.split.train.length,
    n_test: run.split.test.length,
    seed: info.seed,
    params: JSON.stringify(m.params),
    fit_seconds: m.fitSeconds,
  }));
}

export function curveRows(run: ChurnRun, info: ChurnRunInfo): { calibration: Row[]; roc: Row[]; importance: Row[] } {
  const base = { run_id: info.runId, use_case: USE_CASE };
  const calibration: Row[] = [];
  const roc: Row[] = [];
  const importance: Row[] = [];
  for (const m of run.models) {
    m.evaluation.calibration.bins.forEach((bin, k) =>
      calibration.push({
        ...base,
        model: m.name,
        bin: k + 1,
        mean_predicted: bin.meanPredicted,
        observed_rate: bin.observedRate,
        n: bin.count,
      }),
    );
    m.roc.forEach((p, k) => roc.push({ ...base, model: m.name, point: k, fpr: p.fpr, tpr: p.tpr }));
    m.importance.forEach((f, k) => importance.push({ ...base, model: m.name, feature: f.feature, importance: f.importance, rank: k + 1 }));
  }
  for (const b of run.baselineRoc) b.roc.forEach((p, k) => roc.push({ ...base, model: b.name, point: k, fpr: p.fpr, tpr: p.tpr }));
  return { calibration, roc, importance };
}

export function buildModelCard(
  run: ChurnRun,
  m: ChurnModelResult,
  info: ChurnRunInfo,
  featureDescriptions: Record<string, string>,
): ModelCard & { plainVerdict: string; suspicious: boolean; best: boolean; familyPValue: number } {
  const ev = m.evaluation;
  const suspicious = run.leakage.flagged.length > 0;
  const importance = new Map(m.importance.map((f) => [f.feature, f.importance]));
  const caveats = [
    SPLIT_TEXT,
    'Bootstrap intervals resample the test users with the model held fixed: they cover which users landed in the test set, not training variance.',
    'The permutation test shuffles test labels against the fixed scores; p is the share of shuffles with an AUC at least as high (+1 smoothing).',
    `${run.models.length} models are compared; a model claims signal only when its permutation p survives Holm's correction over them (this model: adjusted p = ${fmtP(run.holmPValues[run.models.indexOf(m)])}); the run-level Bonferroni p (smallest p x ${run.models.length}) is ${run.familyPValue.toFixed(3)}.`,
    labelText(run, m, info),
    'Missing numeric values are filled with the training median plus a <feature>__missing indicator; plan, country and device are one-hot encoded.',
  ];
  if (suspicious)
    caveats.unshift(
      `SUSPICIOUS: ${run.leakage.flagged.join(', ')} alone separate(s) churners with AUC above ${run.leakage.threshold}; they were dropped from training. Check them for label leakage.`,
    );
  if (!ev.ceiling) {
    caveats.push(
      info.groundTruthFile
        ? `The generator's ground truth (${info.groundTruthFile}) plants no churn signal: every true probability is equal, so there is no ceiling to compare with.`
        : 'No ground truth: the best achievable score is unknown (real data).',
    );
  }
  return {
    useCase: USE_CASE,
    model: { name: m.name, params: m.params },
    trainedAt: info.trainedAt,
    dataWindow: churnDataWindow(info, run),
    features: run.features.map((name) => ({
      name,
      description: featureDescriptions[name.replace(/__missing$/, '').split('=')[0]],
      importance: importance.get(name),
    })),
    metrics: [
      ...cardMetrics(ev.metrics),
      {
        name: 'calibration_ece',
        ci: {
          estimate: ev.calibration.ece,
          lower: NaN,
          upper: NaN,
          level: 0.95,
          replicates: 0,
          validReplicates: 0,
          method: 'percentile-bootstrap',
          stratified: false,
        },
      },
    ],
    baselines: ev.baselines.map((b) => ({ name: b.name, metrics: cardMetrics(b.metrics) })),
    permutation: { ...ev.permutation, metric: 'roc_auc' },
    ceiling: cardCeiling(ev.ceiling),
    leakage: { flagged: run.leakage.flagged, threshold: run.leakage.threshold },
    caveats,
    verdict: { level: ev.verdict.level, text: ev.verdict.text },
    plainVerdict: plainVerdict(m, suspicious, run.recency),
    suspicious,
    best: m === run.best,
    familyPValue: run.familyPValue,
  };
}

function fmtP(p: number): string {
  return Number.isFinite(p) ? p.toFixed(3) : 'n/a';
}

/** What the label is, from this run's figures: the snapshot target and the behavioural label beside it. */
export function labelText(run: ChurnRun, m: ChurnModelResult, info: ChurnRunInfo): string {
  const bh = run.behavioural;
  const snapshot = `Label: churned = NOT is_active, the users file's snapshot at export (not dated), positive rate ${(100 * run.positiveRate.test).toFixed(1)}% of test users.`;
  if (bh.testUsers === 0) return `${snapshot} No behavioural label is available in this table.`;
  const auc = bh.aucByModel[m.name];
  const already = bh.snapshotChurners ? ((100 * bh.snapshotChurnersAlreadyInactive) / bh.snapshotChurners).toFixed(1) : 'n/a';
  return (
    `${snapshot} ${already}% of the snapshot churners in the test set (${bh.snapshotChurnersAlreadyInactive} of ${bh.snapshotChurners}) had no session in the 90 days before ${info.asOfDate}: they had already stopped. ` +
    `Behavioural label (no session in the ${info.labelWindowDays} days from ${info.asOfDate}, among the ${bh.testUsers} test users active before it, positive rate ${(100 * bh.positiveRate).toFixed(1)}%): this model's AUC on it is ${Number.isFinite(auc) ? auc.toFixed(3) : 'n/a'}.`
  );
}

/** Risk band from the probability: fixed cut-offs so a band means the same thing in every run. */
export function riskBand(p: number): string {
  if (!Number.isFinite(p)) return 'unknown';
  return p >= ML_SETTINGS.churn.highRisk ? 'high' : p >= ML_SETTINGS.churn.mediumRisk ? 'medium' : 'low';
}

/** The recency reference's card (level `baseline`), on the same test users as the learned models. */
export function buildRecencyCard(
  run: ChurnRun,
  recency: RecencyReference,
  info: ChurnRunInfo,
): ModelCard & { plainVerdict: string; suspicious: boolean; best: boolean } {
  const ev = recency.evaluation;
  const text = recencyVerdict(recency, info);
  return {
    useCase: USE_CASE,
    model: {
      name: recency.name,
      params: { feature: recency.feature, transform: 'log(1 + days)', neverWatchedDays: recency.neverWatchedDays, l2: 1 },
    },
    trainedAt: info.trainedAt,
    dataWindow: churnDataWindow(info, run),
    features: [
      {
        name: recency.feature,
        description: 'days from the last viewing session to the as-of date (missing: never watched)',
        importance: 1,
      },
    ],
    metrics: cardMetrics(ev.metrics),
    baselines: ev.baselines.map((b) => ({ name: b.name, metrics: cardMetrics(b.metrics) })),
    permutation: { ...ev.permutation, metric: 'roc_auc' },
    ceiling: cardCeiling(ev.ceiling),
    caveats: [
      SPLIT_TEXT,
      'A reference, not a claim: its level is baseline whatever its score; the learned models are compared with it by a paired bootstrap of the AUC difference on the same test users.',
    ],
    verdict: { level: 'baseline', text },
    plainVerdict: text,
    suspicious: false,
    best: false,
  };
}

/** The ground-truth ceiling as the card states it (absent when the data carry no true probabilities). */
function cardCeiling(ceiling: { score: number; ceiling: number; ratio: number; aboveChance: number } | undefined | null) {
  return ceiling
    ? { metric: 'roc_auc', score: ceiling.score, ceiling: ceiling.ceiling, ratio: ceiling.ratio, aboveChance: ceiling.aboveChance }
    : undefined;
}

/** The data window every churn card states (learned models and the recency reference alike). */
function churnDataWindow(
  info: { asOfDate: string; labelWindowDays: number },
  run: { split: { train: ArrayLike<unknown>; test: ArrayLike<unknown> }; positiveRate: { train: number; test: number } },
) {
  return {
    asOfDate: info.asOfDate,
    labelWindowDays: info.labelWindowDays,
    featureStart: null,
    trainRows: run.split.train.length,
    testRows: run.split.test.length,
    positiveRateTrain: run.positiveRate.train,
    positiveRateTest: run.positiveRate.test,
    split: SPLIT_TEXT,
  };
}

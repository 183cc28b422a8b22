// Turns a churn run into table rows (pure; writing happens in step.ts): metrics, model runs, curves
// and the risk band. The sentences are in verdicts.ts and the model cards in cards.ts; they are
// re-exported here so the use case keeps one report entry point, as every ML use case does.
import type { ConfidenceInterval } from '../core/bootstrap.js';
import type { CellValue } from '../publish/store.js';
import type { ChurnRun } from './train.js';
import { ML_SETTINGS } from '../settings.js';
import { USE_CASE, type ChurnRunInfo } from './run-info.js';

export { SPLIT_TEXT, USE_CASE, type ChurnRunInfo } from './run-info.js';
export { labelText, plainVerdict, recencyComparisonText, recencyVerdict } from './verdicts.js';
export { buildModelCard, buildRecencyCard } from './cards.js';

type Row = Record<string, CellValue>;

/** One ml.metrics row of this run; a point figure has no interval. */
function metricRow(
  info: ChurnRunInfo,
  model: string,
  kind: 'model' | 'baseline' | 'ceiling' | 'run',
  metric: string,
  value: CellValue,
  ciLow: number | null = null,
  ciHigh: number | null = null,
): Row {
  return { run_id: info.runId, use_case: USE_CASE, model, kind, metric, value, ci_low: ciLow, ci_high: ciHigh };
}

function ciRows(
  info: ChurnRunInfo,
  model: string,
  kind: 'model' | 'baseline',
  metrics: Record<string, ConfidenceInterval | undefined>,
): Row[] {
  return Object.entries(metrics).flatMap(([name, ci]) => (ci ? [metricRow(info, model, kind, name, ci.estimate, ci.lower, ci.upper)] : []));
}

export function metricRows(run: ChurnRun, info: ChurnRunInfo): Row[] {
  const rows: Row[] = [];
  const runRow = (metric: string, value: CellValue) => rows.push(metricRow(info, 'all models', 'run', metric, value));
  for (const m of run.models) {
    const ev = m.evaluation;
    rows.push(...ciRows(info, m.name, 'model', ev.metrics));
    rows.push(metricRow(info, m.name, 'model', 'calibration_ece', ev.calibration.ece));
    rows.push(metricRow(info, m.name, 'model', 'permutation_p_value', ev.permutation.pValue));
    if (ev.ceiling) {
      const auc = ev.metrics.roc_auc!;
      rows.push(
        metricRow(
          info,
          m.name,
          'model',
          'fraction_of_ceiling',
          ev.ceiling.ratio,
          auc.lower / ev.ceiling.ceiling,
          auc.upper / ev.ceiling.ceiling,
        ),
      );
      rows.push(metricRow(info, m.name, 'model', 'fraction_of_ceiling_above_chance', ev.ceiling.aboveChance));
    }
  }
  // Baselines are evaluated on the same test rows; record them once.
  for (const bl of run.models[0].evaluation.baselines) rows.push(...ciRows(info, bl.name, 'baseline', bl.metrics));
  if (run.ceilingAuc !== null) rows.push(metricRow(info, 'ground truth', 'ceiling', 'roc_auc', run.ceilingAuc));
  runRow('family_permutation_p_value', run.familyPValue);
  run.models.forEach((m, k) => rows.push(metricRow(info, m.name, 'model', 'holm_permutation_p_value', run.holmPValues[k])));
  for (const m of run.models)
    if (m.vsRecency) {
      const d = m.vsRecency.difference;
      rows.push(metricRow(info, m.name, 'model', 'roc_auc_minus_recency', d.estimate, d.lower, d.upper));
    }
  if (run.recency)
    rows.push(metricRow(info, run.recency.name, 'baseline', 'permutation_p_value', run.recency.evaluation.permutation.pValue));
  const bh = run.behavioural;
  for (const m of run.models) rows.push(metricRow(info, m.name, 'model', 'roc_auc_behavioural_label', bh.aucByModel[m.name]));
  runRow('behavioural_label_test_users', bh.testUsers);
  runRow('snapshot_churners_already_inactive_share', bh.snapshotChurners ? bh.snapshotChurnersAlreadyInactive / bh.snapshotChurners : null);
  runRow('leakage_flagged_features', run.leakage.flagged.length);
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
    n_test: run.evaluated.rows.length,
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

/** Risk band from the probability: fixed cut-offs so a band means the same thing in every run. */
export function riskBand(p: number): string {
  if (!Number.isFinite(p)) return 'unknown';
  return p >= ML_SETTINGS.churn.highRisk ? 'high' : p >= ML_SETTINGS.churn.mediumRisk ? 'medium' : 'low';
}

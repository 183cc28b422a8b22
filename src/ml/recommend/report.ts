// Turns a recommendation run into ml.* rows and model cards (pure; step.ts writes them).
import type { ConfidenceInterval } from '../core/bootstrap.js';
import type { ModelCard } from '../core/model_card.js';
import { describeCap } from '../core/cap.js';
import type { ClaimLevel } from '../core/claims.js';
import type { CellValue } from '../publish/store.js';
import { RANKING_METRICS } from './evaluate.js';
import { K, type FittedModel, type RecommendRun } from './train.js';
import type { LoggedCtr } from './data.js';

type Row = Record<string, CellValue>;
export const USE_CASE = 'recommend';

export interface RecommendRunInfo {
  runId: string;
  trainedAt: string;
  seed: number;
  groundTruthFile: string | null;
  lastDay: string | null;
}

const metricName = (m: string) => `${m}_at_${K}`;

function point(value: number): ConfidenceInterval {
  return {
    estimate: value,
    lower: Number.NaN,
    upper: Number.NaN,
    level: 0.95,
    replicates: 0,
    validReplicates: 0,
    method: 'percentile-bootstrap',
    stratified: false,
  };
}

export function splitText(run: RecommendRun, info: RecommendRunInfo): string {
  return (
    `Time holdout: train on titles first watched before ${run.cutoff}, test on titles each user first watched from ${run.cutoff} to ${info.lastDay ?? 'the end of the data'} ` +
    '(titles already watched before the cutoff are neither targets nor candidates). Interactions are binary: the gold table sums minutes over all time, so weights would leak the test window.'
  );
}

export function metricRows(run: RecommendRun, info: RecommendRunInfo, logged: LoggedCtr[]): Row[] {
  const rows: Row[] = [];
  const base = { run_id: info.runId, use_case: USE_CASE };
  for (const m of run.models) {
    const b = { ...base, model: m.name, kind: m.kind };
    for (const metric of RANKING_METRICS) {
      const ci = m.evaluation.summary[metric];
      rows.push({ ...b, metric: metricName(metric), value: ci.estimate, ci_low: ci.lower, ci_high: ci.upper });
    }
    rows.push({ ...b, metric: 'catalogue_coverage', value: m.evaluation.coverage, ci_low: null, ci_high: null });
    if (m.vsPopularity) {
      const d = m.vsPopularity.meanDifference;
      rows.push({ ...b, metric: `ndcg_at_${K}_minus_${run.popularityBaseline}`, value: d.estimate, ci_low: d.lower, ci_high: d.upper });
      rows.push({ ...b, metric: 'paired_bootstrap_p_vs_popularity', value: m.vsPopularity.bootstrapPValue, ci_low: null, ci_high: null });
      rows.push({ ...b, metric: 'sign_test_p_vs_popularity', value: m.vsPopularity.signTestPValue, ci_low: null, ci_high: null });
      rows.push({ ...b, metric: 'p_vs_popularity', value: m.pValue ?? null, ci_low: null, ci_high: null });
      rows.push({ ...b, metric: 'holm_p_vs_popularity', value: m.holmPValue ?? null, ci_low: null, ci_high: null });
      rows.push({ ...b, metric: 'beats_popularity', value: m.beatsPopularity ? 1 : 0, ci_low: null, ci_high: null });
    }
    const ceiling = run.models.find((c) => c.kind === 'ceiling');
    if (ceiling && m.kind !== 'ceiling') {
      rows.push({
        ...b,
        metric: 'fraction_of_ceiling_ndcg',
        value: m.evaluation.summary.ndcg.estimate / ceiling.evaluation.summary.ndcg.estimate,
        ci_low: null,
        ci_high: null,
      });
    }
  }
  for (const l of logged) {
    const b = { ...base, model: `logged:${l.algorithm}`, kind: 'logged' };
    rows.push({ ...b, metric: 'ctr', value: l.ctr, ci_low: l.low, ci_high: l.high });
    rows.push({ ...b, metric: 'impressions', value: l.impressions, ci_low: null, ci_high: null });
  }
  rows.push({
    ...base,
    model: 'all models',
    kind: 'run',
    metric: 'test_users',
    value: run.holdout.testUsers.length,
    ci_low: null,
    ci_high: null,
  });
  rows.push({
    ...base,
    model: 'all models',
    kind: 'run',
    metric: 'evaluated_test_users',
    value: run.evaluatedUsers.rows.length,
    ci_low: null,
    ci_high: null,
  });
  rows.push({ ...base, model: 'all models', kind: 'run', metric: 'alpha', value: run.alpha, ci_low: null, ci_high: null });
  rows.push({
    ...base,
    model: 'all models',
    kind: 'run',
    metric: 'cold_start_test_users',
    value: run.coldStartUsers,
    ci_low: null,
    ci_high: null,
  });
  return rows;
}

export function modelRunRows(run: RecommendRun, info: RecommendRunInfo, asOfDate: string): Row[] {
  return run.models.map((m) => ({
    run_id: info.runId,
    use_case: USE_CASE,
    model: m.name,
    trained_at: info.trainedAt,
    as_of_date: asOfDate,
    label_window_days: null,
    data_window: `train: first watches before ${run.cutoff}; test: first watches from ${run.cutoff}`,
    n_train: run.nTrainInteractions,
    n_test: run.nTestInteractions,
    seed: info.seed,
    params: JSON.stringify(m.params),
    fit_seconds: m.fitSeconds,
  }));
}

/** Plain-words verdict for one model. */
export function plainVerdict(run: RecommendRun, m: FittedModel): { level: ClaimLevel; text: string } {
  const nd = m.evaluation.summary.ndcg;
  const f = (x: number) => x.toFixed(3);
  const head = `${m.name}: NDCG@${K} ${f(nd.estimate)} [${f(nd.lower)}, ${f(nd.upper)}]`;
  if (m.kind === 'ceiling')
    return { level: 'ceiling', text: `${head}: the best achievable ranking, from the generator's true choice model.` };
  if (m.kind === 'baseline') {
    const strongest =
      m.name === run.popularityBaseline
        ? ` It is the strongest baseline, ${run.baselineChoice.reason}: every model is tested against it on the test period.`
        : '';
    return { level: 'baseline', text: `${head} (baseline).${strongest}` };
  }
  if (!m.vsPopularity) return { level: 'not_evaluated', text: `${head}: not compared with a baseline.` };
  const d = m.vsPopularity.meanDifference;
  const p = (x: number) => (x < 0.001 ? x.toExponential(1) : x.toFixed(3));
  const tail = `vs ${run.popularityBaseline}: difference ${f(d.estimate)} [${f(d.lower)}, ${f(d.upper)}], one-sided p = ${p(m.pValue!)} (larger of paired bootstrap ${p(m.vsPopularity.bootstrapPValue)} and sign test ${p(m.vsPopularity.signTestPValue)}), Holm-adjusted over ${run.models.filter((c) => c.kind === 'model').length} models p = ${p(m.holmPValue!)}`;
  if (m.beatsPopularity) return { level: 'signal', text: `${head} beats ${run.popularityBaseline} (${tail}; alpha ${run.alpha}).` };
  if (d.estimate > 0)
    return {
      level: 'no_signal',
      text: `${head} does not beat ${run.popularityBaseline} after the correction (${tail}). Do not ship it over ${run.popularityBaseline}.`,
    };
  return {
    level: 'no_signal',
    text: `${head} does not beat ${run.popularityBaseline} (${tail}). ${run.popularityBaseline} is the better recommender here.`,
  };
}

export function buildModelCard(
  run: RecommendRun,
  m: FittedModel,
  info: RecommendRunInfo,
  asOfDate: string,
): ModelCard & { plainVerdict: string; best: boolean } {
  const ceiling = run.models.find((c) => c.kind === 'ceiling');
  const verdict = plainVerdict(run, m);
  const caveats = [
    splitText(run, info),
    'Bootstrap intervals resample the test users with the model fixed; the paired test compares per-user NDCG@10 of this model and the strongest baseline on the same users.',
    `${describeCap('Test users scored (every model, the same users)', run.evaluatedUsers)}; the intervals are those of that many users.`,
    `The strongest baseline, ${run.popularityBaseline}, was ${run.baselineChoice.reason}.`,
    `"Beats ${run.popularityBaseline}" needs the larger of the paired bootstrap and sign test p, Holm-adjusted over the models compared, at most ${run.alpha}, and the difference CI above 0.`,
    `${run.coldStartUsers} of ${run.holdout.testUsers.length} test users had no history before the cutoff; every model is evaluated serving them the cold-start list (recent popularity), as they are served.`,
    'Offline ranking metrics are not comparable with the logged CTR of the production algorithms (ml.metrics kind "logged"): different questions, different denominators.',
    'The best model is chosen on the test window, so its score is slightly optimistic.',
  ];
  if ((m.name === 'bpr' || m.name === 'ncf_gmf') && run.sgdSamplesPerEpoch < run.nTrainInteractions)
    caveats.push(
      `Each SGD epoch drew ${run.sgdSamplesPerEpoch.toLocaleString('en-US')} samples (cap ML_SETTINGS.recommend.maxSgdSamplesPerEpoch), not one per training entry (${run.nTrainInteractions.toLocaleString('en-US')}): fewer updates per user than on a smaller log.`,
    );
  if (m.name === 'ncf_gmf')
    caveats.push(
      'NCF here is GMF only (no MLP tower); on the library benchmark it stays below popularity and it is kept only to report the comparison.',
    );
  if (!ceiling) caveats.push('No ground truth: the best achievable score is unknown.');
  const nd = m.evaluation.summary.ndcg;
  return {
    useCase: USE_CASE,
    model: { name: m.name, params: m.params },
    trainedAt: info.trainedAt,
    dataWindow: {
      asOfDate,
      labelWindowDays: 0,
      featureStart: null,
      trainRows: run.nTrainInteractions,
      testRows: run.nTestInteractions,
      positiveRateTrain: Number.NaN,
      positiveRateTest: Number.NaN,
      split: splitText(run, info),
    },
    features: [],
    metrics: [
      ...RANKING_METRICS.map((metric) => ({ name: metricName(metric), ci: m.evaluation.summary[metric] })),
      { name: 'catalogue_coverage', ci: point(m.evaluation.coverage) },
    ],
    baselines: run.models
      .filter((b) => b.kind === 'baseline')
      .map((b) => ({
        name: b.name,
        metrics: RANKING_METRICS.map((metric) => ({ name: metricName(metric), ci: b.evaluation.summary[metric] })),
      })),
    ceiling: ceiling
      ? {
          metric: `ndcg_at_${K}`,
          score: nd.estimate,
          ceiling: ceiling.evaluation.summary.ndcg.estimate,
          ratio: nd.estimate / ceiling.evaluation.summary.ndcg.estimate,
          aboveChance: Number.NaN,
        }
      : undefined,
    caveats,
    verdict,
    plainVerdict: verdict.text,
    best: m === run.best,
  };
}

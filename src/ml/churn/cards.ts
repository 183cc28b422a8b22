// The churn model cards (pure; step.ts writes them): one per learned model and one for the recency
// reference, both stating the same data window and ceiling. Split from report.ts, which keeps the
// table rows.
import { cardMetrics, type ModelCard } from '../core/model_card.js';
import type { ChurnModelResult, ChurnRun, RecencyReference } from './train.js';
import { SPLIT_TEXT, USE_CASE, type ChurnRunInfo } from './run-info.js';
import { labelText, plainVerdict, recencyVerdict } from './verdicts.js';

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
  run: { split: { train: ArrayLike<unknown> }; evaluated: { rows: ArrayLike<unknown> }; positiveRate: { train: number; test: number } },
) {
  return {
    asOfDate: info.asOfDate,
    labelWindowDays: info.labelWindowDays,
    featureStart: null,
    trainRows: run.split.train.length,
    testRows: run.evaluated.rows.length,
    positiveRateTrain: run.positiveRate.train,
    positiveRateTest: run.positiveRate.test,
    split: SPLIT_TEXT,
  };
}

// ml.sentiment's report: the verdict per model, metric rows (overall and the hard subsets) and the
// model cards, with the caveats that say why the scores look the way they do.
import type { ConfidenceInterval } from '../core/bootstrap.js';
import type { ModelCard } from '../core/model_card.js';
import type { VerdictLevel } from '../core/verdict.js';
import type { Row } from '../publish/publish.js';
import { ML_SETTINGS } from '../settings.js';
import type { SentimentModelResult, SentimentRun } from './train.js';

export const USE_CASE = 'sentiment';

const SPLIT = 'Reviews split at random into train (70%) and test (30%), stratified by the source label and seeded.';
export const LABEL_NOTE = 'The source sentiment is a function of the star rating (<= 2 negative, 3 neutral, >= 4 positive), so the star-rating baseline is exact by construction; '
  + 'the text models are evaluated on predicting that label from the review text alone.';
export const NEAR_PERFECT = 'Near-perfect on this data because the generator composes each review from phrase banks specific to its rating class (negations and mixed opinions included), '
  + 'so the words determine the label; expect far lower scores on real reviews.';
const NO_TRANSFORMER = 'No transformer model: none can run offline here (no npm package ships sentiment weights). SentimentModel (src/ml/sentiment/models.ts) is the plug-in point for one.';

export function verdict(run: SentimentRun, r: SentimentModelResult): { level: VerdictLevel; text: string } {
  const f = r.overall.macroF1;
  const floor = run.majority.overall.macroF1.estimate;
  const s = (x: ConfidenceInterval) => `${x.estimate.toFixed(3)} [${x.lower.toFixed(3)}, ${x.upper.toFixed(3)}]`;
  const head = `${r.model.name}: macro-F1 ${s(f)}, accuracy ${s(r.overall.accuracy)} on ${r.overall.n} held-out reviews`;
  if (r.model.name === 'star_rating') return { level: 'signal', text: `${head}: exact by construction: the label is defined from the rating, so this is not a text model` };
  if (r.kind === 'baseline') return { level: 'no_signal', text: `${head} (baseline)` };
  const perm = r.overall.permutation;
  const chance = `permutation p = ${perm.pValue.toFixed(4)}, chance macro-F1 ${perm.nullMean.toFixed(3)}, majority class ${floor.toFixed(3)}`;
  // Signal needs both: unlikely under shuffled labels, and an interval clear of chance and the majority baseline.
  if (perm.pValue <= ML_SETTINGS.alpha && f.lower > Math.max(floor, perm.nullMean)) return { level: 'signal', text: `${head}: better than chance (${chance})` };
  if (perm.pValue <= ML_SETTINGS.alpha) return { level: 'weak_signal', text: `${head}: weak evidence (${chance})` };
  return { level: 'no_signal', text: `${head}: no evidence the text predicts the label (${chance})` };
}

export function metricRows(run: SentimentRun, runId: string): Row[] {
  const rows: Row[] = [];
  for (const r of run.results) {
    const b = { run_id: runId, use_case: USE_CASE, model: r.model.name, kind: r.kind };
    const push = (metric: string, ci: ConfidenceInterval) => rows.push({ ...b, metric, value: ci.estimate, ci_low: ci.lower, ci_high: ci.upper });
    push('macro_f1', r.overall.macroF1);
    push('accuracy', r.overall.accuracy);
    rows.push({ ...b, metric: 'permutation_p_value', value: r.overall.permutation.pValue, ci_low: null, ci_high: null });
    rows.push({ ...b, metric: 'macro_f1_chance', value: r.overall.permutation.nullMean, ci_low: null, ci_high: null });
    for (const [name, s] of Object.entries(r.subsets)) {
      if (!s) continue;
      push(`macro_f1_${name}`, s.macroF1);
      push(`accuracy_${name}`, s.accuracy);
      rows.push({ ...b, metric: `n_${name}`, value: s.n, ci_low: null, ci_high: null });
    }
  }
  return rows;
}

export function card(run: SentimentRun, r: SentimentModelResult, trainedAt: string, asOfDate: string): ModelCard & { plainVerdict: string } {
  const v = verdict(run, r);
  const metrics = [{ name: 'macro_f1', ci: r.overall.macroF1 }, { name: 'accuracy', ci: r.overall.accuracy }];
  for (const [name, s] of Object.entries(r.subsets)) if (s) metrics.push({ name: `macro_f1_${name}`, ci: s.macroF1 });
  return {
    useCase: USE_CASE, model: { name: r.model.name, params: r.model.params() }, trainedAt,
    dataWindow: { asOfDate, labelWindowDays: 0, featureStart: null, trainRows: run.split.train.length, testRows: run.split.test.length,
      positiveRateTrain: run.labelShares.positive, positiveRateTest: Number.NaN, split: SPLIT },
    features: [{ name: r.model.textOnly ? 'review_text' : 'rating' }],
    metrics,
    baselines: run.results.filter((b) => b.kind === 'baseline').map((b) => ({ name: b.model.name, metrics: [{ name: 'macro_f1', ci: b.overall.macroF1 }] })),
    caveats: [SPLIT, LABEL_NOTE, NO_TRANSFORMER,
      'Hard subsets: "negation" = texts with not/no/never/n\'t; "mixed" = texts with but/though/however (the generator composes mixed opinions that way).',
      'Subset "unseen_text": held-out reviews whose exact text never occurs in train (templated texts repeat).',
      'Bootstrap intervals resample the held-out reviews with the model fixed.',
      ...(r.model.textOnly && r.overall.macroF1.estimate >= 0.99 ? [NEAR_PERFECT] : [])],
    verdict: v, plainVerdict: v.text,
  };
}

export function modelRunRows(run: SentimentRun, info: { runId: string; trainedAt: string; asOfDate: string; seed: number }): Row[] {
  return run.results.map((r) => ({
    run_id: info.runId, use_case: USE_CASE, model: r.model.name, trained_at: info.trainedAt, as_of_date: info.asOfDate, label_window_days: null,
    data_window: 'all reviews with text', n_train: run.split.train.length, n_test: run.split.test.length, seed: info.seed,
    params: JSON.stringify(r.model.params()), fit_seconds: r.fitSeconds,
  }));
}

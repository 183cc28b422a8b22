// ml.sentiment's report: the verdict per model, metric rows (overall and the hard subsets) and the
// model cards, with the caveats that say why the scores look the way they do.
import { describeCap } from '../core/cap.js';
import type { ConfidenceInterval } from '../core/bootstrap.js';
import type { ModelCard } from '../core/model_card.js';
import { holmAdjust, type ClaimLevel } from '../core/claims.js';
import type { Row } from '../publish/publish.js';
import { ML_SETTINGS } from '../settings.js';
import type { SentimentModelResult, SentimentRun } from './train.js';

export const USE_CASE = 'sentiment';

const SPLIT =
  'Reviews split by exact text: every distinct text goes wholly to train or to test (about 30% of the texts of each label to test, seeded), so no held-out text was seen in training.';
export const LABEL_NOTE =
  'The source sentiment is a function of the star rating (<= 2 negative, 3 neutral, >= 4 positive), so the star-rating baseline is exact by construction; ' +
  'the text models are evaluated on predicting that label from the review text alone.';
/** What the texts are like and what the split did, in this run's figures (no fixed explanation). */
export function textNote(run: SentimentRun): string {
  const t = run.texts;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return (
    `${t.reviews} reviews carry ${t.distinctTexts} distinct texts (the most repeated appears ${t.maxRepeats} times; ${t.textsWithOneLabel} of the ${t.distinctTexts} texts always carry the same label). ` +
    `Held-out reviews whose text occurs in train: ${pct(t.testSeenShare)} with the split by text; a plain row split with the same seed would have put ${pct(t.rowSplitSeenShare)} of them there.`
  );
}
const NO_TRANSFORMER =
  'No transformer model: none can run offline here (no npm package ships sentiment weights). SentimentModel (src/ml/sentiment/models.ts) is the plug-in point for one.';

/** Permutation p of each text model after Holm's correction over the text models (NaN for baselines). */
export function holmByModel(run: SentimentRun): Map<SentimentModelResult, number> {
  const models = run.results.filter((r) => r.kind === 'model');
  const adjusted = holmAdjust(models.map((r) => r.overall.permutation.pValue));
  return new Map(models.map((r, k) => [r, adjusted[k]]));
}

export function verdict(run: SentimentRun, r: SentimentModelResult): { level: ClaimLevel; text: string } {
  const f = r.overall.macroF1;
  const floor = run.majority.overall.macroF1.estimate;
  const s = (x: ConfidenceInterval) => `${x.estimate.toFixed(3)} [${x.lower.toFixed(3)}, ${x.upper.toFixed(3)}]`;
  const head = `${r.model.name}: macro-F1 ${s(f)}, accuracy ${s(r.overall.accuracy)} on ${r.overall.n} held-out reviews (texts unseen in training)`;
  if (r.model.name === 'star_rating')
    return { level: 'ceiling', text: `${head}: exact by construction: the label is defined from the rating, so this is not a text model` };
  if (r.kind === 'baseline') return { level: 'baseline', text: `${head} (baseline)` };
  const perm = r.overall.permutation;
  const adjusted = holmByModel(run).get(r) ?? Number.NaN;
  const chance = `permutation p = ${perm.pValue.toFixed(4)}, Holm-adjusted over the text models ${adjusted.toFixed(4)}, chance macro-F1 ${perm.nullMean.toFixed(3)}, majority class ${floor.toFixed(3)}`;
  // Signal needs both: unlikely under shuffled labels after the correction, and an interval clear of chance and the majority baseline.
  if (adjusted <= ML_SETTINGS.alpha && f.lower > Math.max(floor, perm.nullMean))
    return { level: 'signal', text: `${head}: better than chance (${chance})` };
  return { level: 'no_signal', text: `${head}: no clear evidence the text predicts the label (${chance})` };
}

export function metricRows(run: SentimentRun, runId: string): Row[] {
  const rows: Row[] = [];
  for (const r of run.results) {
    const b = { run_id: runId, use_case: USE_CASE, model: r.model.name, kind: r.kind };
    const push = (metric: string, ci: ConfidenceInterval) =>
      rows.push({ ...b, metric, value: ci.estimate, ci_low: ci.lower, ci_high: ci.upper });
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
  const holm = holmByModel(run);
  for (const [r, p] of holm)
    rows.push({
      run_id: runId,
      use_case: USE_CASE,
      model: r.model.name,
      kind: r.kind,
      metric: 'holm_permutation_p_value',
      value: p,
      ci_low: null,
      ci_high: null,
    });
  const t = run.texts;
  const b = { run_id: runId, use_case: USE_CASE, model: 'all models', kind: 'run', ci_low: null, ci_high: null };
  rows.push({ ...b, metric: 'distinct_texts', value: t.distinctTexts });
  rows.push({ ...b, metric: 'test_texts_seen_in_train_share', value: t.testSeenShare });
  rows.push({ ...b, metric: 'row_split_test_texts_seen_share', value: t.rowSplitSeenShare });
  return rows;
}

export function card(
  run: SentimentRun,
  r: SentimentModelResult,
  trainedAt: string,
  asOfDate: string,
): ModelCard & { plainVerdict: string } {
  const v = verdict(run, r);
  const metrics = [
    { name: 'macro_f1', ci: r.overall.macroF1 },
    { name: 'accuracy', ci: r.overall.accuracy },
  ];
  for (const [name, s] of Object.entries(r.subsets)) if (s) metrics.push({ name: `macro_f1_${name}`, ci: s.macroF1 });
  return {
    useCase: USE_CASE,
    model: { name: r.model.name, params: r.model.params() },
    trainedAt,
    dataWindow: {
      asOfDate,
      labelWindowDays: 0,
      featureStart: null,
      trainRows: run.split.train.length,
      testRows: run.split.test.length,
      positiveRateTrain: run.labelShares.positive,
      positiveRateTest: Number.NaN,
      split: SPLIT,
    },
    features: [{ name: r.model.textOnly ? 'review_text' : 'rating' }],
    metrics,
    baselines: run.results
      .filter((b) => b.kind === 'baseline')
      .map((b) => ({ name: b.model.name, metrics: [{ name: 'macro_f1', ci: b.overall.macroF1 }] })),
    caveats: [
      SPLIT,
      textNote(run),
      LABEL_NOTE,
      NO_TRANSFORMER,
      'Hard subsets: "negation" = texts with not/no/never/n\'t; "mixed" = texts with but/though/however (the generator composes mixed opinions that way).',
      'Subset "unseen_text": held-out reviews whose exact text never occurs in train (all of them, with the split by text).',
      'Bootstrap intervals resample the held-out reviews with the model fixed.',
      `${describeCap('Held-out reviews scored', run.evaluated)}; the intervals and tests are those of that many reviews.`,
      describeCap('Train-split reviews the models learned from', run.trained),
    ],
    verdict: v,
    plainVerdict: v.text,
  };
}

export function modelRunRows(run: SentimentRun, info: { runId: string; trainedAt: string; asOfDate: string; seed: number }): Row[] {
  return run.results.map((r) => ({
    run_id: info.runId,
    use_case: USE_CASE,
    model: r.model.name,
    trained_at: info.trainedAt,
    as_of_date: info.asOfDate,
    label_window_days: null,
    data_window: 'all reviews with text',
    n_train: run.split.train.length,
    n_test: run.split.test.length,
    seed: info.seed,
    params: JSON.stringify(r.model.params()),
    fit_seconds: r.fitSeconds,
  }));
}

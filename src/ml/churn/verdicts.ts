// The churn report's sentences, each computed from this run's figures: a model's plain verdict, how it
// compares with the recency reference, the reference's own sentence and what the label is. Split from
// report.ts so the wording sits in one place apart from the table rows and card structure.
import type { ChurnModelResult, ChurnRun, RecencyReference } from './train.js';
import { ML_SETTINGS } from '../settings.js';
import type { ChurnRunInfo } from './run-info.js';

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

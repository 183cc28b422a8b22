// What every part of the churn report states about the run (its id, dates, seed, where the ceiling came
// from), the use-case name and the split sentence: one source for the rows (report.ts), the sentences
// (verdicts.ts) and the cards (cards.ts).
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

// Checks are data: a record that compiles to one SQL query and yields one meta.check_results row.

/** warn keeps the row; drop moves failing rows to quarantine with the reason code; fail stops downstream. */
export type CheckAction = 'warn' | 'drop' | 'fail';

export type CheckKind =
  | 'not_null'
  | 'unique'
  | 'accepted_values'
  | 'range'
  | 'relationship'
  | 'expression'
  | 'completeness'
  | 'freshness'
  | 'row_count'
  | 'distribution_drift'
  /** Recorded by the runner itself (bronze = silver + dedup log + quarantine), never compiled. */
  | 'conservation'
  /** Recorded by bronze itself per batch (share of lines quarantined), never compiled. */
  | 'quarantine_share';

export interface CheckDefinition {
  /** Stable name, unique within the dataset, e.g. 'age_plausible'. */
  name: string;
  kind: CheckKind;
  /** Table the check guards (schema.table). */
  dataset: string;
  column?: string;
  action: CheckAction;
  /** Reason code written to quarantine / flags, e.g. 'AGE_OUT_OF_RANGE'. */
  reasonCode: string;
  description: string;
  /** Kind-specific parameters: values, min, max, expression (a SQL predicate true for good rows), to (table.column) ... */
  params?: Record<string, unknown>;
}

export interface CheckResult {
  runId: string;
  layer: string;
  dataset: string;
  check: string;
  kind: CheckKind;
  action: CheckAction;
  passedRecords: number;
  failedRecords: number;
  /** Up to a handful of failing keys, for the report. */
  sample: string[];
  passed: boolean;
}

/**
 * A check's verdict in three words: pass; warn when it found bad records and its action keeps or
 * quarantines them (warn, drop); fail when it found them and its action stops the run (fail).
 */
export type CheckStatus = 'pass' | 'warn' | 'fail';

export function checkStatus(passed: boolean, action: CheckAction | string): CheckStatus {
  if (passed) return 'pass';
  return action === 'fail' ? 'fail' : 'warn';
}

/** The same verdict as SQL over meta.check_results columns `passed` and `action`, and a sort rank (fail first). */
export const CHECK_STATUS_SQL = "CASE WHEN passed THEN 'pass' WHEN action = 'fail' THEN 'fail' ELSE 'warn' END";
export const CHECK_STATUS_RANK_SQL = "CASE WHEN passed THEN 2 WHEN action = 'fail' THEN 0 ELSE 1 END";

// Alerts in the spirit of profiling tools (ydata-profiling's "alerts"): each a rule over one
// column's profile or a table's check results, with a severity and a sentence a reader can act on.
import type { ColumnProfile } from '../profile.js';
import { formatNumber, formatPct } from './escape.js';
import type { FailingRows } from './failing-rows.js';

export type AlertSeverity = 'info' | 'warning' | 'error';

export interface Alert {
  severity: AlertSeverity;
  code: string;
  column?: string;
  message: string;
}

/** Thresholds, named so the report can print them. */
export const ALERT_THRESHOLDS = {
  highMissing: 0.2,
  blankRateTolerance: 0.05,
  nearUnique: 0.95,
  nearUniqueMinDistinct: 50,
  outlierIqrs: 3,
  skew: 1,
} as const;

export function columnAlerts(p: ColumnProfile): Alert[] {
  const alerts: Alert[] = [];
  const nonBlank = p.rowCount - p.blankCount;
  const structural = p.structuralBlankCount ?? 0;
  if (p.rowCount === 0) return alerts;
  if (p.expectedBlankPct !== null && Math.abs(p.blankPct - p.expectedBlankPct) > ALERT_THRESHOLDS.blankRateTolerance) {
    alerts.push({
      severity: 'warning',
      code: 'BLANK_RATE_MISMATCH',
      column: p.column,
      message: `${p.column} is blank in ${formatPct(p.blankPct)} of rows; the contract expects ${formatPct(p.expectedBlankPct)}`,
    });
  }
  if (p.blankPct > ALERT_THRESHOLDS.highMissing) {
    const expected = p.expectedBlankPct !== null && Math.abs(p.blankPct - p.expectedBlankPct) <= ALERT_THRESHOLDS.blankRateTolerance;
    alerts.push({
      severity: expected ? 'info' : 'warning',
      code: 'HIGH_MISSING',
      column: p.column,
      message:
        `${p.column} has ${formatNumber(p.blankCount, 0)} blanks (${formatPct(p.blankPct)})` +
        (structural > 0 ? `, of which ${formatNumber(structural, 0)} are structural (not applicable)` : '') +
        (expected ? ', as the contract expects' : ''),
    });
  }
  if (p.distinctCount === 1 && nonBlank > 1) {
    alerts.push({
      severity: 'warning',
      code: 'CONSTANT',
      column: p.column,
      message: `${p.column} has a single value (${p.topValues[0]?.value ?? p.min ?? ''}) in every non-blank row`,
    });
  }
  if (
    p.kind === 'string' &&
    nonBlank > 0 &&
    p.distinctCount >= ALERT_THRESHOLDS.nearUniqueMinDistinct &&
    p.distinctCount / nonBlank >= ALERT_THRESHOLDS.nearUnique
  ) {
    alerts.push({
      severity: 'info',
      code: 'NEAR_UNIQUE',
      column: p.column,
      message: `${p.column} is nearly unique (${formatNumber(p.distinctCount, 0)} distinct in ${formatNumber(nonBlank, 0)} values): an identifier or free text`,
    });
  }
  if (p.kind === 'numeric' && p.p25 !== null && p.p75 !== null && p.min !== null && p.max !== null) {
    const iqr = p.p75 - p.p25;
    const hi = p.p75 + ALERT_THRESHOLDS.outlierIqrs * iqr;
    const lo = p.p25 - ALERT_THRESHOLDS.outlierIqrs * iqr;
    const max = Number(p.max);
    const min = Number(p.min);
    if (iqr > 0 && (max > hi || min < lo)) {
      alerts.push({
        severity: 'info',
        code: 'OUTLIERS',
        column: p.column,
        message: `${p.column} has values beyond ${ALERT_THRESHOLDS.outlierIqrs}×IQR of the quartiles (range ${p.min}..${p.max}, quartiles ${p.p25}..${p.p75})`,
      });
    }
  }
  if (p.kind === 'numeric' && p.mean !== null && p.p50 !== null && p.stddev !== null && p.stddev > 0) {
    // Pearson's second skewness coefficient: 3 (mean - median) / sd.
    const skew = (3 * (p.mean - p.p50)) / p.stddev;
    if (Math.abs(skew) > ALERT_THRESHOLDS.skew) {
      alerts.push({
        severity: 'info',
        code: 'SKEWED',
        column: p.column,
        message: `${p.column} is skewed ${skew > 0 ? 'right' : 'left'} (mean ${formatNumber(p.mean)} vs median ${formatNumber(p.p50)})`,
      });
    }
  }
  return alerts;
}

export interface CheckSummary {
  layer?: string;
  dataset?: string;
  check: string;
  kind: string;
  column: string | null;
  action: string;
  reasonCode: string | null;
  passedRecords: number;
  failedRecords: number;
  passed: boolean;
  sample: string[];
  /** pass / warn / fail (checkStatus). */
  status?: 'pass' | 'warn' | 'fail';
  /** What the check demands, in words, and the threshold of its verdict. */
  expectation?: string;
  threshold?: string;
  /** Failed records over records checked. */
  failedShare?: number | null;
  /** Failed records in the last runs that ran this check, oldest first. */
  trend?: Array<{ runId: string; failedRecords: number; passed: boolean }>;
  /** A few whole rows that fail the check, personal columns pseudonymised or masked. */
  failingRows?: FailingRows;
}

export function checkAlerts(checks: readonly CheckSummary[]): Alert[] {
  return checks
    .filter((c) => !c.passed)
    .map((c) => ({
      severity: c.action === 'fail' ? 'error' : 'warning',
      code: c.reasonCode ?? 'CHECK_FAILED',
      column: c.column ?? undefined,
      message:
        `check ${c.check} failed on ${formatNumber(c.failedRecords, 0)} record(s)` +
        (c.sample.length ? ` (e.g. ${c.sample.slice(0, 3).join(', ')})` : ''),
    }));
}

export function quarantineAlert(byReason: ReadonlyArray<{ code: string; count: number }>): Alert[] {
  const total = byReason.reduce((s, r) => s + r.count, 0);
  if (total === 0) return [];
  return [
    {
      severity: 'warning',
      code: 'QUARANTINED',
      message: `${formatNumber(total, 0)} line(s) in quarantine: ${byReason.map((r) => `${r.code} ${formatNumber(r.count, 0)}`).join(', ')}`,
    },
  ];
}

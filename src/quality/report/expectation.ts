// A check's expectation in words and its threshold, from its definition (the same record that was
// compiled to SQL), so the report states what was demanded next to what was observed.
import type { CheckDefinition, CheckKind } from '../check.js';

const pct = (v: unknown) => (typeof v === 'number' ? `${Number((v * 100).toFixed(2))}%` : String(v));

/** The threshold a check's verdict compares against, in words. */
export function thresholdText(kind: CheckKind | string, params: Record<string, unknown> | undefined): string {
  const p = params ?? {};
  switch (kind) {
    case 'completeness':
      return `blank share <= ${pct(p.maxBlankRate)}`;
    case 'row_count':
      return `${p.min ?? '-inf'} <= rows <= ${p.max ?? 'inf'}`;
    case 'freshness':
      return `newest date within ${String(p.maxAgeDays)} days before ${String(p.asOf)}`;
    case 'distribution_drift':
      return `every category's share within ±${pct(p.tolerance)} of the reference`;
    case 'range':
      return `${p.min ?? '-inf'} <= value <= ${p.max ?? 'inf'}; 0 records outside`;
    case 'accepted_values':
      return `0 records outside the ${Array.isArray(p.values) ? p.values.length : '?'} allowed values`;
    case 'unique':
      return '0 extra copies';
    case 'conservation':
      return 'bronze rows = silver + dedup log + quarantine';
    default:
      return '0 failing records';
  }
}

/** A generic expectation for a check whose definition is not in the catalog (e.g. an older run's). */
export function genericExpectation(kind: string, column: string | null): string {
  const col = column ?? 'the table';
  switch (kind) {
    case 'not_null':
      return `${col} is never blank`;
    case 'unique':
      return `${col} identifies one row`;
    case 'accepted_values':
      return `${col} holds only allowed values`;
    case 'range':
      return `${col} lies within its range`;
    case 'relationship':
      return `${col} points at an existing parent row`;
    case 'completeness':
      return `${col} is blank no more often than allowed`;
    case 'freshness':
      return 'the table holds recent records';
    case 'row_count':
      return 'the table has the expected number of rows';
    case 'distribution_drift':
      return `${col}'s category shares match the reference`;
    case 'conservation':
      return 'every bronze row is in silver, the dedup log or quarantine';
    default:
      return `${col} satisfies the check`;
  }
}

export interface CheckExpectation {
  expectation: string;
  threshold: string;
}

/** Catalog key of a check: dataset and name. */
export const catalogKey = (dataset: string, check: string) => `${dataset}|${check}`;

export function expectationOf(
  catalog: ReadonlyMap<string, CheckDefinition>,
  dataset: string,
  check: string,
  kind: string,
  column: string | null,
): CheckExpectation {
  const def = catalog.get(catalogKey(dataset, check));
  if (!def) return { expectation: genericExpectation(kind, column), threshold: thresholdText(kind, undefined) };
  return { expectation: def.description, threshold: thresholdText(def.kind, def.params) };
}

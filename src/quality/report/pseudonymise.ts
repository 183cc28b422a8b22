// Sample values in the report never show personal data: a sample of a check on a column the
// contracts declare `pii` (email, first_name, last_name) is replaced by a mask that keeps only the
// value's length, so a reader sees that failing rows exist without learning whose they are.
import { CONTRACTS } from '../../contracts/index.js';

const PII_COLUMNS: ReadonlySet<string> = new Set(CONTRACTS.flatMap((c) => c.columns.filter((col) => col.pii).map((col) => col.name)));

export function isPiiColumn(column: string | null | undefined): boolean {
  return column !== null && column !== undefined && PII_COLUMNS.has(column);
}

/** The sample as shown: unchanged unless the check's column is PII, then each value masked. */
export function maskSample(column: string | null, sample: readonly string[]): string[] {
  if (!isPiiColumn(column)) return [...sample];
  return sample.map((v) => `[${column} masked, ${String(v ?? '').length} chars]`);
}

// Bronze checks, derived from the contracts (never listed by hand per column): completeness against
// the expected blank rate, exact-row and key duplicates (warn: silver resolves them), schema
// compliance (domains, hard ranges, key format), referential integrity, freshness and row counts.
// They are data; src/quality/run-checks.ts compiles and records them.
import type { MarqueeConfig } from '../config.js';
import type { Engine } from '../engine/engine.js';
import { sql } from '../engine/sql.js';
import { CONTRACTS, keyExample, rowsAtScale, type ColumnContract, type TableContract } from '../contracts/index.js';
import type { CheckDefinition } from '../quality/check.js';
import { BRONZE_SETTINGS } from './settings.js';

const { blankRateTolerance, freshnessMaxAgeDays, fileMaxAgeDays, rowCountMinFactor, rowCountMaxFactor } = BRONZE_SETTINGS;

const dataset = (t: TableContract) => `bronze.${t.name}`;

function completeness(t: TableContract, c: ColumnContract): CheckDefinition {
  const maxBlankRate = c.nullable ? Math.min(1, c.expectedBlankRate + blankRateTolerance) : 0;
  return {
    name: `${c.name}_completeness`,
    kind: 'completeness',
    dataset: dataset(t),
    column: c.name,
    action: 'warn',
    reasonCode: c.nullable ? 'BLANK_RATE_HIGH' : 'REQUIRED_BLANK',
    description: c.nullable
      ? `${c.name} is blank in at most ${(maxBlankRate * 100).toFixed(0)}% of rows (contract expects ${(c.expectedBlankRate * 100).toFixed(0)}%)`
      : `${c.name} is never blank (required by the contract)`,
    params: { maxBlankRate },
  };
}

/** Range bounds the check compiler accepts (numbers, 'YYYY-MM-DD'); timestamps become an expression. */
function rangeCheck(t: TableContract, c: ColumnContract): CheckDefinition | undefined {
  if (!c.range || c.type === 'string' || c.type === 'boolean') return undefined;
  const base = { name: `${c.name}_in_range`, dataset: dataset(t), column: c.name, action: 'warn' as const, reasonCode: 'OUT_OF_RANGE' };
  const description = `${c.name} lies within the contract range ${c.range.min ?? '-inf'}..${c.range.max ?? 'inf'}`;
  if (c.type === 'timestamp') {
    const parts: string[] = [];
    if (c.range.min !== undefined) parts.push(`${c.name} >= CAST('${c.range.min}' AS TIMESTAMP)`);
    if (c.range.max !== undefined) parts.push(`${c.name} <= CAST('${c.range.max}' AS TIMESTAMP)`);
    return { ...base, kind: 'expression', description, params: { expression: parts.join(' AND ') } };
  }
  return { ...base, kind: 'range', description, params: { min: c.range.min, max: c.range.max } };
}

function keyFormat(t: TableContract, c: ColumnContract): CheckDefinition | undefined {
  if (!c.keyFormat) return undefined;
  const { prefix, minDigits } = c.keyFormat;
  const digits = `substr(${c.name}, ${prefix.length + 1})`;
  // Exact, and portable without regexes: the prefix (case-sensitive), then only digits, at least
  // minDigits of them. No cast is involved, so a space, a sign or '1e3' cannot slip through.
  return {
    name: `${c.name}_format`,
    kind: 'expression',
    dataset: dataset(t),
    column: c.name,
    action: 'warn',
    reasonCode: 'BAD_KEY_FORMAT',
    description: `${c.name} looks like ${keyExample(c.keyFormat)}`,
    params: {
      expression: `substr(${c.name}, 1, ${prefix.length}) = '${prefix}' AND length(${digits}) >= ${minDigits} AND translate(${digits}, '0123456789', '') = ''`,
    },
  };
}

/** Every bronze check for the given contracts (default: all six). */
export function bronzeChecks(
  config: Pick<MarqueeConfig, 'asOfDate' | 'scale'>,
  contracts: readonly TableContract[] = CONTRACTS,
): CheckDefinition[] {
  const checks: CheckDefinition[] = [];
  for (const t of contracts) {
    const expected = rowsAtScale(t, config.scale).total;
    const [min, max] = [Math.floor(expected * rowCountMinFactor), expected * rowCountMaxFactor];
    checks.push({
      name: 'not_empty',
      kind: 'row_count',
      dataset: dataset(t),
      action: 'fail',
      reasonCode: 'EMPTY_TABLE',
      description: `${t.name} has at least one row (an empty source cannot feed silver)`,
      params: { min: 1 },
    });
    checks.push({
      name: 'row_count_expected',
      kind: 'row_count',
      dataset: dataset(t),
      action: 'warn',
      reasonCode: 'ROW_COUNT_UNEXPECTED',
      description: `${t.name} has about ${expected} rows at scale ${config.scale} (${min} to ${max} accepted)`,
      params: { min, max },
    });
    checks.push({
      name: 'exact_duplicate_rows',
      kind: 'unique',
      dataset: dataset(t),
      column: '_row_hash',
      action: 'warn',
      reasonCode: 'DUPLICATE_ROW',
      description:
        'no two rows have identical field values; failed records are the extra copies, rows beyond the first of each identical row (kept in bronze, removed in silver)',
      params: { key: t.primaryKey },
    });
    checks.push({
      name: `${t.primaryKey}_unique`,
      kind: 'unique',
      dataset: dataset(t),
      column: t.primaryKey,
      action: 'warn',
      reasonCode: 'DUPLICATE_KEY',
      description: `${t.primaryKey} identifies one row; failed records are the extra copies, rows beyond the first per key (resolved in silver)`,
    });
    if (t.eventDateColumn) {
      checks.push({
        name: `${t.eventDateColumn}_fresh`,
        kind: 'freshness',
        dataset: dataset(t),
        column: t.eventDateColumn,
        action: 'warn',
        reasonCode: 'STALE_DATA',
        description: `the newest ${t.eventDateColumn} lies within ${freshnessMaxAgeDays} days before the as-of date ${config.asOfDate}`,
        params: { asOf: config.asOfDate, maxAgeDays: freshnessMaxAgeDays },
      });
    }
    for (const c of t.columns) {
      checks.push(completeness(t, c));
      if (c.allowedValues && c.type === 'string') {
        checks.push({
          name: `${c.name}_in_domain`,
          kind: 'accepted_values',
          dataset: dataset(t),
          column: c.name,
          action: 'warn',
          reasonCode: 'NOT_IN_DOMAIN',
          description: `${c.name} is one of ${c.allowedValues.join(', ')}`,
          params: { values: [...c.allowedValues], key: t.primaryKey },
        });
      }
      const range = rangeCheck(t, c);
      if (range) checks.push({ ...range, params: { ...range.params, key: t.primaryKey } });
      const format = keyFormat(t, c);
      if (format) checks.push(format);
      if (c.foreignKey) {
        checks.push({
          name: `${c.name}_exists_in_${c.foreignKey.table}`,
          kind: 'relationship',
          dataset: dataset(t),
          column: c.name,
          action: 'warn',
          reasonCode: 'ORPHAN_KEY',
          description: `every ${c.name} exists in ${c.foreignKey.table}.${c.foreignKey.column}`,
          params: { to: `bronze.${c.foreignKey.table}.${c.foreignKey.column}` },
        });
      }
    }
  }
  return checks;
}

/**
 * File age is a fact about the file, not the table, so no SQL check can see it: it is recorded here
 * as one meta.check_results row per ingested file (kind freshness, check file_age, warn).
 */
export async function recordFileAge(
  engine: Engine,
  runId: string,
  file: { table: string; file: string; fileModifiedAt: Date },
  ingestedAt: Date,
): Promise<{ ageDays: number; passed: boolean }> {
  const ageDays = (ingestedAt.getTime() - file.fileModifiedAt.getTime()) / 86_400_000;
  const passed = ageDays <= fileMaxAgeDays;
  const sample = JSON.stringify(
    passed ? [] : [`${file.file} last modified ${file.fileModifiedAt.toISOString()}, ${ageDays.toFixed(1)} days before ingestion`],
  );
  await engine.exec(sql`INSERT INTO meta.check_results
    (run_id, layer, dataset, check_name, kind, column_name, action, reason_code, passed_records, failed_records, passed, sample, checked_at)
    VALUES (${runId}, 'bronze', ${`bronze.${file.table}`}, 'file_age', 'freshness', NULL, 'warn', 'STALE_FILE',
      ${passed ? 1 : 0}, ${passed ? 0 : 1}, ${passed}, ${sample}, current_timestamp)`);
  return { ageDays, passed };
}

// Column descriptions and standard checks shared by the silver models' meta files, generated from
// the strategy table, the contracts and the anomaly rules so each fact is written once.
import { contractFor, type SourceTableName } from '../contracts/index.js';
import type { CheckDefinition } from '../quality/check.js';
import { ruleChecks } from './anomaly-rules.js';
import { childrenOf, hasInferredMembers } from './inferred.js';
import { IMPUTATIONS, describeStrategy, flagColumn } from './imputation-strategies.js';

/** Descriptions of the indicator columns of one table's imputed / left-blank columns. */
export function imputationColumns(table: SourceTableName): Record<string, string> {
  return Object.fromEntries(
    IMPUTATIONS.filter((i) => i.table === table).map((i) => [
      flagColumn(i),
      i.strategy.kind === 'leave_blank'
        ? `True where ${i.column} is blank (left blank on purpose).`
        : `True where ${i.column} was blank and filled by: ${describeStrategy(i)}.`,
    ]),
  );
}

/** A contract column's description (silver keeps the source's meaning). */
export function sourceColumn(table: SourceTableName, column: string, extra = ''): string {
  const found = contractFor(table).columns.find((c) => c.name === column);
  if (!found) throw new Error(`Contract '${table}' has no column '${column}'`);
  return extra ? `${found.description} ${extra}` : found.description;
}

export const LINEAGE_COLUMNS: Record<string, string> = {
  _batch_id: 'Bronze ingestion batch of the surviving row.',
  _source_file: 'CSV file the row came from.',
  _line_number: 'Line of the surviving row in its file.',
  _row_hash: "Hash of the row's source field values.",
};

/** Primary key unique and present (fail: dedup guarantees it) plus the table's anomaly rules. */
// No relationship checks here: a check reading silver.users from silver.watch_history would be a
// dependency the DAG cannot see (models name upstreams only through ref). Bronze checks foreign keys.
export function silverChecks(table: SourceTableName): CheckDefinition[] {
  const contract = contractFor(table);
  const dataset = `silver.${table}`;
  const checks: CheckDefinition[] = [
    {
      name: `${contract.primaryKey}_unique`,
      kind: 'unique',
      dataset,
      column: contract.primaryKey,
      action: 'fail',
      reasonCode: 'DUPLICATE_KEY',
      description: 'One row per key after deduplication.',
    },
    {
      name: `${contract.primaryKey}_not_null`,
      kind: 'not_null',
      dataset,
      column: contract.primaryKey,
      action: 'fail',
      reasonCode: 'MISSING_KEY',
      description: 'Every row has its key.',
    },
  ];
  if (hasInferredMembers(table)) checks.push(inferredMemberCheck(table));
  return [...checks, ...ruleChecks(dataset)];
}

/** Description of the is_inferred column of a parent table. */
export function inferredColumn(table: SourceTableName): Record<string, string> {
  const children = childrenOf(table)
    .map((c) => `${c.table}.${c.column}`)
    .join(', ');
  return {
    is_inferred: `True for an inferred member: a ${contractFor(table).primaryKey} named by ${children} but absent from ${table}; every attribute NULL until the real row arrives.`,
  };
}

/** Warns with the count and a sample of the keys silver had to infer (the child rows keep flowing). */
function inferredMemberCheck(table: SourceTableName): CheckDefinition {
  const key = contractFor(table).primaryKey;
  return {
    name: `${key}_not_inferred`,
    kind: 'expression',
    dataset: `silver.${table}`,
    column: key,
    action: 'warn',
    reasonCode: 'INFERRED_MEMBER',
    description: `Every ${key} child rows name exists in ${table}; a missing one is added as an inferred member (is_inferred) and the child rows are kept.`,
    params: { expression: 'NOT is_inferred', key },
  };
}

/**
 * Columns and checks of silver.<table>_history (type-2 history, one row per version of a key; SQL
 * in src/silver/versions.ts versionHistorySql).
 */
export function historyMeta(table: SourceTableName): { description: string; columns: Record<string, string>; checks: CheckDefinition[] } {
  const contract = contractFor(table);
  const dataset = `silver.${table}_history`;
  const columns: Record<string, string> = {};
  for (const c of contract.columns) {
    if (c.pii)
      columns[`${c.name}_pseudonym`] = `Keyed pseudonym (HMAC-SHA256) of ${c.name} as this version had it (raw value stays in bronze).`;
    else columns[c.name] = `${c.description} As this version had it (typed as in bronze, not cleaned).`;
  }
  Object.assign(columns, {
    version: `1, 2 ... per ${contract.primaryKey}, in arrival order (later batch, then later line).`,
    valid_from:
      'When the version took effect: the month in its file name (users_2025_07.csv -> 2025-07-01), else when its batch was loaded.',
    valid_to: 'When the next version took effect; NULL while this version is current.',
    is_current: `True for the version silver.${table} holds.`,
    batch_id: 'Bronze batch the version arrived in.',
    _source_file: 'CSV file the version came from.',
    _line_number: 'Line of the version in its file.',
    _row_hash: "Hash of the version's source field values.",
  });
  return {
    description: `Every version of every ${contract.primaryKey} of ${table} (type-2 history: valid_from, valid_to, is_current, batch); exact re-sends are not versions.`,
    columns,
    checks: [
      {
        name: 'one_row_per_version',
        kind: 'unique',
        dataset,
        column: contract.primaryKey,
        action: 'fail',
        reasonCode: 'DUPLICATE_VERSION',
        description: 'One row per key and version.',
        params: { columns: [contract.primaryKey, 'version'] },
      },
      {
        name: 'valid_to_not_before_valid_from',
        kind: 'expression',
        dataset,
        action: 'warn',
        reasonCode: 'VERSION_OUT_OF_ORDER',
        description: 'A version ends no earlier than it starts (files named for months arrive in month order).',
        params: { expression: 'valid_to IS NULL OR valid_to >= valid_from', key: contract.primaryKey },
      },
    ],
  };
}

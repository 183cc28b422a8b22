// Column descriptions and standard checks shared by the silver models' meta files, generated from
// the strategy table, the contracts and the anomaly rules so each fact is written once.
import { contractFor, type SourceTableName } from '../contracts/index.js';
import type { CheckDefinition } from '../quality/check.js';
import { ruleChecks } from './anomaly-rules.js';
import { IMPUTATIONS, describeStrategy, flagColumn } from './imputation-strategies.js';

/** Descriptions of the indicator columns of one table's imputed / left-blank columns. */
export function imputationColumns(table: SourceTableName): Record<string, string> {
  return Object.fromEntries(IMPUTATIONS.filter((i) => i.table === table).map((i) => [
    flagColumn(i),
    i.strategy.kind === 'leave_blank'
      ? `True where ${i.column} is blank (left blank on purpose).`
      : `True where ${i.column} was blank and filled by: ${describeStrategy(i)}.`,
  ]));
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
  _row_hash: 'Hash of the row\'s source field values.',
};

/** Primary key unique and present (fail: dedup guarantees it) plus the table's anomaly rules. */
// No relationship checks here: a check reading silver.users from silver.watch_history would be a
// dependency the DAG cannot see (models name upstreams only through ref). Bronze checks foreign keys.
export function silverChecks(table: SourceTableName): CheckDefinition[] {
  const contract = contractFor(table);
  const dataset = `silver.${table}`;
  const checks: CheckDefinition[] = [
    { name: `${contract.primaryKey}_unique`, kind: 'unique', dataset, column: contract.primaryKey, action: 'fail', reasonCode: 'DUPLICATE_KEY', description: 'One row per key after deduplication.' },
    { name: `${contract.primaryKey}_not_null`, kind: 'not_null', dataset, column: contract.primaryKey, action: 'fail', reasonCode: 'MISSING_KEY', description: 'Every row has its key.' },
  ];
  return [...checks, ...ruleChecks(dataset)];
}

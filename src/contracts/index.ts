// The six source contracts, in load order (dimensions before the events that reference them).
import type { ColumnContract, SourceTableName, TableContract } from './types.js';
import { users } from './users.js';
import { movies } from './movies.js';
import { watchHistory } from './watch_history.js';
import { recommendationLogs } from './recommendation_logs.js';
import { searchLogs } from './search_logs.js';
import { reviews } from './reviews.js';

export * from './types.js';
export * from './domains.js';

export const CONTRACTS: readonly TableContract[] = [users, movies, watchHistory, recommendationLogs, searchLogs, reviews];

export const SOURCE_TABLES: readonly SourceTableName[] = CONTRACTS.map((c) => c.name);

export function contractFor(table: SourceTableName): TableContract {
  const found = CONTRACTS.find((c) => c.name === table);
  if (!found) throw new Error(`No contract for source table '${table}'`);
  return found;
}

export function columnOf(table: SourceTableName, column: string): ColumnContract {
  const found = contractFor(table).columns.find((c) => c.name === column);
  if (!found) throw new Error(`Contract '${table}' has no column '${column}'`);
  return found;
}

/** Rows in the file at a scale: unique rows plus the appended block of exact copies. */
export function rowsAtScale(contract: TableContract, scale: number): { unique: number; duplicates: number; total: number } {
  const unique = Math.max(1, Math.round(contract.uniqueRowsAtScale1 * scale));
  const duplicates = Math.round(unique * contract.duplicateRate);
  return { unique, duplicates, total: unique + duplicates };
}

/** A key such as `user_00042`: the prefix and at least `minDigits` zero-padded digits. */
export function formatKey(column: ColumnContract, n: number): string {
  if (!column.keyFormat) throw new Error(`Column '${column.name}' has no key format`);
  return column.keyFormat.prefix + String(n).padStart(column.keyFormat.minDigits, '0');
}

/**
 * Storage type of a column in bronze (engine-neutral SQL type names). Whole numbers written as
 * floats (`43.0`, `-0.0`) stay DOUBLE in bronze so nothing is changed on the way in; silver casts them.
 */
export function bronzeSqlType(column: ColumnContract): 'VARCHAR' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP' {
  switch (column.type) {
    case 'string':
      return 'VARCHAR';
    case 'integer':
      return column.text === 'float-text' ? 'DOUBLE' : 'BIGINT';
    case 'float':
      return 'DOUBLE';
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP';
  }
}

/** Ingestion metadata columns every bronze table carries after the contract columns. */
export const BRONZE_METADATA_COLUMNS = [
  { name: '_batch_id', sqlType: 'VARCHAR', description: 'Ingestion batch; sorts in ingestion order.' },
  { name: '_source_file', sqlType: 'VARCHAR', description: 'Path of the CSV the row came from.' },
  { name: '_line_number', sqlType: 'BIGINT', description: '1-based line in the file (the header is line 1).' },
  { name: '_ingested_at', sqlType: 'TIMESTAMP', description: 'When the batch was loaded.' },
  { name: '_row_hash', sqlType: 'VARCHAR', description: "Hash of the row's field values: equal rows have equal hashes." },
] as const;

/**
 * The key format a column must follow: its own (a primary key) or, for a foreign key, the format of
 * the key it points to. Undefined for columns that are not keys.
 */
export function keyFormatOf(column: ColumnContract): ColumnContract['keyFormat'] {
  if (column.keyFormat) return column.keyFormat;
  if (column.foreignKey) return columnOf(column.foreignKey.table, column.foreignKey.column).keyFormat;
  return undefined;
}

/** The key format as an anchored regular expression (same syntax in DuckDB and Spark): the whole value must match. */
export function keyPattern(format: NonNullable<ColumnContract['keyFormat']>): string {
  return `^${format.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[0-9]{${format.minDigits},}$`;
}

/** "session_000000 (prefix session_ and at least 6 digits)", for messages. */
export function keyExample(format: NonNullable<ColumnContract['keyFormat']>): string {
  return `${format.prefix}${'0'.repeat(format.minDigits)} (prefix '${format.prefix}', then at least ${format.minDigits} digits, nothing else)`;
}

// Inferred members (Kimball): a child row whose parent key is unknown keeps flowing. The parent's
// silver table gets one row per key that child rows name but the parent's bronze table lacks, with
// every attribute NULL and `is_inferred` TRUE, so joins find a parent and gold never loses the
// child. When the real parent arrives in a later batch its bronze row exists, the key is no longer
// missing, and the rebuilt silver table holds the real row instead. Parents and children come from
// the contracts' foreign keys.
import { BRONZE_METADATA_COLUMNS, CONTRACTS, bronzeSqlType, contractFor, type SourceTableName } from '../contracts/index.js';

/** Child tables and columns that name `parent`'s key (from the contracts' foreign keys). */
export function childrenOf(parent: SourceTableName): { table: SourceTableName; column: string }[] {
  return CONTRACTS.flatMap((c) =>
    c.columns.filter((col) => col.foreignKey?.table === parent).map((col) => ({ table: c.name, column: col.name })),
  );
}

/** Whether a table is a parent that can hold inferred members. */
export function hasInferredMembers(table: string): boolean {
  return CONTRACTS.some((c) => c.name === table) && childrenOf(table as SourceTableName).length > 0;
}

/**
 * Rows shaped like the parent's bronze rows (contract columns, then the lineage columns) plus
 * `is_inferred` TRUE: one per key named by a child row and absent from the parent's bronze table.
 * A model unions them under its current versions (which get `is_inferred` FALSE).
 */
export function inferredMembersSql(parent: SourceTableName): string {
  const contract = contractFor(parent);
  const key = contract.primaryKey;
  const referenced = childrenOf(parent)
    .map((c) => `SELECT ${c.column} AS ${key} FROM {{ source('${c.table}') }} WHERE ${c.column} IS NOT NULL`)
    .join('\n        UNION\n        ');
  // STRING, not VARCHAR: Spark's VARCHAR needs a length; DuckDB reads STRING as VARCHAR.
  const typed = (type: string) => (type === 'VARCHAR' ? 'STRING' : type);
  const columns = [
    ...contract.columns.map((c) => (c.name === key ? `missing.${key}` : `CAST(NULL AS ${typed(bronzeSqlType(c))}) AS ${c.name}`)),
    ...BRONZE_METADATA_COLUMNS.map((m) => `CAST(NULL AS ${typed(m.sqlType)}) AS ${m.name}`),
    'TRUE AS is_inferred',
  ];
  return `SELECT ${columns.join(', ')}
    FROM (
        ${referenced}
    ) missing
    WHERE NOT EXISTS (SELECT 1 FROM {{ source('${parent}') }} known WHERE known.${key} = missing.${key})`;
}

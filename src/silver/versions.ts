// Versions of a source row: the one rule that decides, for every bronze row, whether it is the
// current version of its key (silver), an earlier version (meta.change_log), or an exact re-send of
// the version before it (meta.dedup_log). The silver models, the history models, the dedup-log and
// the change-log steps all read this SQL, so they cannot disagree.
//
// The rows of one key are taken in arrival order (`_batch_id`, then `_line_number`: a later batch
// wins, within a batch the later line). A row starts a new version when its field values
// (`_row_hash`) differ from the row just before it; otherwise it repeats that version and is a
// duplicate. So A, A, B gives versions A (with one duplicate) then B; A, B, A gives three versions.
// Portable SQL: window functions, joins and CASE only.
import { SOURCE_TABLES, contractFor, type SourceTableName } from '../contracts/index.js';
import { personalValueSql, pseudonymLookupSql } from './pseudonym-sql.js';

const ARRIVAL = (key: string) => `PARTITION BY ${key} ORDER BY _batch_id, _line_number`;

/**
 * Keys that arrived more than once. Only their rows need ranking: a key seen once is its own first,
 * only and current version. Most keys arrive once, so the windows below sort a few percent of the
 * rows instead of all of them (the hash GROUP BY that finds the keys is much cheaper than a sort).
 */
function repeatedKeysSql(table: SourceTableName): string {
  const key = contractFor(table).primaryKey;
  return `SELECT ${key} FROM {{ source('${table}') }} WHERE ${key} IS NOT NULL GROUP BY ${key} HAVING count(*) > 1`;
}

/**
 * Key and lineage of every row of a repeated key (and of every row with a blank key, which the
 * windows treat as one key) with `_starts` (1 when it begins a version) and `_version` (1, 2 ...
 * per key). Every duplicate and every superseded version is among these rows.
 */
export function repeatedVersionRowsSql(table: SourceTableName): string {
  const key = contractFor(table).primaryKey;
  const marked = `SELECT b.${key}, b._batch_id, b._line_number, b._row_hash,
        CASE WHEN lag(b._row_hash) OVER (${ARRIVAL(`b.${key}`)}) = b._row_hash THEN 0 ELSE 1 END AS _starts
    FROM {{ source('${table}') }} b
    LEFT JOIN (${repeatedKeysSql(table)}) r ON r.${key} = b.${key}
    WHERE b.${key} IS NULL OR r.${key} IS NOT NULL`;
  return `SELECT ${key}, _batch_id, _line_number, _row_hash, _starts,
        sum(_starts) OVER (${ARRIVAL(key)} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS _version
    FROM (${marked}) marked`;
}

/** The rows of keys that arrived once, with the columns `columns` of the bronze row (alias b). */
function singleKeyRowsSql(table: SourceTableName, columns: string): string {
  const key = contractFor(table).primaryKey;
  return `SELECT ${columns}
    FROM {{ source('${table}') }} b
    LEFT JOIN (${repeatedKeysSql(table)}) r ON r.${key} = b.${key}
    WHERE b.${key} IS NOT NULL AND r.${key} IS NULL`;
}

/** The first row of each version of the repeated keys (and blank keys), with `_is_current` (the key's last version). */
function repeatedVersionStartsSql(table: SourceTableName): string {
  const key = contractFor(table).primaryKey;
  return `SELECT ${key}, _batch_id, _line_number, _row_hash, _version,
        _version = max(_version) OVER (PARTITION BY ${key}) AS _is_current
    FROM (${repeatedVersionRowsSql(table)}) version_rows
    WHERE _starts = 1`;
}

/** The bronze rows holding the current version of each key (what silver keeps), all columns. */
export function currentVersionsSql(table: SourceTableName): string {
  const key = contractFor(table).primaryKey;
  // Only a repeated key's current row is found by ranking and joined back; a key seen once is kept as it is.
  const current = `SELECT ${key}, _batch_id, _line_number FROM (${repeatedVersionStartsSql(table)}) starts WHERE _is_current`;
  return `SELECT b.* FROM {{ source('${table}') }} b JOIN (${current}) k ON {{ null_safe_eq(k.${key}, b.${key}) }} AND k._batch_id = b._batch_id AND k._line_number = b._line_number
    UNION ALL
    ${singleKeyRowsSql(table, 'b.*')}`;
}

/**
 * When a batch's rows took effect: the month in its file name (`users_2025_07.csv`,
 * `users-2025-07.csv`, `users/2025_07.csv` -> 2025-07-01), else the time the batch was ingested.
 * Periodic exports are named for their month, which is what churn by month needs; a day in the
 * name is ignored (a month is enough, and an impossible day could not be cast on every engine).
 */
export function batchEffectiveAtSql(sourceFile: string, ingestedAt: string): string {
  // No backslashes (Spark string literals would read them as escapes) and no {{ }} (macro syntax).
  const pattern = "'[_/-]([0-9]{4})[_-](0[1-9]|1[0-2])([^0-9/][^/]*)?$'";
  const year = `regexp_extract(${sourceFile}, ${pattern}, 1)`;
  const month = `regexp_extract(${sourceFile}, ${pattern}, 2)`;
  return `CASE WHEN ${year} <> '' THEN CAST(CAST(concat(${year}, '-', ${month}, '-01') AS DATE) AS TIMESTAMP) ELSE ${ingestedAt} END`;
}

/**
 * silver.<table>_history: one row per version of each key (type-2 history): the contract's columns
 * (personal data as keyed pseudonyms, HMAC-SHA256 like silver.users, never raw), `version`, `valid_from` (when the version's
 * batch took effect), `valid_to` (when the next version did; NULL while current), `is_current`,
 * `batch_id` and the row's lineage.
 */
export function versionHistorySql(table: SourceTableName): string {
  const contract = contractFor(table);
  const key = contract.primaryKey;
  const personal = contract.columns.filter((c) => c.pii).map((c) => c.name);
  // Personal values pass through raw here and are replaced by their pseudonyms below.
  const columns = contract.columns.map((c) => `b.${c.name}`);
  const effective = batchEffectiveAtSql('b._source_file', 'b._ingested_at');
  const lineage = ['b._batch_id AS batch_id', 'b._source_file', 'b._line_number', 'b._row_hash'];
  // Repeated keys: each version's row, valid until the next version took effect.
  const repeated = `SELECT
        ${columns.join(',\n        ')},
        s._version AS version,
        ${effective} AS valid_from,
        lead(${effective}) OVER (PARTITION BY b.${key} ORDER BY s._version) AS valid_to,
        s._is_current AS is_current,
        ${lineage.join(',\n        ')}
    FROM {{ source('${table}') }} b
    JOIN (${repeatedVersionStartsSql(table)}) s
      ON {{ null_safe_eq(s.${key}, b.${key}) }} AND s._batch_id = b._batch_id AND s._line_number = b._line_number`;
  // A key seen once: its only version, current, with no end.
  const single = singleKeyRowsSql(
    table,
    `${columns.join(',\n        ')},
        1 AS version,
        ${effective} AS valid_from,
        CAST(NULL AS TIMESTAMP) AS valid_to,
        TRUE AS is_current,
        ${lineage.join(',\n        ')}`,
  );
  const versions = `${repeated}
    UNION ALL
    ${single}`;
  if (personal.length === 0) return versions;
  // Each distinct personal value hashed once (src/silver/pseudonym-sql.ts), joined back by value.
  const output = [
    ...contract.columns.map((c) => (c.pii ? `p_${c.name}.pseudonym AS ${c.name}_pseudonym` : `v.${c.name}`)),
    ...['version', 'valid_from', 'valid_to', 'is_current', 'batch_id', '_source_file', '_line_number', '_row_hash'].map((c) => `v.${c}`),
  ];
  return `WITH versions AS (
    ${versions}
),
pseudonyms AS (
    ${pseudonymLookupSql(
      'versions',
      personal.map((c) => personalValueSql(c, 'versions')),
    )}
)
SELECT
    ${output.join(',\n    ')}
FROM versions v
${personal.map((c) => `    LEFT JOIN pseudonyms p_${c} ON p_${c}.value = ${personalValueSql(c, 'v')}`).join('\n')}`;
}

/** silver.source_batches: one row per source table and batch, with when the batch took effect. */
export function sourceBatchesSql(): string {
  return SOURCE_TABLES.map(
    (t) => `SELECT '${t}' AS dataset, _batch_id AS batch_id, min(_source_file) AS source_file,
        ${batchEffectiveAtSql('min(_source_file)', 'min(_ingested_at)')} AS effective_at,
        min(_ingested_at) AS loaded_at, count(*) AS row_count
    FROM {{ source('${t}') }}
    GROUP BY _batch_id`,
  ).join('\nUNION ALL\n');
}

// Project macros of the silver models (engine-neutral; their output may use dialect macros, which
// the compiler expands next). The runner passes silverMacros to compileModel as its `extra` macros
// and silverVars(config) as vars. Everything a model needs from TypeScript config comes through here.
import type { MarqueeConfig } from '../config.js';
import { columnOf, contractFor, type SourceTableName } from '../contracts/index.js';
import type { ExtraMacros, ModelVars } from '../pipeline/compile.js';
import { IMPUTATIONS, flagSql, imputationFor, imputationMediansFrom, imputeSql } from './imputation-strategies.js';
import { hmacPads, resolvePseudonymKey } from './pseudonym-key.js';
import { personalValueSql, pseudonymLookupSql } from './pseudonym-sql.js';
import { silverSetting } from './settings.js';
import { canonicalDeviceSql, qualityRankSql, qualityTierSql } from './vocabularies.js';
import { hasInferredMembers, inferredMembersSql } from './inferred.js';
import { batchEffectiveAtSql, currentVersionsSql, sourceBatchesSql, versionHistorySql } from './versions.js';

function plausible(table: string, column: string, bound: string): string {
  const range = columnOf(table as SourceTableName, column).plausibleRange;
  const value = bound === 'min' ? range?.min : bound === 'max' ? range?.max : undefined;
  if (value === undefined) throw new Error(`Contract ${table}.${column} has no plausibleRange.${bound}`);
  return String(value);
}

/** Upper bounds (exclusive) and labels of the age bands; 65 and over is the last band. */
const AGE_BANDS: readonly [number, string][] = [
  [18, 'under 18'],
  [25, '18-24'],
  [35, '25-34'],
  [45, '35-44'],
  [55, '45-54'],
  [65, '55-64'],
];

/** Inferred members (a parent table's is_inferred rows) have no attributes to fill: NULL, never a guess. */
function unlessInferred(table: string, expression: string): string {
  return hasInferredMembers(table) ? `(CASE WHEN is_inferred THEN NULL ELSE ${expression} END)` : expression;
}

export const silverMacros: ExtraMacros = {
  /** {{ impute('users', 'age') }}: the column with blanks filled by its strategy (inferred members stay NULL). */
  impute: (table, column) => unlessInferred(table, imputeSql(imputationFor(table, column))),
  /** {{ impute_flag('users', 'age') }}: true where the strategy filled (or left blank) a missing value. */
  impute_flag: (table, column) => unlessInferred(table, flagSql(imputationFor(table, column))),
  /**
   * {{ inferred_members('movies') }}: bronze-shaped rows (plus is_inferred TRUE) for keys child rows
   * name but the parent lacks (src/silver/inferred.ts).
   */
  inferred_members: (table) => inferredMembersSql(table as SourceTableName),
  /**
   * {{ imputation_medians('users', 'cleaned') }}: FROM-clause text, `cleaned` with the medians the
   * table's impute() expressions read joined in. The SELECT using impute() must read from it.
   */
  imputation_medians: (table, relation) =>
    imputationMediansFrom(
      IMPUTATIONS.filter((i) => i.table === table),
      relation,
    ),
  /** {{ silver_setting('bingeMinutes') }}: a threshold from src/silver/settings.ts. */
  silver_setting: (name) => String(silverSetting(name)),
  /** {{ plausible('users', 'age', 'min') }}: the contract's plausibleRange bound. */
  plausible,
  canonical_device: (expr) => canonicalDeviceSql(expr),
  quality_tier: (expr) => qualityTierSql(expr),
  quality_rank: (expr) => qualityRankSql(expr),
  /** {{ age_band(age) }}: the age band used everywhere age is grouped ('Unknown' when blank). */
  age_band: (expr) =>
    AGE_BANDS.map(([upper, label]) => `WHEN ${expr} < ${upper} THEN '${label}'`).reduce(
      (acc, w) => `${acc} ${w}`,
      `CASE WHEN ${expr} IS NULL THEN 'Unknown'`,
    ) + ` ELSE '65+' END`,
  /**
   * {{ current_versions('users') }}: the bronze rows silver keeps, the current (latest) version of
   * each key (src/silver/versions.ts). Only key and lineage columns are ranked, then the survivors
   * are joined back: ranking whole rows would sort every column.
   */
  current_versions: (table) => currentVersionsSql(table as SourceTableName),
  /** {{ version_history('users') }}: every version of every key with valid_from / valid_to / is_current. */
  version_history: (table) => versionHistorySql(table as SourceTableName),
  /** {{ source_batches() }}: one row per source table and bronze batch (silver.source_batches). */
  source_batches: () => sourceBatchesSql(),
  /** {{ batch_effective_at(_source_file, _ingested_at) }}: when a batch took effect (month in the file name, else load time). */
  batch_effective_at: (sourceFile, ingestedAt) => batchEffectiveAtSql(sourceFile, ingestedAt),
  /**
   * {{ pseudonym(lower(trim(email))) }}: the keyed pseudonym (HMAC-SHA256, hex) of a personal value.
   * The key's blocks come in as vars; the dialect's hmac_sha256 does the hashing on either engine.
   */
  pseudonym: (expr) => `{{ hmac_sha256(${expr}, {{ var('pseudonym_key_inner') }}, {{ var('pseudonym_key_outer') }}) }}`,
  /**
   * {{ pseudonyms(source, 'lower(trim(source.email))', 'source.first_name') }}: each distinct non-blank
   * value of the expressions over a relation with its pseudonym (columns value, pseudonym), for LEFT
   * JOINs on value: the same pseudonyms as {{ pseudonym(...) }} per row, each value hashed once.
   */
  pseudonyms: (relation, ...expressions) => pseudonymLookupSql(relation, expressions),
  /** {{ personal_value(source, email) }}: the value a personal column is pseudonymised as (an email trimmed and lower-cased). */
  personal_value: (alias, column) => personalValueSql(column, alias),
};

/**
 * Vars of the silver models: the HMAC key blocks of the pseudonym key (bound at compile time, never
 * stored). Read lazily, so compiling models that use no pseudonym creates no key file.
 */
export function silverVars(config: Pick<MarqueeConfig, 'pseudonymKey' | 'warehouse'>): ModelVars {
  let pads: { inner: string; outer: string } | undefined;
  const load = () => (pads ??= hmacPads(resolvePseudonymKey(config).key));
  return { pseudonym_key_inner: () => load().inner, pseudonym_key_outer: () => load().outer };
}

// Project macros of the silver models (engine-neutral; their output may use dialect macros, which
// the compiler expands next). The runner passes silverMacros to compileModel as its `extra` macros
// and silverVars(config) as vars. Everything a model needs from TypeScript config comes through here.
import type { MarqueeConfig } from '../config.js';
import { columnOf, contractFor, type SourceTableName } from '../contracts/index.js';
import type { ExtraMacros, ModelVars } from '../pipeline/compile.js';
import { IMPUTATIONS, flagSql, imputationFor, imputationMediansFrom, imputeSql } from './imputation-strategies.js';
import { hmacPads, resolvePseudonymKey } from './pseudonym-key.js';
import { silverSetting } from './settings.js';
import { canonicalDeviceSql, qualityRankSql, qualityTierSql } from './vocabularies.js';

/** Dedup order, shared with the dedup-log step: the first occurrence in file order survives. */
export function dedupRankSql(table: SourceTableName): string {
  return `row_number() OVER (PARTITION BY ${contractFor(table).primaryKey} ORDER BY _batch_id, _line_number)`;
}

/** SELECT of the surviving bronze rows of a table; its {{ source() }} and macros expand after it. */
export function firstOccurrencesSql(table: SourceTableName): string {
  const key = contractFor(table).primaryKey;
  const survivors = `SELECT ${key}, _batch_id, _line_number FROM (SELECT ${key}, _batch_id, _line_number, ${dedupRankSql(table)} AS _dup_rank FROM {{ source('${table}') }}) ranked WHERE _dup_rank = 1`;
  return `SELECT b.* FROM {{ source('${table}') }} b JOIN (${survivors}) k ON {{ null_safe_eq(k.${key}, b.${key}) }} AND k._batch_id = b._batch_id AND k._line_number = b._line_number`;
}

function plausible(table: string, column: string, bound: string): string {
  const range = columnOf(table as SourceTableName, column).plausibleRange;
  const value = bound === 'min' ? range?.min : bound === 'max' ? range?.max : undefined;
  if (value === undefined) throw new Error(`Contract ${table}.${column} has no plausibleRange.${bound}`);
  return String(value);
}

/** Upper bounds (exclusive) and labels of the age bands; 65 and over is the last band. */
const AGE_BANDS: readonly [number, string][] = [[18, 'under 18'], [25, '18-24'], [35, '25-34'], [45, '35-44'], [55, '45-54'], [65, '55-64']];

export const silverMacros: ExtraMacros = {
  /** {{ impute('users', 'age') }}: the column with blanks filled by its strategy. */
  impute: (table, column) => imputeSql(imputationFor(table, column)),
  /** {{ impute_flag('users', 'age') }}: true where the strategy filled (or left blank) a missing value. */
  impute_flag: (table, column) => flagSql(imputationFor(table, column)),
  /**
   * {{ imputation_medians('users', 'cleaned') }}: FROM-clause text, `cleaned` with the medians the
   * table's impute() expressions read joined in. The SELECT using impute() must read from it.
   */
  imputation_medians: (table, relation) => imputationMediansFrom(IMPUTATIONS.filter((i) => i.table === table), relation),
  /** {{ silver_setting('bingeMinutes') }}: a threshold from src/silver/settings.ts. */
  silver_setting: (name) => String(silverSetting(name)),
  /** {{ plausible('users', 'age', 'min') }}: the contract's plausibleRange bound. */
  plausible,
  canonical_device: (expr) => canonicalDeviceSql(expr),
  quality_tier: (expr) => qualityTierSql(expr),
  quality_rank: (expr) => qualityRankSql(expr),
  /** {{ age_band(age) }}: the age band used everywhere age is grouped ('Unknown' when blank). */
  age_band: (expr) => AGE_BANDS.map(([upper, label]) => `WHEN ${expr} < ${upper} THEN '${label}'`).reduce((acc, w) => `${acc} ${w}`, `CASE WHEN ${expr} IS NULL THEN 'Unknown'`) + ` ELSE '65+' END`,
  /**
   * {{ first_occurrences('users') }}: the bronze rows that survive deduplication (the first
   * occurrence of each key in file order). Only key and lineage columns are ranked, then the
   * survivors are joined back: ranking whole rows would sort every column.
   */
  first_occurrences: (table) => firstOccurrencesSql(table as SourceTableName),
  /**
   * {{ pseudonym(lower(trim(email))) }}: the keyed pseudonym (HMAC-SHA256, hex) of a personal value.
   * The key's blocks come in as vars; the dialect's hmac_sha256 does the hashing on either engine.
   */
  pseudonym: (expr) => `{{ hmac_sha256(${expr}, {{ var('pseudonym_key_inner') }}, {{ var('pseudonym_key_outer') }}) }}`,
  /** {{ dedup_rank('users') }}: 1 for the surviving row of each primary key. */
  dedup_rank: (table) => dedupRankSql(table as SourceTableName),
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

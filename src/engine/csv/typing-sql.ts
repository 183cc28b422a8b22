// The engine-neutral half of bronze typing SQL, shared by the DuckDB and Spark readers: which typed
// values fall outside the contract's range, the reason code and text of a row that fails, and the
// row as a CSV line again. Only identifier quoting differs between the engines ("x" vs `x`), so it
// is passed in; string building uses concat(), which both engines have. The strict spelling
// patterns (typedExpression) stay in each reader: the regex functions differ.
import { literal } from '../sql.js';
import { keyExample, keyFormatOf, keyPattern, type ColumnContract } from '../../contracts/index.js';
import { maskFor } from '../../contracts/pii.js';
import { expectedSpelling, rangeText, REASON, typingReason } from './reasons.js';

/** Quotes an identifier for one engine. */
export type QuoteIdentifier = (name: string) => string;

/** Typed value column for contract column `name` inside a reader's working table. */
export const typedName = (quote: QuoteIdentifier, name: string) => quote(`t__${name}`);

function boundLiteral(column: ColumnContract, value: number | string): string {
  if (typeof value === 'number') return String(value);
  return `${column.type === 'timestamp' ? 'TIMESTAMP' : 'DATE'} ${literal(value)}`;
}

/** Predicate: the typed value lies outside the contract's hard range. */
function outOfRange(column: ColumnContract, typed: string): string | undefined {
  if (!column.range || column.type === 'string' || column.type === 'boolean') return undefined;
  const parts: string[] = [];
  if (column.range.min !== undefined) parts.push(`${typed} < ${boundLiteral(column, column.range.min)}`);
  if (column.range.max !== undefined) parts.push(`${typed} > ${boundLiteral(column, column.range.max)}`);
  return parts.length ? `(${parts.join(' OR ')})` : undefined;
}

/** A raw value quoted for a message, cut to 80 characters (never NULL here: only failing values are shown). */
const shown = (raw: string) => `concat('''', left(${raw}, 80), CASE WHEN length(${raw}) > 80 THEN '...' ELSE '' END, '''')`;

/** A key column: trimmed and matched against the contract's key format when typed. */
export const isKey = (column: ColumnContract) => column.type === 'string' && keyFormatOf(column) !== undefined;

/**
 * A key column's typed value: the trimmed text when it matches the contract's key format exactly, else
 * NULL (a BAD_KEY). Spaces around a key are an export artefact, so they are trimmed, but nothing else
 * is forgiven: `SESSION_000001` or `session_1` is not a key. `fullMatch(value, pattern)` is the
 * engine's regex test (the pattern is anchored, so a partial-match function works too).
 */
export function typedKey(column: ColumnContract, raw: string, fullMatch: (value: string, pattern: string) => string): string | undefined {
  const key = keyFormatOf(column);
  if (column.type !== 'string' || !key) return undefined;
  return `CASE WHEN ${fullMatch(`trim(${raw})`, literal(keyPattern(key)))} THEN trim(${raw}) END`;
}

/** CASE arms (first failing column wins) for the reason code and the reason text. */
export function reasonCases(
  columns: readonly ColumnContract[],
  fileColumns: readonly string[],
  quote: QuoteIdentifier,
): { code: string; reason: string } {
  const codeArms: string[] = [];
  const reasonArms: string[] = [];
  const where = (column: ColumnContract) => `column '${column.name}' (field ${fileColumns.indexOf(column.name) + 1})`;
  // The reason text reaches the quality report: a personal-data column's value is masked there.
  const got = (column: ColumnContract) => (column.pii ? literal(maskFor(column.name)) : shown(quote(column.name)));
  for (const column of columns) {
    const key = keyFormatOf(column);
    if (column.type === 'string' && key) {
      const failed = `${quote(column.name)} IS NOT NULL AND ${typedName(quote, column.name)} IS NULL`;
      codeArms.push(`WHEN ${failed} THEN ${literal(REASON.BAD_KEY)}`);
      reasonArms.push(
        `WHEN ${failed} THEN concat(${literal(`${where(column)}: expected a key like ${keyExample(key)}, got `)}, ${shown(quote(column.name))})`,
      );
      continue;
    }
    if (column.type === 'string') continue;
    const failed = `${quote(column.name)} IS NOT NULL AND ${typedName(quote, column.name)} IS NULL`;
    codeArms.push(`WHEN ${failed} THEN ${literal(typingReason(column))}`);
    reasonArms.push(
      `WHEN ${failed} THEN concat(${literal(`${where(column)}: expected ${expectedSpelling(column)}, got `)}, ${got(column)})`,
    );
  }
  for (const column of columns) {
    const out = outOfRange(column, typedName(quote, column.name));
    if (!out || !column.range) continue;
    codeArms.push(`WHEN ${out} THEN ${literal(REASON.OUT_OF_RANGE)}`);
    reasonArms.push(
      `WHEN ${out} THEN concat(${literal(`${where(column)}: expected a value ${rangeText(column.range)}, got `)}, ${got(column)})`,
    );
  }
  if (codeArms.length === 0) return { code: 'CAST(NULL AS STRING)', reason: 'CAST(NULL AS STRING)' };
  return { code: `CASE ${codeArms.join(' ')} END`, reason: `CASE ${reasonArms.join(' ')} END` };
}

/** The line as CSV again from its fields (file order, quoting only where needed, as the sources do). */
export function reserialised(fileColumns: readonly string[], quote: QuoteIdentifier): string {
  const fields = fileColumns.map((name) => {
    const v = quote(name);
    return `CASE WHEN ${v} IS NULL THEN '' WHEN ${v} LIKE '%,%' OR ${v} LIKE '%"%' THEN concat('"', replace(${v}, '"', '""'), '"') ELSE ${v} END`;
  });
  return `concat_ws(',', ${fields.join(', ')})`;
}

// Personal data, as the contracts declare it (`pii: true` on a column: email, first_name, last_name,
// and any column a user marks). Raw values of these columns live in bronze and quarantine only;
// everything past them (silver pseudonyms, profiles, reports, the dashboard, logs) reads this module
// to know what to leave out or mask.
import { CONTRACTS } from './index.js';
import type { TableContract } from './types.js';
import { splitCsvLine } from './csv-line.js';

/** What a masked value reads as: the column's name, never any part of the value. */
export const maskFor = (column: string) => `[${column} masked]`;

/** PII column names of a source table (its contract's columns marked `pii`). */
export function piiColumns(table: string): string[] {
  return (
    CONTRACTS.find((c) => c.name === table)
      ?.columns.filter((c) => c.pii)
      .map((c) => c.name) ?? []
  );
}

/** Whether `column` of `dataset` ('users', 'bronze.users', ...) is personal data by its source contract. */
export function isPiiColumn(dataset: string, column: string): boolean {
  const table = dataset.includes('.') ? dataset.slice(dataset.lastIndexOf('.') + 1) : dataset;
  return piiColumns(table).includes(column);
}

const quoteField = (field: string) => (/[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);

/** Text that cannot be a name or an email: numbers, dates, times, booleans, keys, blanks. */
function plainlyNotPersonal(field: string, contract: TableContract): boolean {
  const t = field.trim();
  if (t === '' || /^-?[\d.]+$/.test(t) || /^\d{4}-\d{2}-\d{2}([ T][\d:.]+)?$/.test(t) || /^(True|False|true|false)$/.test(t)) return true;
  if (contract.columns.some((c) => c.keyFormat && new RegExp(`^${c.keyFormat.prefix}\\d+$`).test(t))) return true;
  return contract.columns.some((c) => !c.pii && c.allowedValues?.includes(t));
}

/**
 * A raw CSV line of `table` with its PII fields masked, for the quarantine view. `header` is the
 * file's column order (default: the contract's). A line whose field count does not match the header
 * cannot be trusted to put a value under its column, so every field that is not plainly impersonal
 * (number, date, boolean, key, allowed value) is masked.
 */
export function maskRawLine(table: string, line: string, header?: readonly string[]): string {
  const contract = CONTRACTS.find((c) => c.name === table);
  const pii = piiColumns(table);
  if (!contract || pii.length === 0) return line;
  const columns = header ?? contract.columns.map((c) => c.name);
  const ending = /\r?\n$/.exec(line)?.[0] ?? '';
  const fields = splitCsvLine(line.slice(0, line.length - ending.length));
  const aligned = fields.length === columns.length;
  return (
    fields
      .map((field, i) => {
        const masked = aligned ? pii.includes(columns[i]) && field.trim() !== '' : !plainlyNotPersonal(field, contract);
        return masked ? maskFor(aligned ? columns[i] : 'field') : quoteField(field);
      })
      .join(',') + ending
  );
}

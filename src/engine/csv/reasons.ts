// Reason codes for rows bronze sets aside in quarantine.<table>, and what each column type expects.
// Engine-neutral: the engine file turns these into SQL; messages and tests read them from here.
import type { ColumnContract } from '../../contracts/index.js';

export const REASON = {
  /** Too many or too few fields on the line. */
  FIELD_COUNT: 'FIELD_COUNT',
  /** A quoted field never closed (or a stray quote). */
  BAD_QUOTING: 'BAD_QUOTING',
  /** Bytes that are not UTF-8. */
  BAD_ENCODING: 'BAD_ENCODING',
  /** Any other line the CSV reader could not split into fields. */
  BAD_CSV: 'BAD_CSV',
  BAD_INTEGER: 'BAD_INTEGER',
  BAD_FLOAT: 'BAD_FLOAT',
  BAD_BOOLEAN: 'BAD_BOOLEAN',
  BAD_DATE: 'BAD_DATE',
  BAD_TIMESTAMP: 'BAD_TIMESTAMP',
  /** A key (primary or foreign) that, trimmed, does not match the contract's key format exactly. */
  BAD_KEY: 'BAD_KEY',
  /** Typed, but outside the contract's hard range (ColumnContract.range). */
  OUT_OF_RANGE: 'OUT_OF_RANGE',
} as const;

export type ReasonCode = (typeof REASON)[keyof typeof REASON];

/** Reader error kinds (as the engine names them, normalised to upper case) -> reason code. */
export function reasonForReaderError(errorType: string): ReasonCode {
  const kind = errorType.toUpperCase();
  if (kind.includes('MISSING COLUMNS') || kind.includes('TOO MANY COLUMNS')) return REASON.FIELD_COUNT;
  if (kind.includes('ENCODING') || kind.includes('UNICODE')) return REASON.BAD_ENCODING;
  if (kind.includes('QUOTE')) return REASON.BAD_QUOTING;
  return REASON.BAD_CSV;
}

/** The reason code for a value of this column that cannot be typed. */
export function typingReason(column: ColumnContract): ReasonCode {
  switch (column.type) {
    case 'integer':
      return REASON.BAD_INTEGER;
    case 'float':
      return REASON.BAD_FLOAT;
    case 'boolean':
      return REASON.BAD_BOOLEAN;
    case 'date':
      return REASON.BAD_DATE;
    case 'timestamp':
      return REASON.BAD_TIMESTAMP;
    case 'string':
      throw new Error(`string column '${column.name}' always types`);
  }
}

/** What a value of this column must look like, for messages ("expected ..."). */
export function expectedSpelling(column: ColumnContract): string {
  switch (column.type) {
    case 'integer':
      return column.text === 'float-text' ? 'a whole number (written like 43 or 43.0)' : 'a whole number (like 3)';
    case 'float':
      return 'a decimal number (like 12.5)';
    case 'boolean':
      return 'True or False';
    case 'date':
      return 'a calendar date YYYY-MM-DD';
    case 'timestamp':
      return 'a timestamp YYYY-MM-DD HH:MM:SS[.ffffff]';
    case 'string':
      return 'text';
  }
}

/** "between 0 and 100", "at least 0" ... for a contract range. */
export function rangeText(range: NonNullable<ColumnContract['range']>): string {
  const { min, max } = range;
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  if (min !== undefined) return `at least ${min}`;
  return `at most ${max}`;
}

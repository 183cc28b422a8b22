// Parsing of command-line values into UserErrors (src/errors.ts) instead of silently wrong numbers.
import { UserError } from '../errors.js';

/** Parse a number flag, rejecting junk instead of silently becoming NaN. */
export function parseNumberOption(flag: string, min?: number, { integer = false, exclusiveMin = false } = {}) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw new UserError(`${flag} expects a number, got '${value}'`);
    if (integer && !Number.isInteger(n)) throw new UserError(`${flag} expects a whole number, got '${value}'`);
    if (min !== undefined && (exclusiveMin ? n <= min : n < min)) {
      throw new UserError(`${flag} must be ${exclusiveMin ? 'greater than' : 'at least'} ${min}, got '${value}'`);
    }
    return n;
  };
}

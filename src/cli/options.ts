// Parsers of the flags several commands share. They run while commander parses the command line, so
// this module stays light: `marquee --help` imports it, and it imports nothing heavy.
import { ENGINE_NAMES, type EngineName } from '../config.js';
import { UserError } from '../errors.js';

export function parseDate(value: string): string {
  const parsed = new Date(`${value}T00:00:00Z`);
  // new Date('2025-13-01T00:00:00Z') is an Invalid Date (toISOString would throw RangeError).
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
  if (!ok) throw new UserError(`--as-of expects a real calendar date YYYY-MM-DD, got '${value}'`);
  return value;
}

export function parseEngine(value: string): EngineName {
  if (!(ENGINE_NAMES as readonly string[]).includes(value))
    throw new UserError(`--engine expects ${ENGINE_NAMES.join(' or ')}, got '${value}'`);
  return value as EngineName;
}

export function parseMemory(value: string): string {
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(value))
    throw new UserError(`--memory-limit expects a size such as 4GB or 512MB, got '${value}'`);
  return value;
}

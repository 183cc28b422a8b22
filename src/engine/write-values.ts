// Engine-neutral encodings of `writeRows` cells (engine.ts WriteValue) into the numbers both bulk
// paths need: DuckDB's appender and Spark's Arrow batches store DATE as days and TIMESTAMP as
// microseconds since 1970-01-01 (UTC wall clock, as every Marquee session runs in UTC).

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?Z?$/;
const MS_PER_DAY = 86_400_000;

/** Where a cell came from (table, row, column) for error messages: a function is called only when a value is rejected. */
export type CellLocation = string | (() => string);

export function locate(where: CellLocation): string {
  return typeof where === 'string' ? where : where();
}

/** Days since 1970-01-01 of 'YYYY-MM-DD'; throws naming `where` on anything else. */
export function epochDay(value: string, where: CellLocation): number {
  const m = DATE.exec(value);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  // Date.UTC rolls 2025-02-30 over to March: compare back to reject impossible dates.
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value)
    throw new Error(`${locate(where)}: expected a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return ms / MS_PER_DAY;
}

/** Microseconds since the epoch of 'YYYY-MM-DD HH:MM:SS[.ffffff]' (a 'T' and a trailing 'Z' allowed). */
export function epochMicros(value: string, where: CellLocation): bigint {
  const m = TIMESTAMP.exec(value);
  if (!m) throw new Error(`${locate(where)}: expected a timestamp YYYY-MM-DD HH:MM:SS[.ffffff], got ${JSON.stringify(value)}`);
  const day = epochDay(`${m[1]}-${m[2]}-${m[3]}`, where);
  const [h, min, s] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (h > 23 || min > 59 || s > 59) throw new Error(`${locate(where)}: time out of range in ${JSON.stringify(value)}`);
  const fraction = BigInt((m[7] ?? '').padEnd(6, '0'));
  return BigInt(day) * 86_400_000_000n + BigInt((h * 3600 + min * 60 + s) * 1_000_000) + fraction;
}

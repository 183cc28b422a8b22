// Text spellings of the published files (spec/source-data.md "Text format"): pandas-style floats
// (`43.0`, `-0.0`, `13.5`), True/False, YYYY-MM-DD days, microsecond timestamps, minimal quoting.
import { BOOLEAN_TEXT } from '../contracts/index.js';

export const DAY_MS = 86_400_000;

/** Whole number written as a float, the way pandas writes an integer column that has blanks. */
export function floatText(n: number): string {
  if (Object.is(n, -0)) return '-0.0';
  return `${n}.0`;
}

const POW10 = [1, 10, 100, 1000];
const FRACTION_DIGITS = [[''], ['0'], ['00'], ['000']].map(
  ([zeros], d) =>
    (k: number) =>
      (zeros + k).slice(-d),
);

/**
 * A real rounded to `decimals` places, written like Python's repr (`13.5`, `13.0`, `0.125`).
 * Non-negative values with up to 3 places take an integer fast path (formatting floats through
 * String() is a hot spot at 20M rows); the test suite checks it against the slow path.
 */
export function decimalText(x: number, decimals: number): string {
  const f = POW10[decimals] ?? 10 ** decimals;
  const scaled = Math.round(x * f);
  if (x >= 0 && decimals >= 1 && decimals <= 3 && scaled < Number.MAX_SAFE_INTEGER) {
    const whole = Math.floor(scaled / f);
    let fraction = scaled - whole * f;
    if (fraction === 0) return `${whole}.0`;
    let digits = decimals;
    while (fraction % 10 === 0) {
      fraction /= 10;
      digits--;
    }
    return `${whole}.${FRACTION_DIGITS[digits](fraction)}`;
  }
  return decimalTextSlow(x, decimals);
}

/** Reference spelling: round, then the shortest round-trip text of the double. */
export function decimalTextSlow(x: number, decimals: number): string {
  const f = 10 ** decimals;
  const r = Math.round(x * f) / f;
  if (Number.isInteger(r)) return floatText(r === 0 ? 0 : r);
  return String(r);
}

export function boolText(b: boolean): string {
  return b ? BOOLEAN_TEXT.true : BOOLEAN_TEXT.false;
}

/** CSV field: quoted only when it holds a comma, quote or line break (never happens for others). */
export function csvField(s: string): string {
  if (/[",\r\n]/.test(s)) return `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** Days since 1970-01-01 for an ISO date. */
export function dayNumber(iso: string): number {
  const ms = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`Not an ISO date: '${iso}'`);
  return Math.round(ms / DAY_MS);
}

/** Precomputed `YYYY-MM-DD` strings for a span of days (formatting dates per row is slow). */
export class DayText {
  private readonly cache: string[] = [];
  constructor(
    private readonly firstDay: number,
    lastDay: number,
  ) {
    for (let d = firstDay; d <= lastDay; d++) this.cache.push(new Date(d * DAY_MS).toISOString().slice(0, 10));
  }
  text(day: number): string {
    const s = this.cache[day - this.firstDay];
    return s ?? new Date(day * DAY_MS).toISOString().slice(0, 10);
  }
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD HH:MM:SS.ffffff` from a day, seconds of the day and microseconds. */
export function timestampMicrosText(dayText: string, secondOfDay: number, micros: number): string {
  const h = Math.floor(secondOfDay / 3600);
  const m = Math.floor((secondOfDay % 3600) / 60);
  const s = secondOfDay % 60;
  return `${dayText} ${pad2(h)}:${pad2(m)}:${pad2(s)}.${String(micros).padStart(6, '0')}`;
}

/** Keep text ASCII (the published files are): strip accents, drop anything else. */
export function asciiOnly(s: string): string {
  return s.normalize('NFD').replace(/[^\x20-\x7e]/g, '');
}

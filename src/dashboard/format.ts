// Numbers for people: 1.2 M, 34.5 %, $12.40, 3.5 h. One module used by the server (tables, KPI
// cards) and bundled into the browser client (axis labels, tooltips), so both print the same text.
// Pure functions only: no DOM, no Node APIs (the client bundle includes this file).
import type { KpiDeclaration, KpiFormat } from '../gold/kpi-types.js';

/** Every format a view column or axis can ask for: the KPI formats plus a few dashboard-only ones. */
export type ValueFormat = KpiFormat | 'integer' | 'seconds' | 'duration_ms' | 'date' | 'text';

const SUFFIXES: ReadonlyArray<[number, string]> = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** Round to at most `digits` decimals and drop trailing zeros: 1.20 -> "1.2", 3.0 -> "3". */
function trimmed(value: number, digits: number): string {
  const fixed = value.toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** Thousands separators for whole numbers: 12345 -> "12,345". */
export function formatInteger(value: number): string {
  const sign = value < 0 ? '-' : '';
  const digits = Math.round(Math.abs(value)).toString();
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Compact counts: below 10,000 in full with separators (9,999; fractions kept below 1,000), then
 * 12.3 k, 1.2 M, 3.4 B.
 * Rounding that would print "1000 k" moves to the next suffix ("1 M").
 */
export function formatCompact(value: number): string {
  const abs = Math.abs(value);
  if (abs < 10_000) {
    if (Number.isInteger(value) || abs >= 1000) return formatInteger(value);
    return trimmed(value, abs < 10 ? 2 : 1);
  }
  for (let i = 0; i < SUFFIXES.length; i++) {
    const [base, suffix] = SUFFIXES[i];
    if (abs >= base) {
      const scaled = value / base;
      const text = trimmed(scaled, Math.abs(scaled) < 100 ? 1 : 0);
      if (Math.abs(Number(text)) >= 1000 && i > 0) {
        const [upBase, upSuffix] = SUFFIXES[i - 1];
        return `${trimmed(value / upBase, 1)} ${upSuffix}`;
      }
      return `${text} ${suffix}`;
    }
  }
  return formatInteger(value);
}

/**
 * The space between a number and its % or pp: non-breaking, so a narrow cell or card never puts the
 * sign on a line of its own. Every percent the dashboard prints comes through this module.
 */
export const UNIT_SPACE = '\u00a0';

/** A share 0..1 as a percentage with one decimal: 0.3451 -> "34.5 %" (non-breaking space). */
export function formatPercent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)}${UNIT_SPACE}%`;
}

/** US dollars: cents below 1,000 ($12.40), whole dollars to 100k ($12,345), compact above ($1.2 M). */
export function formatCurrency(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  if (abs < 1000) return `${sign}$${abs.toFixed(2)}`;
  if (abs < 100_000) return `${sign}$${formatInteger(abs)}`;
  return `${sign}$${formatCompact(abs)}`;
}

/** Milliseconds as a readable duration: 850 ms, 12.3 s, 4.5 min, 2.1 h. */
export function formatDurationMs(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(ms)} ms`;
  if (abs < 60_000) return `${trimmed(ms / 1000, 1)} s`;
  if (abs < 3_600_000) return `${trimmed(ms / 60_000, 1)} min`;
  return `${trimmed(ms / 3_600_000, 1)} h`;
}

/** Format one value for display. null/undefined/NaN print as an en dash so gaps are visible. */
export function formatValue(value: unknown, format: ValueFormat = 'number'): string {
  if (value === null || value === undefined) return '–';
  if (format === 'text' || format === 'date') return String(value);
  const n = typeof value === 'number' ? value : Number(value);
  if (typeof value === 'boolean' || !Number.isFinite(n)) return String(value);
  switch (format) {
    case 'count':
      return formatCompact(n);
    case 'integer':
      return formatInteger(n);
    case 'percent':
      return formatPercent(n);
    case 'currency':
      return formatCurrency(n);
    case 'hours':
      return `${formatCompact(n)} h`;
    case 'minutes':
      return `${formatCompact(n)} min`;
    case 'days':
      return `${formatCompact(n)} d`;
    case 'seconds':
      return `${formatCompact(n)} s`;
    case 'duration_ms':
      return formatDurationMs(n);
    case 'score':
      return trimmed(n, 3);
    case 'ratio':
      return `${trimmed(n, 2)}×`;
    case 'number':
      return Math.abs(n) >= 10_000 ? formatCompact(n) : trimmed(n, 2);
  }
}

/** The unit a KPI format is measured in, for axis names: "Watch hours (h)". Empty when unitless. */
export function unitOf(format: ValueFormat): string {
  switch (format) {
    case 'count':
    case 'integer':
      return 'count';
    case 'percent':
      return '%';
    case 'currency':
      return 'USD';
    case 'hours':
      return 'h';
    case 'minutes':
      return 'min';
    case 'days':
      return 'days';
    case 'seconds':
      return 's';
    case 'duration_ms':
      return 'ms';
    case 'ratio':
      return '×';
    default:
      return '';
  }
}

/** Axis name with its unit: axisName('Watch hours', 'hours') -> "Watch hours (h)". */
export function axisName(label: string, format: ValueFormat): string {
  const unit = unitOf(format);
  return unit ? `${label} (${unit})` : label;
}

/** A KPI's value in the KPI's own declared format. */
export function formatKpi(kpi: Pick<KpiDeclaration, 'format'>, value: unknown): string {
  return formatValue(value, kpi.format);
}

/**
 * Change between two periods. Percent KPIs change in percentage points (a rate moving 10 % -> 12 %
 * is "+2.0 pp", not "+20 %"); everything else as a relative change. null when there is no base.
 */
export function formatChange(format: ValueFormat, current: number | null, previous: number | null): string | null {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
  if (format === 'percent') {
    const points = (current - previous) * 100;
    return `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(1)}${UNIT_SPACE}pp`;
  }
  if (previous === 0) return null;
  const relative = (current - previous) / Math.abs(previous);
  return `${relative >= 0 ? '+' : '−'}${Math.abs(relative * 100).toFixed(1)}${UNIT_SPACE}%`;
}

/** A number with thousands separators and at most `digits` decimals (trailing zeros dropped): 12345.6 -> "12,345.6". */
function withSeparators(value: number, digits: number): string {
  const [whole, fraction] = trimmed(value, digits).split('.');
  return formatInteger(Number(whole)).replace(/^0$/, value < 0 && whole === '-0' ? '-0' : '0') + (fraction ? `.${fraction}` : '');
}

/**
 * A table cell: the same format as formatValue but never compact ("50 k" next to "9,947" in one column
 * reads as two scales), so every number of a column is written the same way.
 */
export function formatCell(value: unknown, format: ValueFormat = 'text'): string {
  if (value === null || value === undefined) return '–';
  const n = typeof value === 'number' ? value : Number(value);
  if (format === 'text' || format === 'date' || typeof value === 'boolean' || !Number.isFinite(n)) return formatValue(value, format);
  switch (format) {
    case 'count':
    case 'integer':
      return formatInteger(n);
    case 'hours':
      return `${withSeparators(n, 1)} h`;
    case 'minutes':
      return `${withSeparators(n, 1)} min`;
    case 'days':
      return `${withSeparators(n, 1)} d`;
    case 'seconds':
      return `${withSeparators(n, 1)} s`;
    case 'currency': {
      const [whole, cents] = Math.abs(n).toFixed(2).split('.');
      return `${n < 0 ? '-' : ''}$${formatInteger(Number(whole))}.${cents}`;
    }
    case 'number':
      return withSeparators(n, 2);
    default:
      return formatValue(n, format);
  }
}

// The Overview's headline KPI card: latest value, change against the previous period, and a
// sparkline. Built from a KPI declaration (label, format, direction) and rows { kpi, period, value }.
import type { Row } from '../engine/engine.js';
import type { KpiDeclaration, KpiDirection, KpiFormat } from '../gold/kpi-types.js';
import { formatChange, formatKpi } from './format.js';

export interface KpiCard {
  name: string;
  label: string;
  description: string;
  format: KpiFormat;
  direction: KpiDirection;
  /** Latest period and its value (formatted too, so server and client print the same). */
  period: string | null;
  value: number | null;
  valueText: string;
  previous: number | null;
  /** "+2.0 pp" / "−3.1 %", or null without a previous period. */
  changeText: string | null;
  /** Whether the change is good news given the KPI's direction. */
  tone: 'good' | 'bad' | 'neutral';
  /** [period, value] in period order, for the sparkline. */
  series: Array<[string, number]>;
  /** Month on month and year on year, each against a period found in the series (or why there is none). */
  comparisons: KpiComparison[];
  /** Shown instead of the comparisons when the series has one period or none, saying why. */
  note?: string;
}

/** One comparison of the latest period with an earlier one, all computed from the card's series. */
export interface KpiComparison {
  /** 'month on month' (the calendar month before), 'previous period' (the entry before, after a gap), 'year on year'. */
  kind: 'month on month' | 'previous period' | 'year on year';
  /** The period compared against, or null when the series has none for this kind. */
  against: string | null;
  /** "+2.0 pp vs 2025-08", or why there is no such comparison. */
  text: string;
  tone: 'good' | 'bad' | 'neutral';
}

/** What a card says when its series has fewer than two periods. */
export const ONLY_ONE_PERIOD = 'no comparison: only one period';

const MONTH = /^(\d{4})-(\d{2})$/;

/** "2025-09" minus n months -> "2024-09"; undefined for a period that is not a month. */
export function monthsBefore(period: string, n: number): string | undefined {
  const m = MONTH.exec(period);
  if (!m) return undefined;
  const index = Number(m[1]) * 12 + (Number(m[2]) - 1) - n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The latest period against the one before it (month on month when that is the calendar month
 * before, else "previous period") and against the same month a year earlier (year on year), each
 * only when the series holds that period.
 */
export function compareLatest(format: KpiFormat, direction: KpiDirection, series: ReadonlyArray<[string, number]>): KpiComparison[] {
  if (series.length < 2) return [];
  const [period, value] = series[series.length - 1];
  const [before, previous] = series[series.length - 2];
  const against = (kind: KpiComparison['kind'], other: string, base: number): KpiComparison => {
    const change = formatChange(format, value, base);
    return {
      kind,
      against: other,
      text: change === null ? `no change computable vs ${other} (base 0)` : `${change} vs ${other}`,
      tone: change === null ? 'neutral' : toneOf(direction, value, base),
    };
  };
  const out = [against(monthsBefore(period, 1) === before ? 'month on month' : 'previous period', before, previous)];
  const yearAgo = monthsBefore(period, 12);
  if (yearAgo !== undefined) {
    const match = series.find(([p]) => p === yearAgo);
    out.push(
      match
        ? against('year on year', yearAgo, match[1])
        : { kind: 'year on year', against: null, text: `no year-on-year: no ${yearAgo} in the data`, tone: 'neutral' },
    );
  }
  return out;
}

function toneOf(direction: KpiDirection, current: number | null, previous: number | null): KpiCard['tone'] {
  if (direction === 'neutral' || current === null || previous === null || current === previous) return 'neutral';
  const up = current > previous;
  return (direction === 'up') === up ? 'good' : 'bad';
}

/**
 * One card per declared KPI, in declaration order. Rows whose kpi is not declared are ignored; a
 * declared KPI without rows gets a card with no value (shown as "–") rather than disappearing. `note`
 * says why a card has no comparison; it is shown only when the series has fewer than two periods
 * (default: ONLY_ONE_PERIOD).
 */
export function buildKpiCards(kpis: readonly KpiDeclaration[], rows: Row[], note?: string): KpiCard[] {
  return kpis.map((kpi) => {
    const series = rows
      .filter((r) => r.kpi === kpi.name && r.value !== null && r.value !== undefined && r.period !== null)
      .map((r): [string, number] => [String(r.period), Number(r.value)])
      .filter(([, v]) => Number.isFinite(v))
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const last = series.at(-1) ?? null;
    const before = series.length > 1 ? series[series.length - 2] : null;
    const value = last ? last[1] : null;
    const previous = before ? before[1] : null;
    return {
      name: kpi.name,
      label: kpi.label,
      description: kpi.description,
      format: kpi.format,
      direction: kpi.direction,
      period: last ? last[0] : null,
      value,
      valueText: formatKpi(kpi, value),
      previous,
      changeText: formatChange(kpi.format, value, previous),
      tone: toneOf(kpi.direction, value, previous),
      series,
      comparisons: compareLatest(kpi.format, kpi.direction, series),
      ...(series.length < 2 ? { note: note ?? (series.length === 0 ? 'no comparison: no period with data' : ONLY_ONE_PERIOD) } : {}),
    };
  });
}

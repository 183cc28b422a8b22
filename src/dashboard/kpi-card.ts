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
  /** Shown instead of the change when the KPI has no history by design (a snapshot), saying why. */
  note?: string;
}

function toneOf(direction: KpiDirection, current: number | null, previous: number | null): KpiCard['tone'] {
  if (direction === 'neutral' || current === null || previous === null || current === previous) return 'neutral';
  const up = current > previous;
  return (direction === 'up') === up ? 'good' : 'bad';
}

/**
 * One card per declared KPI, in declaration order. Rows whose kpi is not declared are ignored; a
 * declared KPI without rows gets a card with no value (shown as "–") rather than disappearing.
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
      ...(note ? { note } : {}),
    };
  });
}

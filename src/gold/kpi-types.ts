// The shape of a KPI declaration. KPIs are data: declared once (src/gold/kpis.ts), read by the gold
// models that compute them, by gold validation (range rules) and by the dashboard (labels, formats).

export type KpiFormat = 'count' | 'percent' | 'currency' | 'hours' | 'minutes' | 'days' | 'score' | 'ratio' | 'number';

/** Which way is good: used to colour changes on the dashboard. */
export type KpiDirection = 'up' | 'down' | 'neutral';

export interface KpiDeclaration {
  /** Column name in the KPI's gold table, e.g. 'completion_rate'. */
  name: string;
  label: string;
  description: string;
  /** Gold table holding the KPI, and its grain in words. */
  table: string;
  grain: string;
  /** SQL aggregate over the KPI's source rows (documentation and the one place the formula lives). */
  expression: string;
  format: KpiFormat;
  direction: KpiDirection;
  /** Validation range, checked in gold QA (e.g. rates 0..1). */
  range?: { min?: number; max?: number };
  /**
   * The KPI re-aggregated from the additive columns of gold.kpi_daily_by_segment (sums of its
   * numerator and denominator), so any date / country / plan / device filter gives the declared KPI
   * over those rows. Absent when that table cannot rebuild it (then a headline KPI is a snapshot read
   * from the `dimension = 'overall'` row of its own table).
   */
  rollup?: string;
  /** A headline KPI: a card on the Overview page and a line of the `marquee start` summary. */
  headline?: boolean;
}

// Column descriptions of gold models that hold KPIs come from the KPI declarations, so a KPI's
// wording is written once.
import { kpi } from './kpis.js';

export function kpiColumns(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, `${kpi(n).label}: ${kpi(n).description}`]));
}

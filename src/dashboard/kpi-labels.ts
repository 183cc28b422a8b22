// A KPI's label and format as a page shows it, on a chart axis or as a table column, read from its
// declaration (src/gold/kpis.ts): pages never restate a KPI's name or unit, and this is the one helper
// they use for it.
import { kpi } from '../gold/kpis.js';
import type { ValueFormat } from './format.js';
import type { TableColumn } from './views.js';

/** The KPI's label and format, as a chart's value axis takes them. */
export function kpiAxis(name: string): { label: string; format: ValueFormat } {
  const declared = kpi(name);
  return { label: declared.label, format: declared.format };
}

/** A table column showing the KPI `name` (default: the row key itself) under its declared label and format. */
export function kpiColumn(key: string, name = key): TableColumn {
  return { key, ...kpiAxis(name) };
}

// Drill-down links: a view's DrillLink and one row -> the URL query of the page it leads to. Pure, so
// the server (chart categories) and the browser client (table rows) build the same links.
import type { Row } from '../engine/engine.js';
import type { DrillLink } from './views.js';

/** `?name=value&...` for this row, or undefined when the row does not qualify (or a value is missing). */
export function drillQuery(drill: DrillLink, row: Row): string | undefined {
  if (drill.when && !drill.when.values.includes(String(row[drill.when.key]))) return undefined;
  const params = new URLSearchParams();
  for (const [param, key] of Object.entries(drill.params)) {
    const value = row[key];
    if (value === null || value === undefined || value === '') return undefined;
    params.set(drill.paramFromKey && drill.when ? String(row[drill.when.key]) : param, String(value));
  }
  return `?${params.toString()}`;
}

/** Chart drill-down: category (the chart's x value) -> URL query, from the rows the chart was drawn from. */
export function chartDrillTargets(drill: DrillLink, rows: readonly Row[]): Record<string, string> {
  const targets: Record<string, string> = {};
  if (!drill.chartKey) return targets;
  for (const row of rows) {
    const query = drillQuery(drill, row);
    const category = String(row[drill.chartKey]);
    if (query && !(category in targets)) targets[category] = query;
  }
  return targets;
}

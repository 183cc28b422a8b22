// Gold KPI validation as data: every KPI column a gold model holds gets the range check its
// declaration implies (rates within 0..1, counts non-negative ...). Model meta files call
// `kpiFields` so a KPI's description and its validation come from the same declaration.
import type { CheckDefinition } from '../quality/check.js';
import { kpi } from './kpis.js';

export interface KpiFields {
  columns: Record<string, string>;
  checks: CheckDefinition[];
}

export function kpiFields(table: string, names: readonly string[]): KpiFields {
  const columns: Record<string, string> = {};
  const checks: CheckDefinition[] = [];
  for (const name of names) {
    const k = kpi(name);
    columns[name] = `${k.label}: ${k.description}`;
    if (k.range) {
      checks.push({
        name: `kpi_${name}_in_range`,
        kind: 'range',
        dataset: table,
        column: name,
        action: 'fail',
        reasonCode: 'KPI_OUT_OF_RANGE',
        description: `${k.label} lies in ${k.range.min ?? '-inf'}..${k.range.max ?? '+inf'}.`,
        params: { ...k.range },
      });
    }
  }
  return { columns, checks };
}

/** A check that a key column of a gold table exists in its silver parent. */
export function keyExistsCheck(table: string, column: string, parent: string): CheckDefinition {
  return {
    name: `${column}_exists_in_${parent.replace('.', '_')}`,
    kind: 'relationship',
    dataset: table,
    column,
    action: 'fail',
    reasonCode: 'GOLD_KEY_NOT_IN_SILVER',
    description: `Every ${column} in ${table} exists in ${parent}.`,
    params: { to: `${parent}.${column}` },
  };
}

/** The descriptions of some KPI columns, in the given order (to interleave them with other columns). */
export function pick(columns: Record<string, string>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, columns[n]]));
}

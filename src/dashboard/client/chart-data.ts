// A chart's data as a table (columns + rows), read from the same option the chart draws: the
// accessible alternative under each chart and the rows of its CSV export.
import type { Row } from '../../engine/engine.js';
import type { ValueFormat } from '../format.js';
import type { ChartSpec, TableColumn } from '../views.js';

interface AxisLike {
  type?: string;
  name?: string;
  data?: unknown[];
}
interface SeriesLike {
  type?: string;
  name?: string;
  data?: unknown[];
}

const one = (axis: unknown): AxisLike => ((Array.isArray(axis) ? axis[0] : axis) ?? {}) as AxisLike;
const valueOf = (point: unknown): unknown =>
  point !== null && typeof point === 'object' && 'value' in point ? (point as { value: unknown }).value : point;

export interface ChartTable {
  columns: TableColumn[];
  rows: Row[];
}

export function chartTableData(spec: ChartSpec): ChartTable {
  const option = spec.option as { xAxis?: unknown; yAxis?: unknown; series?: SeriesLike[] };
  const series = option.series ?? [];
  const valueFormat: ValueFormat = spec.formats?.value ?? 'number';
  const x = one(option.xAxis);
  const y = one(option.yAxis);
  const kind = series[0]?.type;
  if (kind === 'graph') {
    const nodes = (series[0].data ?? []) as Array<{ name?: string; value?: unknown }>;
    return {
      columns: [
        { key: 'node', label: 'Node', format: 'text' },
        { key: 'details', label: 'Details', format: 'text' },
      ],
      rows: nodes.map((n) => ({ node: n.name ?? '', details: String(n.value ?? '').replace(/\n/g, '; ') })),
    };
  }
  if (kind === 'heatmap') {
    const cells = (series[0].data ?? []) as Array<[number, number, number | null]>;
    return {
      columns: [
        { key: 'y', label: y.name ?? 'Row', format: 'text' },
        { key: 'x', label: x.name ?? 'Column', format: 'text' },
        { key: 'v', label: series[0].name ?? 'Value', format: valueFormat },
      ],
      rows: cells.map(([xi, yi, v]) => ({ y: String(y.data?.[yi] ?? yi), x: String(x.data?.[xi] ?? xi), v })),
    };
  }
  if (kind === 'pie') {
    return {
      columns: [
        { key: 'name', label: 'Name', format: 'text' },
        { key: 'v', label: series[0].name ?? 'Value', format: valueFormat },
      ],
      rows: ((series[0].data ?? []) as Array<{ name?: string; value?: unknown }>).map((d) => ({ name: d.name ?? '', v: d.value })),
    };
  }
  const category = x.type === 'category' ? x : y.type === 'category' ? y : undefined;
  if (category?.data) {
    const columns: TableColumn[] = [{ key: 'c', label: category.name ?? 'Category', format: 'text' }];
    series.forEach((s, i) => columns.push({ key: `s${i}`, label: s.name ?? `Series ${i + 1}`, format: valueFormat }));
    const rows = category.data.map((c, row) => {
      const out: Row = { c: String(c) };
      series.forEach((s, i) => {
        out[`s${i}`] = valueOf(s.data?.[row]);
      });
      return out;
    });
    return { columns, rows };
  }
  // Value axes on both sides (curves, scatter): one row per point.
  const columns: TableColumn[] = [
    { key: 's', label: 'Series', format: 'text' },
    { key: 'x', label: x.name ?? 'x', format: spec.formats?.x ?? 'number' },
    { key: 'y', label: y.name ?? 'y', format: spec.formats?.y ?? valueFormat },
  ];
  const rows: Row[] = [];
  series.forEach((s, i) =>
    (s.data ?? []).forEach((point) => {
      const p = valueOf(point);
      const [px, py] = Array.isArray(p) ? p : [null, p];
      rows.push({ s: s.name ?? `Series ${i + 1}`, x: px, y: py });
    }),
  );
  return { columns, rows };
}

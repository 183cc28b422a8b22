// Chart components: small functions from rows to an ECharts option (as JSON). Axis names are
// required parameters and carry their unit (axisName('Failed records', 'count')), so no chart can be
// drawn without them. Values are formatted in the browser from `formats` (see ChartSpec).
import type { Row } from '../engine/engine.js';
import { axisName, formatValue, type ValueFormat } from './format.js';
import type { ChartSpec } from './views.js';

/** A colour-blind-safe palette (Okabe-Ito), shared by every chart. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#56B4E9', '#CC79A7', '#F0E442', '#000000'];

export const STATUS_COLOURS: Record<string, string> = {
  success: '#009E73',
  ok: '#009E73',
  passed: '#009E73',
  failed: '#D55E00',
  error: '#D55E00',
  skipped: '#999999',
  warn: '#E69F00',
  running: '#56B4E9',
};

interface Axis {
  /** Row key holding the value. */
  key: string;
  label: string;
  format: ValueFormat;
}

interface CartesianOptions {
  x: Axis;
  y: { label: string; format: ValueFormat };
  /** Split rows into one series per value of this key (long rows), ... */
  seriesKey?: string;
  valueKey?: string;
  /** ... or one series per listed column (wide rows). */
  series?: ReadonlyArray<{ key: string; name: string; colour?: string }>;
  stacked?: boolean;
  /** Categories top to bottom instead of left to right (long labels). */
  horizontal?: boolean;
  /** Keep at most this many series (largest total first); the rest are dropped and named in `note`. */
  maxSeries?: number;
}

interface Pivot {
  categories: string[];
  series: Array<{ name: string; data: Array<number | null>; colour?: string }>;
}

function num(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Rows -> categories (first-seen order) and one data array per series, aligned to the categories. */
export function pivot(rows: Row[], options: Pick<CartesianOptions, 'x' | 'seriesKey' | 'valueKey' | 'series' | 'maxSeries'>): Pivot {
  const categories: string[] = [];
  const index = new Map<string, number>();
  for (const row of rows) {
    const category = String(row[options.x.key]);
    if (!index.has(category)) {
      index.set(category, categories.length);
      categories.push(category);
    }
  }
  let series: Pivot['series'];
  if (options.series) {
    series = options.series.map((s) => {
      const data: Array<number | null> = categories.map(() => null);
      for (const row of rows) data[index.get(String(row[options.x.key]))!] = num(row[s.key]);
      return { name: s.name, data, colour: s.colour };
    });
  } else {
    if (!options.seriesKey || !options.valueKey) throw new Error('pivot needs either series or seriesKey + valueKey');
    const bySeries = new Map<string, Array<number | null>>();
    for (const row of rows) {
      const name = String(row[options.seriesKey]);
      if (!bySeries.has(name))
        bySeries.set(
          name,
          categories.map(() => null),
        );
      bySeries.get(name)![index.get(String(row[options.x.key]))!] = num(row[options.valueKey]);
    }
    series = [...bySeries].map(([name, data]) => ({ name, data }));
  }
  if (options.maxSeries !== undefined && series.length > options.maxSeries) {
    const total = (d: Array<number | null>) => d.reduce<number>((sum, v) => sum + Math.abs(v ?? 0), 0);
    series = [...series].sort((a, b) => total(b.data) - total(a.data)).slice(0, options.maxSeries);
  }
  return { categories, series };
}

function cartesian(kind: 'bar' | 'line', rows: Row[], options: CartesianOptions): ChartSpec {
  const { categories, series } = pivot(rows, options);
  const categoryAxis = {
    type: 'category',
    data: categories,
    name: axisName(options.x.label, options.x.format),
    nameLocation: 'middle',
    nameGap: options.horizontal ? 110 : 32,
    axisLabel: { hideOverlap: true },
  };
  const valueAxis = {
    type: 'value',
    name: axisName(options.y.label, options.y.format),
    nameLocation: 'middle',
    nameGap: options.horizontal ? 32 : 56,
    // Whole things (rows, checks) never get fractional ticks.
    ...(options.y.format === 'count' || options.y.format === 'integer' ? { minInterval: 1 } : {}),
  };
  return {
    option: {
      color: PALETTE,
      tooltip: { trigger: 'axis' },
      legend: { show: series.length > 1, top: 0, type: 'scroll' },
      grid: { left: options.horizontal ? 130 : 72, right: 24, top: series.length > 1 ? 36 : 16, bottom: 48 },
      xAxis: options.horizontal ? valueAxis : categoryAxis,
      yAxis: options.horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
      series: series.map((s) => ({
        type: kind,
        name: s.name,
        data: s.data,
        ...(options.stacked ? { stack: 'total' } : {}),
        ...(s.colour ? { itemStyle: { color: s.colour } } : {}),
        ...(kind === 'line' ? { showSymbol: categories.length < 40, connectNulls: false } : {}),
      })),
    },
    formats: options.horizontal
      ? { x: options.y.format, y: options.x.format, value: options.y.format }
      : { x: options.x.format, y: options.y.format, value: options.y.format },
    height: options.horizontal ? Math.max(220, 28 * categories.length + 80) : 320,
  };
}

export function barChart(rows: Row[], options: CartesianOptions): ChartSpec {
  return cartesian('bar', rows, options);
}

export function lineChart(rows: Row[], options: CartesianOptions): ChartSpec {
  return cartesian('line', rows, options);
}

export interface DagNode {
  id: string;
  /** Colour key: a step status (success, failed, ...) or 'unknown'. */
  status: string;
  /** Extra lines for the tooltip, already as plain text. */
  details: string[];
  /** The checks folded into this table node, counted by their last result. */
  checks?: CheckCounts;
}

export interface CheckCounts {
  pass: number;
  warn: number;
  fail: number;
  notRun: number;
}

/** "✓ 12 · ! 1 · ✗ 2": a node's check results, short enough for a label. */
export function checkCountsText(c: CheckCounts): string {
  const parts = [`✓ ${c.pass}`];
  if (c.warn) parts.push(`! ${c.warn}`);
  if (c.fail) parts.push(`✗ ${c.fail}`);
  if (c.notRun) parts.push(`? ${c.notRun}`);
  return parts.join(' · ');
}

/**
 * Longest-path layering: a node's column is one more than its deepest upstream, so every edge points
 * right. Cycles (which a DAG must not have) are cut at the first repeated visit rather than looping.
 */
export function dagLayers(nodes: readonly string[], edges: ReadonlyArray<[string, string]>): Map<string, number> {
  const upstreams = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const [from, to] of edges) upstreams.get(to)?.push(from);
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (node: string): number => {
    const known = depth.get(node);
    if (known !== undefined) return known;
    if (visiting.has(node)) return 0;
    visiting.add(node);
    const ups = upstreams.get(node) ?? [];
    const d = ups.length === 0 ? 0 : Math.max(...ups.map(visit)) + 1;
    visiting.delete(node);
    depth.set(node, d);
    return d;
  };
  nodes.forEach(visit);
  return depth;
}

/** A node label short enough for a layer column: "silver.int_recommendations_at…". */
export function shortLabel(id: string, max = 24): string {
  return id.length > max ? `${id.slice(0, max - 1)}…` : id;
}

/** Tallest the graph gets: it must fit a laptop screen; pan and zoom (roam) show the detail. */
export const DAG_MAX_HEIGHT = 620;

/**
 * The pipeline DAG as an ECharts graph with fixed positions: one column per layer, left to right,
 * nodes spread over the chart's width and height (ECharts fits the layout into the box).
 */
export function dagChart(nodes: readonly DagNode[], edges: ReadonlyArray<[string, string]>): ChartSpec {
  const layers = dagLayers(
    nodes.map((n) => n.id),
    edges,
  );
  const rowsInLayer = new Map<number, number>();
  const positioned = [...nodes]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((node) => {
      const layer = layers.get(node.id) ?? 0;
      const row = rowsInLayer.get(layer) ?? 0;
      rowsInLayer.set(layer, row + 1);
      const worst = node.checks ? (node.checks.fail ? 'failed' : node.checks.warn ? 'warn' : undefined) : undefined;
      return {
        name: node.id,
        x: layer * 300,
        y: row * 40,
        value: node.details.join('\n'),
        // Fill: the step's last status; a thick ring: the worst check result folded into the node.
        itemStyle: {
          color: STATUS_COLOURS[node.status] ?? '#999999',
          ...(worst ? { borderColor: STATUS_COLOURS[worst], borderWidth: 3 } : {}),
        },
        // Columns are narrow with ten layers: a shortened name, the check counts on a second line;
        // the tooltip has the full name.
        label: { formatter: `${shortLabel(node.id)}${node.checks ? `\n${checkCountsText(node.checks)}` : ''}` },
        status: node.status,
        ...(node.checks ? { checks: node.checks } : {}),
      };
    });
  const tallest = Math.max(1, ...rowsInLayer.values());
  return {
    option: {
      // The client installs an escaping tooltip formatter for graphs (name + the value's lines).
      tooltip: { confine: true },
      series: [
        {
          type: 'graph',
          layout: 'none',
          roam: true,
          scaleLimit: { min: 0.5, max: 6 },
          // Room on the right for the labels of the last layer.
          left: 16,
          right: 140,
          top: 20,
          bottom: 24,
          symbolSize: 11,
          label: { show: true, position: 'right', fontSize: 10, lineHeight: 12 },
          labelLayout: { hideOverlap: true },
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 6,
          lineStyle: { color: '#888', curveness: 0.15, opacity: 0.6 },
          emphasis: { focus: 'adjacency' },
          data: positioned,
          links: edges.map(([source, target]) => ({ source, target })),
        },
      ],
    },
    height: Math.min(DAG_MAX_HEIGHT, Math.max(260, tallest * 34 + 60)),
  };
}

interface HeatmapOptions {
  x: Axis;
  y: Axis;
  /** Row key of the cell value and its format (also used for the colour scale's labels). */
  value: { key: string; label: string; format: ValueFormat };
  /** Colour scale bounds; default the data's min and max. */
  min?: number;
  max?: number;
  /** Colour scale from low to high (default white to dark blue, for "more is more"). */
  colours?: string[];
}

/** Red (bad) through amber to green (good), for scores where low is a problem. */
export const SCORE_COLOURS = ['#D55E00', '#E69F00', '#F0E442', '#009E73'];

const UNKNOWN = /^(unknown|other|n\/a|none|–|null)$/i;

/** A category's sort key from its first number; "under 18" sorts before "18-24", "65+" after "55-64". */
function numericKey(value: string): number | undefined {
  const match = /-?\d+(\.\d+)?/.exec(value);
  if (!match) return undefined;
  const n = Number(match[0]);
  return /^\s*(under|below|<)/i.test(value) ? n - 0.5 : n;
}

/**
 * Categories in their natural order: numbers as numbers, bands by their first number ("under 18",
 * "18-24", ..., "65+"), text alphabetically; "Unknown" (and the like) always last.
 */
export function naturalOrder(values: string[]): string[] {
  const known = values.filter((v) => !UNKNOWN.test(v.trim()));
  const unknown = values.filter((v) => UNKNOWN.test(v.trim())).sort();
  const keys = new Map(known.map((v) => [v, numericKey(v)]));
  const allNumbered = known.length > 0 && known.every((v) => keys.get(v) !== undefined);
  known.sort((a, b) => {
    if (allNumbered && keys.get(a) !== keys.get(b)) return keys.get(a)! - keys.get(b)!;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return [...known, ...unknown];
}

/**
 * A heat map (e.g. cohort x months since start). Categories are sorted (numerically when numeric);
 * the client installs an escaping tooltip formatter ("y · x: value") from `formats.value`.
 */
export function heatmapChart(rows: Row[], options: HeatmapOptions): ChartSpec {
  // Categories that are all numbers (months since start ...) sort as numbers, others as text, so the
  // axes read in order whatever order the rows came in.
  const xs = naturalOrder([...new Set(rows.map((r) => String(r[options.x.key])))]);
  const ys = naturalOrder([...new Set(rows.map((r) => String(r[options.y.key])))]);
  const xIndex = new Map(xs.map((x, i) => [x, i]));
  const yIndex = new Map(ys.map((y, i) => [y, i]));
  const data: Array<[number, number, number | null]> = rows.map((row) => [
    xIndex.get(String(row[options.x.key]))!,
    yIndex.get(String(row[options.y.key]))!,
    num(row[options.value.key]),
  ]);
  const values = data.map((d) => d[2]).filter((v): v is number => v !== null);
  const min = options.min ?? Math.min(...values);
  const max = options.max ?? Math.max(...values);
  const category = (name: string, values: string[], gap: number) => ({
    // No striped background: a cell without data must look empty, not like a low value.
    type: 'category',
    data: values,
    name,
    nameLocation: 'middle',
    nameGap: gap,
    splitArea: { show: false },
    axisLabel: { hideOverlap: true },
  });
  // Room on the left for the longest row label (about 6.5 px a character at 12 px), within reason.
  const left = Math.min(380, Math.max(90, Math.round(6.5 * Math.max(0, ...ys.map((y) => y.length))) + 40));
  return {
    option: {
      tooltip: { position: 'top' },
      grid: { left, right: 24, top: 16, bottom: xs.length > 12 ? 130 : 90 },
      // Many text categories (genres ...) are written at a slant so every one stays readable.
      xAxis: {
        ...category(axisName(options.x.label, options.x.format), xs, xs.length > 12 ? 70 : 30),
        axisLabel: { interval: 0, rotate: xs.length > 12 ? 35 : 0, hideOverlap: xs.length <= 12 },
      },
      // First category at the top, as tables read.
      yAxis: { ...category(axisName(options.y.label, options.y.format), ys, left - 20), inverse: true },
      visualMap: {
        min,
        max,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        // The scale's ends as numbers, so a colour can be read back as a value.
        text: [`${formatValue(max, options.value.format)} high`, `${formatValue(min, options.value.format)} low`],
        inRange: { color: options.colours ?? ['#deebf7', '#6baed6', '#08306b'] },
      },
      series: [{ type: 'heatmap', name: options.value.label, data, label: { show: false } }],
    },
    formats: { value: options.value.format },
    height: Math.max(300, 22 * ys.length + (xs.length > 12 ? 180 : 140)),
  };
}

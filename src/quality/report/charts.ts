// The report's charts, drawn with ECharts (the project's charting library) on the server: each is
// rendered to an SVG string (server-side rendering, no DOM) and inlined, so quality.html stays one
// file with no script and nothing fetched. Labels are formatted here, in Node, where functions work.
import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';
import type { Histogram } from '../profile.js';
import { formatEnUs } from './escape.js';

// Loaded on the first chart, not on import: every `marquee` process imports the report module, and
// the one-file bundle costs ~0.15 s CPU to load (its ES modules one by one ~0.8 s).
let loaded: typeof Echarts | undefined;
const echarts = (): typeof Echarts => (loaded ??= requireWithoutSourceMap('echarts') as typeof Echarts);

/**
 * `marquee` turns source maps on so stack traces name the TypeScript lines (bin/marquee.js); Node
 * then reads the source map of every module it loads, and ECharts' bundle carries an 8 MB one that no
 * trace of ours needs (about 0.1 s of every quality report). Maps are off while it loads, then as before.
 */
function requireWithoutSourceMap(id: string): unknown {
  const enabled = process.sourceMapsEnabled;
  if (enabled) process.setSourceMapsEnabled(false);
  try {
    return createRequire(import.meta.url)(id);
  } finally {
    if (enabled) process.setSourceMapsEnabled(true);
  }
}

const FONT = { fontSize: 10, color: '#4a5468', fontFamily: 'system-ui, sans-serif' };
const BAR_COLOUR = '#3f6fd8';

/** One chart as an SVG string (wrapped in a div the page styles), rendered and disposed at once. */
function renderSvg(option: Record<string, unknown>, width: number, height: number, label: string): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: FONT, ...option });
    return `<div class="echart" role="img" aria-label="${label.replace(/[&<>"']/g, ' ')}">${chart.renderToSVGString()}</div>`;
  } finally {
    chart.dispose();
  }
}

const dayText = (d: number) => new Date(Math.round(d) * 86_400_000).toISOString().slice(0, 10);

/** Compact axis numbers: 12.5k / 3.4M above ten thousand, else three significant digits of the bin width. */
function axisNumber(v: number, step: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (abs >= 1e4) return `${(v / 1e3).toFixed(1)}k`;
  const decimals = step > 0 ? Math.max(0, Math.min(4, 2 - Math.floor(Math.log10(step)))) : Number.isInteger(v) ? 0 : 2;
  return formatEnUs(v, decimals);
}

/** The lower edge of each bin, as the x axis shows it. */
export function binEdges(h: Histogram): number[] {
  const width = h.counts.length > 0 && h.max > h.min ? (h.max - h.min) / h.counts.length : 0;
  return h.counts.map((_, i) => h.min + i * width);
}

/** Text of one bin's range, e.g. "10 – 14.5" or "2025-01-01 – 2025-01-19". */
export function binLabel(h: Histogram, i: number): string {
  const edges = binEdges(h);
  const step = edges.length > 1 ? edges[1] - edges[0] : 0;
  const text = (v: number) => (h.unit === 'day' ? dayText(v) : axisNumber(v, step));
  const upper = i + 1 < edges.length ? edges[i + 1] : h.max;
  return step === 0 ? text(h.min) : `${text(edges[i])} – ${text(upper)}`;
}

/** A histogram: x the column's bins (lower edges), y the rows in each bin, both axes named. */
export function histogramChart(h: Histogram, xName: string, yName = 'rows'): string {
  const edges = binEdges(h);
  const step = edges.length > 1 ? edges[1] - edges[0] : 0;
  const categories = edges.map((v) => (h.unit === 'day' ? dayText(v) : axisNumber(v, step)));
  return renderSvg(
    {
      grid: { left: 46, right: 10, top: 14, bottom: 40 },
      xAxis: {
        type: 'category',
        data: categories,
        name: xName,
        nameLocation: 'middle',
        nameGap: 26,
        axisLabel: { ...FONT, fontSize: 9, hideOverlap: true },
        axisTick: { alignWithLabel: false },
      },
      yAxis: {
        type: 'value',
        name: yName,
        nameLocation: 'middle',
        nameGap: 34,
        minInterval: 1,
        axisLabel: { ...FONT, fontSize: 9, formatter: (v: number) => axisNumber(v, 1) },
      },
      series: [{ type: 'bar', data: h.counts, barCategoryGap: '8%', itemStyle: { color: BAR_COLOUR } }],
    },
    300,
    150,
    `${xName}: histogram of ${yName}`,
  );
}

export interface HeatmapInput {
  labels: string[];
  /** values[i][j]: the cell of row labels[i] and column labels[j]; null is drawn empty. */
  values: Array<Array<number | null>>;
  min: number;
  max: number;
  /** Colours from min to max. */
  colours: string[];
  /** The number printed in each cell. */
  cellText: (v: number) => string;
  label: string;
}

/** A square heat map with its number in every cell (correlations, co-missingness). */
export function heatmapChart(input: HeatmapInput): string {
  const n = input.labels.length;
  const data: Array<[number, number, number | '-']> = [];
  input.values.forEach((row, i) => row.forEach((v, j) => data.push([j, n - 1 - i, v === null ? '-' : v])));
  const cell = Math.max(26, Math.min(44, Math.floor(520 / Math.max(1, n))));
  const longest = Math.max(...input.labels.map((l) => l.length), 4);
  const left = Math.min(170, 12 + longest * 6);
  const bottom = Math.min(150, 16 + longest * 5);
  return renderSvg(
    {
      grid: { left, right: 12, top: 10, bottom },
      xAxis: { type: 'category', data: input.labels, axisLabel: { ...FONT, rotate: 45, interval: 0 }, splitArea: { show: true } },
      yAxis: { type: 'category', data: [...input.labels].reverse(), axisLabel: { ...FONT, interval: 0 }, splitArea: { show: true } },
      visualMap: { show: false, min: input.min, max: input.max, inRange: { color: input.colours }, calculable: false },
      series: [
        {
          type: 'heatmap',
          data,
          label: {
            show: true,
            fontSize: n > 10 ? 8 : 10,
            formatter: (p: { value: [number, number, number | '-'] }) => (p.value[2] === '-' ? '' : input.cellText(p.value[2])),
          },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
        },
      ],
    },
    left + 12 + cell * n,
    10 + bottom + cell * n,
    input.label,
  );
}

/** Blue for -1, white for 0, red for +1: the sign and strength of a correlation. */
export const CORRELATION_COLOURS = ['#2b59c3', '#f7f7f7', '#c62828'];
/** White for no row, dark orange where every row is blank. */
export const MISSING_COLOURS = ['#ffffff', '#ef8f00', '#8a4b00'];

// Browser side: draw one computed page (PageResult) into the DOM. Every data value goes in through
// textContent or through ECharts' canvas (whose HTML tooltips we escape), never through innerHTML.
import type { ECharts, EChartsOption } from 'echarts';
import { escapeHtml } from '../../html/escape.js';
import { formatValue, type ValueFormat } from '../format.js';
import type { KpiCard } from '../kpi-card.js';
import type { ChartSpec, PageResult, TableColumn, ViewResult } from '../views.js';

declare const echarts: typeof import('echarts');

/** What tests and people can inspect: the chart instances by view id and the page state. */
export interface MarqueeWindow {
  charts: Record<string, ECharts>;
  finished: Record<string, boolean>;
}

export function registry(): MarqueeWindow {
  const w = window as unknown as { __marquee?: MarqueeWindow };
  w.__marquee ??= { charts: {}, finished: {} };
  return w.__marquee;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const FILTER_LABELS: Record<string, string> = { from: 'date', to: 'date', country: 'country', plan: 'plan', device: 'device' };

function filterNote(view: ViewResult): string {
  const names = [...new Set(view.filters.map((f) => FILTER_LABELS[f]))];
  return names.length ? `Filtered by ${names.join(', ')}.` : 'Not affected by the filters.';
}

/** Axis label and tooltip formatters from the spec's formats (functions cannot travel as JSON). */
function withFormatters(spec: ChartSpec): EChartsOption {
  const option = structuredClone(spec.option) as Record<string, unknown>;
  const formats = spec.formats ?? {};
  const axisFormatter = (axis: unknown, format: ValueFormat | undefined) => {
    const a = axis as { type?: string; axisLabel?: Record<string, unknown> } | undefined;
    if (!a || a.type !== 'value' || !format) return;
    a.axisLabel = { ...(a.axisLabel ?? {}), formatter: (v: number) => formatValue(v, format) };
  };
  axisFormatter(option.xAxis, formats.x);
  axisFormatter(option.yAxis, formats.y);
  const tooltip = (option.tooltip ?? {}) as Record<string, unknown>;
  if (formats.value) tooltip.valueFormatter = (v: unknown) => formatValue(v, formats.value);
  const series = option.series as Array<{ type?: string }> | undefined;
  if (series?.[0]?.type === 'graph') {
    tooltip.formatter = (p: { dataType?: string; name?: string; value?: unknown; data?: { source?: string; target?: string } }) =>
      p.dataType === 'edge'
        ? `${escapeHtml(String(p.data?.source))} → ${escapeHtml(String(p.data?.target))}`
        : `<b>${escapeHtml(String(p.name))}</b><br>${escapeHtml(String(p.value ?? '')).replace(/\n/g, '<br>')}`;
  }
  if (series?.[0]?.type === 'heatmap') {
    // Heat map cells are [xIndex, yIndex, value]: name both categories (escaped) and format the value.
    const axisData = (axis: unknown) => ((axis as { data?: string[] } | undefined)?.data ?? []);
    tooltip.formatter = (p: { value?: [number, number, number | null] }) => {
      const [x, y, v] = p.value ?? [0, 0, null];
      return `${escapeHtml(String(axisData(option.yAxis)[y]))} · ${escapeHtml(String(axisData(option.xAxis)[x]))}: ${escapeHtml(formatValue(v, formats.value))}`;
    };
  }
  option.tooltip = tooltip;
  return option as EChartsOption;
}

/** Draw a chart; `finished` is registered before setOption so the first render is never missed. */
function drawChart(key: string, host: HTMLElement, spec: ChartSpec): void {
  const chart = echarts.init(host, undefined, { renderer: 'canvas' });
  const reg = registry();
  reg.charts[key] = chart;
  reg.finished[key] = false;
  chart.on('finished', () => {
    reg.finished[key] = true;
  });
  chart.setOption(withFormatters(spec));
}

function renderTable(view: ViewResult): HTMLElement {
  const table = view.table!;
  const wrap = el('div', 'table-wrap');
  const t = el('table');
  const head = el('tr');
  const numeric = (c: TableColumn) => c.numeric ?? !['text', 'date', undefined].includes(c.format);
  for (const column of table.columns) {
    const th = el('th', numeric(column) ? 'num' : undefined, column.label);
    head.append(th);
  }
  t.append(el('thead'), el('tbody'));
  t.tHead!.append(head);
  for (const row of table.rows) {
    const tr = el('tr');
    for (const column of table.columns) {
      tr.append(el('td', numeric(column) ? 'num' : undefined, formatValue(row[column.key], column.format ?? 'text')));
    }
    t.tBodies[0].append(tr);
  }
  wrap.append(t);
  if (table.totalRows > table.rows.length) {
    wrap.append(el('p', 'note', `Showing ${table.rows.length} of ${formatValue(table.totalRows, 'integer')} rows.`));
  }
  return wrap;
}

function renderCards(viewId: string, cards: KpiCard[]): HTMLElement {
  const grid = el('div', 'cards');
  for (const card of cards) {
    const box = el('div', 'card');
    box.dataset.kpi = card.name;
    box.title = card.description;
    box.append(el('div', 'card-label', card.label), el('div', 'card-value', card.valueText));
    const change = el('div', `card-change ${card.tone}`, card.changeText ? `${card.changeText} vs previous month` : (card.note ?? 'no previous period'));
    box.append(change);
    if (card.period && !card.note) box.append(el('div', 'note', `Latest period: ${card.period}`));
    // The definition on the card itself (what is counted, what is left out), not only in a tooltip.
    box.append(el('div', 'note card-definition', card.description));
    if (card.series.length > 1) {
      const spark = el('div', 'spark');
      spark.setAttribute('aria-label', `${card.label} trend`);
      box.append(spark);
      grid.append(box);
      queueMicrotask(() => drawChart(`${viewId}:${card.name}`, spark, {
        option: {
          grid: { left: 2, right: 2, top: 4, bottom: 2 },
          xAxis: { type: 'category', show: false, data: card.series.map((p) => p[0]) },
          yAxis: { type: 'value', show: false, scale: true },
          tooltip: { trigger: 'axis' },
          series: [{ type: 'line', data: card.series.map((p) => p[1]), showSymbol: false, lineStyle: { width: 1.5 } }],
        },
        formats: { value: card.format },
      }));
      continue;
    }
    grid.append(box);
  }
  return grid;
}

function renderView(view: ViewResult): HTMLElement {
  const section = el('section', `view status-${view.status}`);
  section.dataset.view = view.id;
  section.append(el('h2', undefined, view.title), el('p', 'caption', view.caption));
  if (view.status !== 'ok') {
    section.append(el('div', `panel panel-${view.status}`, view.message ?? view.status));
    return section;
  }
  section.append(el('p', 'note', filterNote(view)));
  for (const finding of view.findings ?? []) section.append(el('p', 'finding', finding));
  if (view.cards) section.append(renderCards(view.id, view.cards));
  if (view.chart) {
    const host = el('div', 'chart');
    host.style.height = `${view.chart.height ?? 320}px`;
    host.setAttribute('role', 'img');
    host.setAttribute('aria-label', view.title);
    section.append(host);
    // Drawn once the section is in the document, so ECharts can measure the host.
    queueMicrotask(() => drawChart(view.id, host, view.chart!));
  }
  if (view.table) section.append(renderTable(view));
  return section;
}

/** Replace `root`'s content with the page. */
export function renderPage(root: HTMLElement, page: PageResult): void {
  for (const chart of Object.values(registry().charts)) chart.dispose();
  registry().charts = {};
  registry().finished = {};
  root.replaceChildren();
  root.append(el('h1', undefined, page.title), el('p', 'caption', page.description));
  for (const view of page.views) root.append(renderView(view));
}

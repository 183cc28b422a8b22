// Browser side: draw one computed page (PageResult) into the DOM. Every data value goes in through
// textContent or through ECharts' canvas (whose HTML tooltips we escape), never through innerHTML.
import type { ECharts, EChartsOption } from 'echarts';
import { escapeHtml } from '../../html/escape.js';
import { formatValue, type ValueFormat } from '../format.js';
import type { KpiCard } from '../kpi-card.js';
import type { ChartSpec, PageResult, ViewResult } from '../views.js';
import { chartTableData } from './chart-data.js';
import { el, prefersDark } from './dom.js';
import { downloadCsv, exportName, saveFile } from './export.js';
import { renderDataTable } from './table.js';

export { el } from './dom.js';

/** How the page is drawn: server pages link drill-downs; the report has no server to drill into. */
export interface RenderContext {
  mode: 'server' | 'report';
}

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

const FILTER_LABELS: Record<string, string> = {
  from: 'date',
  to: 'date',
  country: 'country',
  plan: 'plan',
  device: 'device',
  segment: 'customer segment',
  title: 'title',
};

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
    const axisData = (axis: unknown) => (axis as { data?: string[] } | undefined)?.data ?? [];
    tooltip.formatter = (p: { value?: [number, number, number | null] }) => {
      const [x, y, v] = p.value ?? [0, 0, null];
      return `${escapeHtml(String(axisData(option.yAxis)[y]))} · ${escapeHtml(String(axisData(option.xAxis)[x]))}: ${escapeHtml(formatValue(v, formats.value))}`;
    };
  }
  option.tooltip = tooltip;
  return option as EChartsOption;
}

/** Draw a chart; `finished` is registered before setOption so the first render is never missed. */
function drawChart(key: string, host: HTMLElement, spec: ChartSpec, drill?: { page: string; links: Record<string, string> }): ECharts {
  const chart = echarts.init(host, prefersDark() ? 'dark' : undefined, { renderer: 'canvas' });
  const reg = registry();
  reg.charts[key] = chart;
  reg.finished[key] = false;
  chart.on('finished', () => {
    reg.finished[key] = true;
  });
  const option = withFormatters(spec) as Record<string, unknown>;
  option.backgroundColor = 'transparent';
  chart.setOption(option as EChartsOption);
  if (drill && Object.keys(drill.links).length > 0) {
    // Drill-down: a bar (or point) whose category has a link opens the drill page.
    chart.on('click', (params) => {
      const query = drill.links[String((params as { name?: string }).name)];
      if (query) location.href = `/page/${encodeURIComponent(drill.page)}${query}`;
    });
    host.classList.add('clickable');
    host.title = 'Click a bar to open its page';
  }
  return chart;
}

function renderCards(viewId: string, cards: KpiCard[]): HTMLElement {
  const grid = el('div', 'cards');
  for (const card of cards) {
    const box = el('div', 'card');
    box.dataset.kpi = card.name;
    box.title = card.description;
    box.append(el('div', 'card-label', card.label), el('div', 'card-value', card.valueText));
    // Month on month first, then year on year (or why not); a card with one period says so instead.
    if (card.comparisons.length === 0) box.append(el('div', 'card-change neutral', card.note ?? 'no comparison: only one period'));
    for (const comparison of card.comparisons) {
      const line = el('div', `card-change ${comparison.tone}`, comparison.text);
      line.dataset.comparison = comparison.kind;
      line.title = comparison.kind;
      box.append(line);
    }
    if (card.period && !card.note) box.append(el('div', 'note', `Latest period: ${card.period}`));
    // The definition on the card itself (what is counted, what is left out), not only in a tooltip.
    box.append(el('div', 'note card-definition', card.description));
    if (card.series.length > 1) {
      const spark = el('div', 'spark');
      spark.setAttribute('aria-label', `${card.label} trend`);
      box.append(spark);
      grid.append(box);
      queueMicrotask(() =>
        drawChart(`${viewId}:${card.name}`, spark, {
          option: {
            grid: { left: 2, right: 2, top: 4, bottom: 2 },
            xAxis: { type: 'category', show: false, data: card.series.map((p) => p[0]) },
            yAxis: { type: 'value', show: false, scale: true },
            tooltip: { trigger: 'axis' },
            series: [{ type: 'line', data: card.series.map((p) => p[1]), showSymbol: false, lineStyle: { width: 1.5 } }],
          },
          formats: { value: card.format },
        }),
      );
      continue;
    }
    grid.append(box);
  }
  return grid;
}

/** Buttons under a chart: its data as CSV and the picture as PNG; then the data as a table (accessibility). */
function chartExtras(pageName: string, view: ViewResult): HTMLElement {
  const data = chartTableData(view.chart!);
  const wrap = el('div', 'chart-extras');
  const tools = el('div', 'tools');
  const csv = el('button', undefined, 'Download CSV');
  csv.type = 'button';
  csv.dataset.export = 'csv';
  csv.addEventListener('click', () => downloadCsv(exportName(pageName, view.id, 'csv'), data.columns, data.rows));
  const png = el('button', undefined, 'Download PNG');
  png.type = 'button';
  png.dataset.export = 'png';
  png.addEventListener('click', () => {
    const chart = registry().charts[view.id];
    const background = getComputedStyle(document.body).getPropertyValue('--panel').trim() || '#ffffff';
    if (chart)
      saveFile(exportName(pageName, view.id, 'png'), chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background }));
  });
  tools.append(csv, png);
  const details = el('details', 'chart-data');
  details.append(el('summary', undefined, `Data table (${formatValue(data.rows.length, 'integer')} rows)`));
  // Built when opened: a lineage graph or a heat map can have hundreds of rows.
  details.addEventListener('toggle', () => {
    if (details.open && details.childElementCount === 1) {
      details.append(
        renderDataTable(data.columns, data.rows, { csvName: exportName(pageName, view.id, 'csv'), label: `${view.title}: data` }),
      );
    }
  });
  wrap.append(tools, details);
  return wrap;
}

function renderView(pageName: string, view: ViewResult, context: RenderContext): HTMLElement {
  const section = el('section', `view status-${view.status}`);
  section.dataset.view = view.id;
  section.append(el('h2', undefined, view.title), el('p', 'caption', view.caption));
  if (view.status !== 'ok') {
    section.append(el('div', `panel panel-${view.status}`, view.message ?? view.status));
    return section;
  }
  section.append(el('p', 'note', filterNote(view)));
  if (view.note) section.append(el('p', 'data-note', view.note));
  for (const finding of view.findings ?? []) section.append(el('p', 'finding', finding));
  if (view.cards) section.append(renderCards(view.id, view.cards));
  if (view.chart) {
    const host = el('div', 'chart');
    host.style.height = `${view.chart.height ?? 320}px`;
    host.setAttribute('role', 'img');
    host.setAttribute('aria-label', `${view.title} (chart; the data table below has the same numbers)`);
    section.append(host);
    const drill =
      context.mode === 'server' && view.drill && view.chartLinks ? { page: view.drill.page, links: view.chartLinks } : undefined;
    // Drawn once the section is in the document, so ECharts can measure the host.
    queueMicrotask(() => drawChart(view.id, host, view.chart!, drill));
    section.append(chartExtras(pageName, view));
  }
  if (view.table) {
    section.append(
      renderDataTable(view.table.columns, view.table.rows, {
        csvName: exportName(pageName, view.id, 'csv'),
        totalRows: view.table.totalRows,
        drill: context.mode === 'server' ? view.drill : undefined,
        label: view.title,
      }),
    );
  }
  return section;
}

/** The as-of line shown at the top of every page, from the run log and the data. */
export function asOfText(page: PageResult): string {
  const a = page.asOf ?? {};
  const parts: string[] = [];
  if (a.asOfDate) parts.push(`As of ${a.asOfDate}`);
  if (a.dataThrough) parts.push(`activity data through ${a.dataThrough}`);
  if (a.lastRunId) parts.push(`latest run ${a.lastRunId}${a.lastRunFinished ? ` (${a.lastRunFinished} UTC)` : ''}`);
  return parts.length ? `${parts.join(' · ')}.` : 'As of: no pipeline run recorded yet.';
}

/** Replace `root`'s content with the page. */
export function renderPage(root: HTMLElement, page: PageResult, context: RenderContext = { mode: 'server' }): void {
  for (const chart of Object.values(registry().charts)) chart.dispose();
  registry().charts = {};
  registry().finished = {};
  root.replaceChildren();
  if (page.drillDown) {
    const back = el('a', 'back', '← Back');
    const target = encodeURIComponent(page.backTo ?? 'overview');
    back.href = context.mode === 'server' ? `/page/${target}` : `#${target}`;
    back.dataset.role = 'back';
    back.addEventListener('click', (event) => {
      if (history.length > 1) {
        event.preventDefault();
        history.back();
      }
    });
    root.append(back);
  }
  const asOf = el('p', 'asof', asOfText(page));
  asOf.dataset.role = 'asof';
  root.append(el('h1', undefined, page.title), asOf, el('p', 'caption', page.description));
  for (const view of page.views) root.append(renderView(page.name, view, context));
}

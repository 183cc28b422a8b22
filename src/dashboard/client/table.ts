// A data table in the browser: every row the server sent, sortable by any column (click a header),
// paged (25 rows a page), one number format per column (formatCell: never "50 k" beside "9,947"), and
// exportable as CSV in the order on screen. Cells go in through textContent only.
import type { Row } from '../../engine/engine.js';
import { drillQuery } from '../drill.js';
import { formatCell, formatValue } from '../format.js';
import type { DrillLink, TableColumn } from '../views.js';
import { downloadCsv } from './export.js';
import { el } from './dom.js';

export const PAGE_SIZE = 25;

export interface TableOptions {
  /** Download name for the CSV. */
  csvName: string;
  /** Rows the query had in all (more than `rows` when the server cut them). */
  totalRows?: number;
  /** Drill-down links from each row (server mode only). */
  drill?: DrillLink;
  /** aria-label of the table. */
  label: string;
}

export function isNumeric(column: TableColumn): boolean {
  return column.numeric ?? !['text', 'date', undefined].includes(column.format);
}

/** Nulls last in either direction; numbers as numbers, everything else as text (natural order). */
export function compareCells(a: unknown, b: unknown): number {
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  if (empty(a) || empty(b)) return empty(a) === empty(b) ? 0 : empty(a) ? 1 : -1;
  const na = typeof a === 'number' ? a : Number(a);
  const nb = typeof b === 'number' ? b : Number(b);
  if (typeof a !== 'string' && typeof b !== 'string' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

export function renderDataTable(columns: readonly TableColumn[], source: readonly Row[], options: TableOptions): HTMLElement {
  const wrap = el('div', 'table-block');
  const scroller = el('div', 'table-wrap');
  const table = el('table');
  table.setAttribute('aria-label', options.label);
  const head = el('tr');
  const body = el('tbody');
  const pager = el('div', 'pager');
  let rows = [...source];
  let sortKey: string | undefined;
  let descending = false;
  let page = 0;
  const pages = () => Math.max(1, Math.ceil(rows.length / PAGE_SIZE));

  const headers = columns.map((column) => {
    const th = el('th', isNumeric(column) ? 'num' : undefined);
    th.dataset.key = column.key;
    th.setAttribute('aria-sort', 'none');
    const button = el('button', 'sort', column.label);
    button.type = 'button';
    button.title = `Sort by ${column.label}`;
    button.addEventListener('click', () => {
      // First click: largest first for numbers, A to Z for text; the next click reverses.
      descending = sortKey === column.key ? !descending : isNumeric(column);
      sortKey = column.key;
      const by = column.sortBy ?? column.key;
      rows = [...source].sort((a, b) => compareCells(a[by], b[by]) * (descending ? -1 : 1));
      // Keep nulls last whichever way.
      rows.sort((a, b) => Number(a[by] === null || a[by] === undefined) - Number(b[by] === null || b[by] === undefined));
      page = 0;
      for (const h of headers) h.setAttribute('aria-sort', 'none');
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      draw();
    });
    th.append(button);
    head.append(th);
    return th;
  });
  table.append(el('thead'), body);
  table.tHead!.append(head);

  const drillColumn = options.drill?.linkColumn ?? columns.find((c) => !isNumeric(c))?.key ?? columns[0]?.key;
  function draw(): void {
    body.replaceChildren();
    for (const row of rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)) {
      const tr = el('tr');
      const query = options.drill ? drillQuery(options.drill, row) : undefined;
      for (const column of columns) {
        const td = el('td', isNumeric(column) ? 'num' : undefined);
        const text = formatCell(row[column.key], column.format ?? 'text');
        if (query && column.key === drillColumn) {
          const link = el('a', 'drill', text);
          link.href = `/page/${encodeURIComponent(options.drill!.page)}${query}`;
          td.append(link);
        } else if (text.length > 160) {
          // Long text (messages, samples) is clamped to a few lines; the full text is in the tooltip and the CSV.
          const clamp = el('div', 'clamp', text);
          clamp.title = text;
          td.append(clamp);
        } else td.textContent = text;
        tr.append(td);
      }
      body.append(tr);
    }
    pager.replaceChildren();
    if (rows.length > PAGE_SIZE) {
      const first = page * PAGE_SIZE + 1;
      const last = Math.min(rows.length, (page + 1) * PAGE_SIZE);
      const previous = el('button', undefined, '‹ Previous');
      previous.type = 'button';
      previous.dataset.role = 'previous';
      previous.disabled = page === 0;
      previous.addEventListener('click', () => {
        page -= 1;
        draw();
      });
      const next = el('button', undefined, 'Next ›');
      next.type = 'button';
      next.dataset.role = 'next';
      next.disabled = page >= pages() - 1;
      next.addEventListener('click', () => {
        page += 1;
        draw();
      });
      const where = el(
        'span',
        'note',
        `Rows ${formatValue(first, 'integer')}–${formatValue(last, 'integer')} of ${formatValue(rows.length, 'integer')} (page ${page + 1} of ${pages()})`,
      );
      where.dataset.role = 'range';
      pager.append(previous, where, next);
    }
  }
  draw();

  const tools = el('div', 'tools');
  const csv = el('button', undefined, 'Download CSV');
  csv.type = 'button';
  csv.dataset.export = 'csv';
  csv.title = 'All rows in the order shown, values unformatted';
  csv.addEventListener('click', () => downloadCsv(options.csvName, columns, rows));
  tools.append(csv);
  scroller.append(table);
  wrap.append(tools, scroller, pager);
  if (options.totalRows !== undefined && options.totalRows > source.length) {
    wrap.append(
      el('p', 'note', `Showing the first ${formatValue(source.length, 'integer')} of ${formatValue(options.totalRows, 'integer')} rows.`),
    );
  }
  return wrap;
}

// Export in the browser, with no server: a table's rows as CSV (a Blob URL) and a chart as PNG
// (ECharts' getDataURL). Works the same from the server and from the static report on disk.
import type { Row } from '../../engine/engine.js';
import type { TableColumn } from '../views.js';

/** One CSV field: quoted when needed; text that a spreadsheet would run as a formula gets a leading '. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header names a column in CSV: its label, with "share 0-1" for percentages (values stay unformatted). */
export function csvHeader(column: TableColumn): string {
  return column.format === 'percent' ? `${column.label} (share 0-1)` : column.label;
}

/** Rows as CSV text (RFC 4180, CRLF line ends), raw values in the given row order. */
export function toCsv(columns: readonly TableColumn[], rows: readonly Row[]): string {
  const lines = [columns.map((c) => csvField(csvHeader(c))).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c.key])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Save a file through a temporary link (download attribute), as the browser's own download. */
export function saveFile(filename: string, href: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}

export function downloadCsv(filename: string, columns: readonly TableColumn[], rows: readonly Row[]): void {
  const url = URL.createObjectURL(new Blob([toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' }));
  saveFile(filename, url);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a page and view id: "content-top-titles.csv". */
export function exportName(page: string, view: string, extension: string): string {
  return `${`${page}-${view}`.replace(/[^a-z0-9-]+/gi, '-')}.${extension}`;
}

// Every data value that reaches the HTML report goes through escapeHtml: the report must stay inert
// whatever the data holds (a review text of `<script>` included). One escaper serves the quality
// report and the dashboard.
export { escapeHtml } from '../../html/escape.js';

const formats = new Map<number, Intl.NumberFormat>();

/**
 * `value.toLocaleString('en-US', { maximumFractionDigits })`, with the formatter built once per
 * precision: toLocaleString with options builds a new one per call, which cost more than the rest of
 * rendering a report's thousands of numbers. The default, 3, is toLocaleString's own.
 */
export function formatEnUs(value: number, maximumFractionDigits = 3): string {
  let format = formats.get(maximumFractionDigits);
  if (!format) formats.set(maximumFractionDigits, (format = new Intl.NumberFormat('en-US', { maximumFractionDigits })));
  return format.format(value);
}

/** A number for display: thousands separators, at most `digits` decimals; '' for null. */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return formatEnUs(value, digits);
}

export function formatPct(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '';
  return `${(share * 100).toFixed(digits)}%`;
}

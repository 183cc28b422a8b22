// Every data value that reaches the HTML report goes through escapeHtml: the report must stay inert
// whatever the data holds (a review text of `<script>` included). One escaper serves the quality
// report and the dashboard.
export { escapeHtml } from '../../html/escape.js';

/** A number for display: thousands separators, at most `digits` decimals; '' for null. */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

export function formatPct(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '';
  return `${(share * 100).toFixed(digits)}%`;
}

// Tiny inline SVG charts for the report: no scripts, no network, numbers only (nothing to escape
// except the title, which goes through escapeHtml).
import { escapeHtml } from './escape.js';

export interface BarsOptions {
  width?: number;
  height?: number;
  title?: string;
}

/** Vertical bars for histogram counts, scaled to the tallest bar. */
export function histogramSvg(counts: readonly number[], options: BarsOptions = {}): string {
  const width = options.width ?? 140;
  const height = options.height ?? 32;
  if (counts.length === 0) return '';
  const peak = Math.max(...counts, 1);
  const barWidth = width / counts.length;
  const bars = counts.map((n, i) => {
    const h = n === 0 ? 0 : Math.max(1, (n / peak) * (height - 2));
    return `<rect x="${(i * barWidth + 0.5).toFixed(1)}" y="${(height - h).toFixed(1)}" width="${Math.max(1, barWidth - 1).toFixed(1)}" height="${h.toFixed(1)}"/>`;
  });
  const title = options.title ? `<title>${escapeHtml(options.title)}</title>` : '';
  return `<svg class="hist" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${title}${bars.join('')}</svg>`;
}

/** Horizontal share bar (0..1) with an optional marker for an expected share. */
export function shareBarSvg(share: number, expected?: number | null, width = 80, height = 10): string {
  const w = Math.max(0, Math.min(1, share)) * width;
  const marker = expected === null || expected === undefined ? ''
    : `<line x1="${(expected * width).toFixed(1)}" x2="${(expected * width).toFixed(1)}" y1="0" y2="${height}" class="expected"/>`;
  return `<svg class="share" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect class="track" width="${width}" height="${height}"/><rect width="${w.toFixed(1)}" height="${height}"/>${marker}</svg>`;
}

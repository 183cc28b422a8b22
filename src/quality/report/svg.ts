// Tiny inline SVG charts for the report: no scripts, no network, numbers only (nothing to escape
// except the title, which goes through escapeHtml).
import { escapeHtml, formatEnUs } from './escape.js';

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
  const marker =
    expected === null || expected === undefined
      ? ''
      : `<line x1="${(expected * width).toFixed(1)}" x2="${(expected * width).toFixed(1)}" y1="0" y2="${height}" class="expected"/>`;
  return `<svg class="share" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect class="track" width="${width}" height="${height}"/><rect width="${w.toFixed(1)}" height="${height}"/>${marker}</svg>`;
}

export interface AxesHistogramOptions {
  /** Labels of the x axis ends (the histogram's min and max, already formatted). */
  xMin: string;
  xMax: string;
  /** Axis captions, e.g. 'age' and 'rows'. */
  xLabel: string;
  yLabel?: string;
  width?: number;
  height?: number;
}

/** A histogram with axes: y from 0 to the tallest bin's count, x from min to max, each bar titled with its count. */
export function histogramWithAxesSvg(counts: readonly number[], o: AxesHistogramOptions): string {
  if (counts.length === 0) return '';
  const width = o.width ?? 220;
  const height = o.height ?? 90;
  const left = 38;
  const bottom = 26;
  const plotW = width - left - 4;
  const plotH = height - bottom - 6;
  const peak = Math.max(...counts, 1);
  const barW = plotW / counts.length;
  const bars = counts
    .map((n, i) => {
      const h = n === 0 ? 0 : Math.max(1, (n / peak) * plotH);
      return `<rect x="${(left + i * barW + 0.5).toFixed(1)}" y="${(6 + plotH - h).toFixed(1)}" width="${Math.max(1, barW - 1).toFixed(1)}" height="${h.toFixed(1)}"><title>bin ${i + 1}: ${formatEnUs(n)} ${escapeHtml(o.yLabel ?? 'rows')}</title></rect>`;
    })
    .join('');
  const axis = `<line x1="${left}" y1="6" x2="${left}" y2="${6 + plotH}" class="axis"/><line x1="${left}" y1="${6 + plotH}" x2="${width - 4}" y2="${6 + plotH}" class="axis"/>`;
  const labels =
    `<text x="${left - 3}" y="12" text-anchor="end">${formatEnUs(peak)}</text><text x="${left - 3}" y="${6 + plotH}" text-anchor="end">0</text>` +
    `<text x="${left}" y="${height - 13}">${escapeHtml(o.xMin)}</text><text x="${width - 4}" y="${height - 13}" text-anchor="end">${escapeHtml(o.xMax)}</text>` +
    `<text x="${left + plotW / 2}" y="${height - 2}" text-anchor="middle">${escapeHtml(o.xLabel)}</text>` +
    `<text x="8" y="${6 + plotH / 2}" text-anchor="middle" transform="rotate(-90 8 ${6 + plotH / 2})">${escapeHtml(o.yLabel ?? 'rows')}</text>`;
  return `<svg class="hist axes" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img"><title>${escapeHtml(`${o.xLabel}: ${o.xMin} .. ${o.xMax}, tallest bin ${peak}`)}</title>${axis}${bars}${labels}</svg>`;
}

/** Failed records per run as a small bar strip (newest last); red bars for runs where the check did not pass. */
export function trendSvg(
  points: ReadonlyArray<{ failedRecords: number; passed: boolean; runId: string }>,
  width = 90,
  height = 18,
): string {
  if (points.length === 0) return '';
  const peak = Math.max(...points.map((p) => p.failedRecords), 1);
  const w = width / points.length;
  const bars = points
    .map((p, i) => {
      const h = p.failedRecords === 0 ? 1 : Math.max(2, (p.failedRecords / peak) * (height - 1));
      return `<rect x="${(i * w + 0.5).toFixed(1)}" y="${(height - h).toFixed(1)}" width="${Math.max(1, w - 1).toFixed(1)}" height="${h.toFixed(1)}" class="${p.passed ? 'pass' : 'notpass'}"><title>${escapeHtml(p.runId)}: ${formatEnUs(p.failedRecords)} failed</title></rect>`;
    })
    .join('');
  return `<svg class="trend" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${bars}</svg>`;
}

// HTML of the report's parts computed from the tables (missing-value matrix, correlations, failing
// rows), of the histograms drawn with ECharts, and of the layers of the run. Every value from the
// data goes through escapeHtml.
import type { ColumnProfile } from '../profile.js';
import type { CheckSummary } from './alerts.js';
import { binLabel, CORRELATION_COLOURS, heatmapChart, histogramChart, MISSING_COLOURS } from './charts.js';
import { escapeHtml as e, formatNumber, formatPct } from './escape.js';
import type { LayerRun } from './layers.js';
import type { TableReport } from './model.js';

/** A column's histogram drawn with ECharts, with its counts as a table under it (the numbers behind the bars). */
export function histogramBlock(column: ColumnProfile): string {
  const h = column.histogram!;
  const xName = column.pii ? `${column.column} (length)` : column.column;
  const rows = h.counts.map((n, i) => `<tr><td>${e(binLabel(h, i))}</td><td class="num">${formatNumber(n, 0)}</td></tr>`).join('');
  return `${histogramChart(h, xName)}<details class="bins"><summary>counts per bin</summary><table class="bins"><thead><tr><th>${e(xName)}</th><th>rows</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

/** Which columns are blank together: the co-missingness heat map and the most frequent patterns. */
export function missingBlock(t: TableReport): string {
  const m = t.missing;
  if (m === undefined) return ''; // not computed for this layer
  if (m === null) return '<p class="muted">Missing-value matrix: no column has a blank value.</p>';
  const share = m.bothBlank.map((row) => row.map((v) => (m.rowCount > 0 ? v / m.rowCount : 0)));
  const heat = heatmapChart({
    labels: m.columns,
    values: share,
    min: 0,
    max: Math.max(0.01, ...share.flat()),
    colours: MISSING_COLOURS,
    cellText: (v) => (v === 0 ? '0' : formatPct(v, v < 0.01 ? 2 : 1)),
    label: `${t.dataset}: share of rows where both columns are blank`,
  });
  const head = m.columns.map((c) => `<th class="vertical"><span>${e(c)}</span></th>`).join('');
  const patterns = m.patterns
    .map((p) => {
      const cells = p.blank.map(
        (b, i) => `<td class="${b ? 'blank' : 'present'}" title="${e(m.columns[i])}: ${b ? 'blank' : 'present'}"></td>`,
      );
      const blanks = p.blank.filter(Boolean).length;
      return `<tr>${cells.join('')}<td class="num">${formatNumber(p.rows, 0)}</td><td class="num">${formatPct(m.rowCount ? p.rows / m.rowCount : null, 1)}</td><td class="muted">${blanks === 0 ? 'no blank' : `${blanks} blank`}</td></tr>`;
    })
    .join('');
  const omitted = m.omittedColumns.length ? `<p class="muted">Also with blanks, not drawn: ${e(m.omittedColumns.join(', '))}.</p>` : '';
  return `<div class="matrix"><h3>Missing-value matrix</h3>
<p class="muted">Share of the ${formatNumber(m.rowCount, 0)} rows where the row's column and the column's column are both blank; the diagonal is each column's blank share. Columns blank together point at one cause (a record type, a source outage).</p>
${heat}
<p class="muted">The most frequent missing patterns (dark: blank), with the rows that have exactly that pattern:</p>
<table class="patterns"><thead><tr>${head}<th>rows</th><th>share</th><th></th></tr></thead><tbody>${patterns}</tbody></table>${omitted}</div>`;
}

/** Pearson correlations of the numeric columns as a heat map with r in every cell. */
export function correlationBlock(t: TableReport): string {
  const c = t.correlations;
  if (!c) return '';
  const heat = heatmapChart({
    labels: c.columns,
    values: c.r,
    min: -1,
    max: 1,
    colours: CORRELATION_COLOURS,
    cellText: (v) => v.toFixed(2),
    label: `${t.dataset}: Pearson correlations`,
  });
  const omitted = c.omittedColumns.length ? `<p class="muted">Numeric columns not drawn: ${e(c.omittedColumns.join(', '))}.</p>` : '';
  return `<div class="matrix"><h3>Numeric correlations</h3>
<p class="muted">Pearson's r of each pair of numeric columns, computed in SQL (corr) over the rows where both are present; blank cells: a column constant over those rows. Red: rise together; blue: one rises as the other falls.</p>
${heat}${omitted}</div>`;
}

/** Whole failing rows of the table's checks that did not pass. */
export function failingRowsBlock(checks: readonly CheckSummary[]): string {
  const blocks = checks
    .filter((c) => c.failingRows && (c.failingRows.rows.length > 0 || c.failingRows.note))
    .map((c) => {
      const f = c.failingRows!;
      if (f.rows.length === 0) return `<p><strong>${e(c.check)}</strong> <span class="muted">${e(f.note ?? '')}</span></p>`;
      const head = f.columns.map((col) => `<th>${e(col)}</th>`).join('');
      const body = f.rows.map((r) => `<tr>${r.map((v) => `<td>${e(v)}</td>`).join('')}</tr>`).join('');
      const personal =
        f.personalData === 'pseudonymised'
          ? ' Personal columns show the keyed pseudonym silver gives them.'
          : f.personalData === 'masked'
            ? ' Personal columns are masked.'
            : '';
      return `<p><strong>${e(c.check)}</strong> <span class="muted">first ${f.rows.length} of ${formatNumber(c.failedRecords, 0)} failing row(s).${personal}</span></p>
<div class="scroll"><table class="rows"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
    });
  if (blocks.length === 0) return '';
  return `<details open><summary>Sample failing rows</summary>${blocks.join('\n')}</details>`;
}

/** Every layer: did it run in this run, and whose records does the report show. */
export function layersCard(layers: readonly LayerRun[] | undefined): string {
  if (!layers || layers.length === 0) return '';
  const rows = layers
    .map(
      (l) =>
        `<tr class="layer-${l.status.replaceAll(' ', '-')}"><td>${e(l.layer)}</td><td><strong>${e(l.status)}</strong></td><td>${e(l.note)}</td></tr>`,
    )
    .join('');
  return `<section class="card" id="layers"><h2>Layers of this run</h2><table><thead><tr><th>layer</th><th>in this run</th><th>what the report shows</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

// quality.html: one self-contained page (inline CSS and SVG, no scripts, no network). Every value
// from the data goes through escapeHtml. Later layers add sections (QualityReport.sections) rather
// than editing the table cards.
import type { ColumnProfile, Histogram } from '../profile.js';
import type { Alert, CheckSummary } from './alerts.js';
import { escapeHtml as e, formatNumber, formatPct } from './escape.js';
import type { QualityReport, TableReport } from './model.js';
import { histogramWithAxesSvg, shareBarSvg, trendSvg } from './svg.js';
import type { ReportOverview } from './model.js';
import { correlationBlock, failingRowsBlock, histogramBlock, layersCard, missingBlock } from './html-extras.js';

/** Layers whose column histograms are drawn with ECharts (gold keeps the compact inline bars). */
const CHARTED_LAYERS: ReadonlySet<string> = new Set(['bronze', 'silver']);

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f6f7f9;color:#1d2433}
header{background:#1d2433;color:#fff;padding:16px 24px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;color:#c7cbd6}
main{padding:16px 24px;max-width:1400px}
.card{background:#fff;border:1px solid #dde1e8;border-radius:8px;margin:0 0 20px;padding:16px}
.card h2{margin:0 0 8px;font-size:17px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eef0f3;vertical-align:top}
th{font-weight:600;color:#4a5468;font-size:12px;text-transform:uppercase;letter-spacing:.03em}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.alerts{list-style:none;padding:0;margin:8px 0}.alerts li{padding:3px 8px;margin:2px 0;border-left:4px solid}
.error{border-color:#c62828;background:#fdecea}.warning{border-color:#ef8f00;background:#fff4e0}.info{border-color:#3f6fd8;background:#eef3fd}
.ok{color:#2e7d32}.bad{color:#c62828;font-weight:600}
svg.hist rect{fill:#3f6fd8}svg.share rect{fill:#ef8f00}svg.share rect.track{fill:#eef0f3}svg.share line.expected{stroke:#1d2433;stroke-width:2}
svg.axes line.axis{stroke:#7a8396}svg.axes text{font-size:9px;fill:#4a5468}
svg.trend rect.pass{fill:#2e7d32}svg.trend rect.notpass{fill:#c62828}
.status-fail{color:#fff;background:#c62828;padding:1px 6px;border-radius:3px}.status-warn{background:#ef8f00;color:#fff;padding:1px 6px;border-radius:3px}.status-pass{background:#2e7d32;color:#fff;padding:1px 6px;border-radius:3px}
.top{font-size:12px;color:#4a5468}.muted{color:#7a8396;font-size:12px}
.echart svg{display:block}.matrix{margin:12px 0}.matrix h3{font-size:15px;margin:8px 0 4px}
table.patterns{width:auto}table.patterns td.blank{background:#8a4b00;width:16px}table.patterns td.present{background:#eef0f3;width:16px}
table.patterns th.vertical{white-space:nowrap;vertical-align:bottom;padding:2px 0;text-align:center}table.patterns th.vertical span{display:inline-block;writing-mode:vertical-rl;transform:rotate(180deg);text-transform:none}
table.bins{width:auto;font-size:12px}details.bins summary{font-weight:400;font-size:12px;margin:2px 0}
.scroll{overflow-x:auto}table.rows td{font-size:12px;white-space:nowrap}
tr.layer-did-not-run td{background:#fff4e0}
details summary{cursor:pointer;font-weight:600;margin:8px 0}
`;

function alertList(alerts: readonly Alert[]): string {
  if (alerts.length === 0) return '<p class="ok">No alerts.</p>';
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...alerts].sort((a, b) => order[a.severity] - order[b.severity]);
  return `<ul class="alerts">${sorted.map((a) => `<li class="${a.severity}"><strong>${e(a.code)}</strong> ${e(a.message)}</li>`).join('')}</ul>`;
}

function histogramTitle(column: ColumnProfile, h: Histogram): string {
  if (column.pii) return `${column.column} length: ${formatNumber(h.min, 0)} .. ${formatNumber(h.max, 0)} characters`;
  if (h.unit === 'day') {
    return `${column.column}: ${dayText(h.min)} .. ${dayText(h.max)}`;
  }
  return `${column.column}: ${formatNumber(h.min)} .. ${formatNumber(h.max)}`;
}

function axisText(h: Histogram, v: number): string {
  return h.unit === 'day' ? dayText(v) : formatNumber(v);
}

function distribution(column: ColumnProfile, layer: string): string {
  if (column.histogram && CHARTED_LAYERS.has(layer)) return histogramBlock(column);
  if (column.histogram) {
    const h = column.histogram;
    return histogramWithAxesSvg(h.counts, {
      xMin: axisText(h, h.min),
      xMax: axisText(h, h.max),
      xLabel: histogramTitle(column, h).split(':')[0],
      yLabel: 'rows',
    });
  }
  if (column.topValues.length > 0) {
    const nonBlank = Math.max(1, column.rowCount - column.blankCount);
    return `<div class="top">${column.topValues
      .slice(0, 5)
      .map((t) => `${e(t.value)} <span class="muted">${formatPct(t.count / nonBlank, t.count / nonBlank < 0.01 ? 2 : 0)}</span>`)
      .join('<br>')}</div>`;
  }
  return '<span class="muted">near-unique</span>';
}

const dayText = (d: number) => new Date(Math.round(d) * 86_400_000).toISOString().slice(0, 10);

/** Mean, sd and quantiles in the column's own terms: dates as dates, spreads in days. */
function moments(c: ColumnProfile): { mean: string; sd: string; quantiles: string } {
  const qs = [c.p01, c.p25, c.p50, c.p75, c.p99];
  if (c.kind === 'date' || c.kind === 'timestamp') {
    return {
      mean: c.mean === null ? '' : dayText(c.mean),
      sd: c.stddev === null ? '' : `${formatNumber(c.stddev, 0)} days`,
      quantiles: qs.every((v) => v === null) ? '' : qs.map((v) => (v === null ? '' : dayText(v))).join('<br>'),
    };
  }
  return {
    mean: formatNumber(c.mean),
    sd: formatNumber(c.stddev),
    quantiles: qs.every((v) => v === null) ? '' : qs.map((v) => formatNumber(v)).join(' / '),
  };
}

function columnRow(c: ColumnProfile, layer: string): string {
  const blank = `${formatPct(c.blankPct)}${c.expectedBlankPct !== null ? ` <span class="muted">exp ${formatPct(c.expectedBlankPct)}</span>` : ''}`;
  const structural = c.structuralBlankCount !== null ? `${formatNumber(c.structuralBlankCount, 0)}` : '';
  const m = moments(c);
  const pii = c.pii ? '<br><span class="muted">personal data: counts and lengths only</span>' : '';
  return `<tr><td><strong>${e(c.column)}</strong><br><span class="muted">${e(c.type)}</span>${pii}</td>
<td class="num">${blank}<br>${shareBarSvg(c.blankPct, c.expectedBlankPct)}</td><td class="num">${structural}</td>
<td class="num">${formatNumber(c.distinctCount, 0)}</td><td>${e(c.min ?? '')}</td><td>${e(c.max ?? '')}</td>
<td class="num">${m.mean}</td><td class="num">${m.sd}</td><td class="num">${m.quantiles}</td><td>${distribution(c, layer)}</td></tr>`;
}

const statusBadge = (c: CheckSummary) => {
  const status = c.status ?? (c.passed ? 'pass' : c.action === 'fail' ? 'fail' : 'warn');
  return `<span class="status-${status}">${status}</span>`;
};

function checkRow(c: CheckSummary): string {
  return `<tr><td>${e(c.check)}</td><td>${e(c.kind)}</td><td>${e(c.column ?? '')}</td><td>${e(c.action)}</td>
<td>${statusBadge(c)}</td><td class="num">${formatNumber(c.passedRecords, 0)}</td>
<td class="num">${formatNumber(c.failedRecords, 0)}</td><td>${e(c.sample.join(', '))}</td></tr>`;
}

function quarantineBlock(t: TableReport): string {
  if (t.quarantine.sample.length === 0) return '';
  const rows = t.quarantine.sample
    .map(
      (q) =>
        `<tr><td class="num">${q.lineNumber ?? ''}</td><td>${e(q.reasonCode)}</td><td>${e(q.reason)}</td><td><code>${e(q.rawLine ?? '')}</code></td></tr>`,
    )
    .join('');
  const shown = t.quarantine.sample.length < t.quarantine.total ? ` (first ${t.quarantine.sample.length})` : '';
  return `<details open><summary>${formatNumber(t.quarantine.total, 0)} quarantined line(s)${shown}</summary>
<table><thead><tr><th>line</th><th>code</th><th>reason</th><th>raw line</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

function tableCard(t: TableReport): string {
  const failed = t.checks.filter((c) => !c.passed).length;
  const ingestions = t.ingestions
    .map(
      (i) => `<tr><td>${e(i.status)}</td><td>${e(i.batchId ?? '')}</td><td>${e(i.sourceFile)}</td>
<td class="num">${formatNumber(i.bytes, 0)}</td><td class="num">${formatNumber(i.rowsRead, 0)}</td><td class="num">${formatNumber(i.rowsLoaded, 0)}</td>
<td class="num">${formatNumber(i.rowsQuarantined, 0)}</td><td class="num">${formatNumber(i.durationMs, 0)} ms</td><td>${e(i.message ?? '')}</td></tr>`,
    )
    .join('');
  return `<section class="card" id="${e(t.dataset)}">
<h2>${e(t.dataset)}</h2>
<p>${formatNumber(t.rowCount, 0)} rows · ${t.columns.length} columns · ${formatNumber(t.quarantine.total, 0)} in quarantine · checks: ${t.checks.length - failed} passed, ${failed} failed</p>
${alertList(t.alerts)}
${ingestions ? `<table><thead><tr><th>status</th><th>batch</th><th>file</th><th>bytes</th><th>read</th><th>loaded</th><th>quarantined</th><th>time</th><th>notes</th></tr></thead><tbody>${ingestions}</tbody></table>` : ''}
<table><thead><tr><th>column</th><th>blank (expected)</th><th>structural blanks</th><th>distinct</th><th>min</th><th>max</th><th>mean</th><th>sd</th><th>p1 / p25 / p50 / p75 / p99</th><th>distribution</th></tr></thead>
<tbody>${t.columns.map((c) => columnRow(c, t.layer)).join('')}</tbody></table>
${missingBlock(t)}
${correlationBlock(t)}
${failingRowsBlock(t.checks)}
${quarantineBlock(t)}
<details><summary>${t.checks.length} checks</summary><table><thead><tr><th>check</th><th>kind</th><th>column</th><th>action</th><th>result</th><th>passed</th><th>failed</th><th>sample</th></tr></thead>
<tbody>${t.checks.map(checkRow).join('')}</tbody></table></details>
</section>`;
}

function overviewCard(o: ReportOverview): string {
  const types = Object.entries(o.variablesByType)
    .sort()
    .map(([k, v]) => `${e(k)} ${formatNumber(v, 0)}`)
    .join(', ');
  const runs = Object.entries(o.runsByLayer)
    .map(([layer, run]) => `${e(layer)}: ${e(run)}`)
    .join(' · ');
  return `<section class="card" id="overview"><h2>Overview</h2><table><tbody>
<tr><th>tables profiled</th><td class="num">${formatNumber(o.tables, 0)}</td><th>rows</th><td class="num">${formatNumber(o.rows, 0)}</td></tr>
<tr><th>variables</th><td class="num">${formatNumber(o.variables, 0)}</td><th>by type</th><td>${types}</td></tr>
<tr><th>missing cells</th><td class="num">${formatNumber(o.missingCells, 0)}</td><th>share of cells</th><td class="num">${formatPct(o.missingShare, 2)}</td></tr>
<tr><th>duplicate rows (extra copies, bronze)</th><td class="num">${formatNumber(o.duplicateRows, 0)}</td><th>share of bronze rows</th><td class="num">${formatPct(o.duplicateShare, 2)}</td></tr>
<tr><th>checks</th><td colspan="3">${o.checks.fail} fail · ${o.checks.warn} warn · ${o.checks.pass} pass</td></tr>
</tbody></table><p class="muted">Records per layer from run ${runs || '-'}.</p></section>`;
}

function allChecksCard(checks: readonly CheckSummary[]): string {
  const rows = checks
    .map(
      (
        c,
      ) => `<tr><td>${statusBadge(c)}</td><td>${e(c.layer ?? '')}</td><td>${e(c.dataset ?? '')}</td><td><strong>${e(c.check)}</strong><br><span class="muted">${e(c.kind)} · ${e(c.action)}</span></td>
<td>${e(c.expectation ?? '')}</td><td>${e(c.threshold ?? '')}</td><td class="num">${formatNumber(c.failedRecords, 0)} of ${formatNumber(c.passedRecords + c.failedRecords, 0)}<br><span class="muted">${formatPct(c.failedShare ?? null, 2)}</span></td>
<td>${e(c.sample.slice(0, 3).join(', '))}</td><td>${trendSvg(c.trend ?? [])}</td></tr>`,
    )
    .join('\n');
  return `<section class="card" id="checks"><h2>Every check of every layer, worst first</h2>
<p>fail: bad records found and the run stopped downstream · warn: bad records found and kept (or quarantined by a drop check) · pass. Observed: failed records of records checked (for duplicate checks, the extra copies). Trend: failed records in the last runs, oldest first (red: the check did not pass). Samples of checks on personal-data columns are masked.</p>
<table><thead><tr><th>status</th><th>layer</th><th>table</th><th>check</th><th>expectation</th><th>threshold</th><th>observed</th><th>sample failing keys</th><th>trend</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function summary(report: QualityReport): string {
  const rows = report.tables
    .map((t) => {
      const worst = t.alerts.some((a) => a.severity === 'error')
        ? 'error'
        : t.alerts.some((a) => a.severity === 'warning')
          ? 'warning'
          : 'ok';
      return `<tr><td>${e(t.layer)}</td><td><a href="#${e(t.dataset)}">${e(t.dataset)}</a></td><td class="num">${formatNumber(t.rowCount, 0)}</td>
<td class="num">${formatNumber(t.quarantine.total, 0)}</td><td class="num">${t.checks.filter((c) => !c.passed).length} of ${t.checks.length}</td>
<td class="num">${t.alerts.length}</td><td class="${worst === 'ok' ? 'ok' : 'bad'}">${worst}</td></tr>`;
    })
    .join('');
  return `<section class="card"><h2>Summary</h2><table><thead><tr><th>layer</th><th>dataset</th><th>rows</th><th>quarantined</th><th>checks not passed</th><th>alerts</th><th>status</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function unrecognised(report: QualityReport): string {
  const files = report.unrecognisedFiles ?? [];
  if (files.length === 0) return '';
  return `<section class="card" id="unrecognised-files"><h2>Unrecognised files</h2><p>${files.length} file(s) in the input folder match no source table and were not loaded (a table's files are named &lt;table&gt;.csv, &lt;table&gt;_*.csv or &lt;table&gt;/*.csv):</p><ul>${files.map((f) => `<li>${e(f)}</li>`).join('')}</ul></section>`;
}

export function renderQualityHtml(report: QualityReport): string {
  const sections = report.sections.map((s) => `<section class="card" id="${e(s.id)}"><h2>${e(s.title)}</h2>${s.html}</section>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(report.title)}</title><style>${STYLE}</style></head>
<body><header><h1>${e(report.title)}</h1><p>run ${e(report.runId)} · generated ${e(report.generatedAt)} · as-of date ${e(report.asOfDate)}</p></header>
<main>
${layersCard(report.layers)}
${report.overview ? overviewCard(report.overview) : ''}
${summary(report)}
${unrecognised(report)}
${report.checks ? allChecksCard(report.checks) : ''}
${sections}
${report.tables.map(tableCard).join('\n')}
</main></body></html>
`;
}

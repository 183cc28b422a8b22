// The HTML shell shared by the server and the report: header (nav + filters), an empty <main> the
// client fills, the boot data as JSON (escaped for <script>), and the scripts, linked (server) or
// inlined (report, so the file opens from disk with no network).
import type { BootData } from './client/main.js';
import { escapeHtml, jsonForScript, scriptForInline } from '../html/escape.js';
import { STYLE } from './style.js';
import type { PageResult } from './views.js';

/** The server's Content-Security-Policy: our own scripts only, no inline script, no other origin. */
export const SERVER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The report's policy: everything inline, nothing fetched from anywhere. */
export const REPORT_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

interface ShellOptions {
  title: string;
  boot: BootData;
  /** Report: every page's data, embedded as a second JSON block. */
  data?: Record<string, PageResult>;
  /** Server: script URLs. Report: script sources to inline. */
  scripts: { kind: 'linked'; urls: string[] } | { kind: 'inline'; sources: string[] };
}

export function renderShell(options: ShellOptions): string {
  const csp = options.scripts.kind === 'inline' ? `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">\n` : '';
  const scripts =
    options.scripts.kind === 'linked'
      ? options.scripts.urls.map((u) => `<script src="${escapeHtml(u)}"></script>`).join('\n')
      : options.scripts.sources.map((s) => `<script>${scriptForInline(s)}</script>`).join('\n');
  const data = options.data ? `<script type="application/json" id="marquee-data">${jsonForScript(options.data)}</script>\n` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${csp}<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(options.title)} · Marquee</title>
<style>${STYLE}</style>
</head>
<body data-state="loading">
<header><span class="brand">Marquee</span><nav id="nav"></nav><div id="filters"></div></header>
<main id="page"><p class="note">Loading…</p></main>
<script type="application/json" id="marquee-boot">${jsonForScript(options.boot)}</script>
${data}${scripts}
</body>
</html>
`;
}

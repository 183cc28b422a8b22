// The dashboard's stylesheet, shared by the server's shell and the report (inlined in both).
// Colours are variables so the dark theme (prefers-color-scheme) only swaps them.
export const STYLE = `
:root { color-scheme: light dark; --ink: #1d2433; --muted: #5b6475; --line: #d9dee7; --bg: #f6f7f9; --panel: #ffffff; --soft: #f0f3f8; --good: #007a55; --bad: #b23c00; --accent: #0072B2; --error-bg: #fdecea; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #e6e9ef; --muted: #a3abba; --line: #39414f; --bg: #14181f; --panel: #1c2129; --soft: #252b35; --good: #3ccf91; --bad: #ff8a5c; --accent: #4fa3e0; --error-bg: #3a211b; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
header { background: var(--panel); border-bottom: 1px solid var(--line); padding: 10px 20px; position: sticky; top: 0; z-index: 5; }
header .brand { font-weight: 700; margin-right: 16px; }
nav { display: inline-flex; flex-wrap: wrap; gap: 4px; }
nav a { color: var(--ink); text-decoration: none; padding: 4px 9px; border-radius: 6px; }
nav a.active, nav a:hover { background: var(--accent); color: #fff; }
#filters { margin-top: 8px; }
#filters form { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; }
#filters label { color: var(--muted); font-size: 13px; }
input, select, button { font: inherit; color: var(--ink); background: var(--panel); border: 1px solid var(--line); border-radius: 5px; padding: 2px 6px; }
button { cursor: pointer; font-size: 12px; }
button:disabled { opacity: .45; cursor: default; }
a { color: var(--accent); }
.filter-error { color: var(--bad); font-size: 13px; }
main { max-width: 1200px; margin: 0 auto; padding: 8px 20px 40px; }
/* A heading from the data (a title's name) may be one long word: break it rather than widen the page. */
h1 { font-size: 22px; margin: 16px 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 16px; margin: 0 0 4px; }
.asof { font-size: 12px; color: var(--muted); margin: 0 0 4px; }
.back { display: inline-block; margin-top: 12px; }
.caption { color: var(--muted); margin: 0 0 8px; }
.note { color: var(--muted); font-size: 12px; margin: 4px 0; }
.data-note { font-size: 13px; margin: 4px 0 8px; padding: 6px 10px; border-left: 3px solid #E69F00; background: var(--soft); }
.finding { margin: 4px 0; padding: 4px 8px; border-left: 3px solid var(--muted); }
.view { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 14px 0; min-width: 0; }
.chart { width: 100%; }
.chart.clickable { cursor: pointer; }
.tools { display: flex; gap: 6px; justify-content: flex-end; margin: 4px 0; }
.chart-data summary { cursor: pointer; color: var(--muted); font-size: 12px; }
.pager { display: flex; gap: 10px; align-items: center; justify-content: flex-end; margin-top: 6px; }
.panel { padding: 14px; border-radius: 6px; background: var(--soft); color: var(--muted); }
.panel-error { background: var(--error-bg); color: var(--bad); }
.panel-error p { margin: 0 0 8px; }
.panel-missing { border: 1px dashed var(--line); }
.table-wrap { overflow-x: auto; max-height: 520px; overflow-y: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { position: sticky; top: 0; background: var(--panel); }
th { vertical-align: bottom; }
/* Long headers wrap (at most ~11em wide) so a wide table keeps its last columns in view. */
th button.sort { border: 0; background: none; padding: 0; font-weight: 600; font-size: 13px; text-align: inherit; white-space: normal; max-width: 11em; }
th[aria-sort="ascending"] button.sort::after { content: " ▲"; }
th[aria-sort="descending"] button.sort::after { content: " ▼"; }
/* Numbers never wrap ("34.5 %" stays on one line). */
.clamp { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; max-width: 48em; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.card-label { color: var(--muted); font-size: 13px; }
.card-value { font-size: 26px; font-weight: 600; font-variant-numeric: tabular-nums; white-space: nowrap; }
.card-change.good { color: var(--good); } .card-change.bad { color: var(--bad); } .card-change.neutral { color: var(--muted); }
.spark { height: 40px; margin-top: 6px; }
@media (max-width: 600px) {
  header { padding: 8px 10px; position: static; }
  main { padding: 4px 8px 30px; }
  .view { padding: 10px; }
}
`;

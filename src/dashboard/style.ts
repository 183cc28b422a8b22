// The dashboard's stylesheet, shared by the server's shell and the report (inlined in both).
export const STYLE = `
:root { --ink: #1d2433; --muted: #5b6475; --line: #d9dee7; --bg: #f6f7f9; --good: #007a55; --bad: #b23c00; --accent: #0072B2; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
header { background: #fff; border-bottom: 1px solid var(--line); padding: 10px 20px; position: sticky; top: 0; z-index: 5; }
header .brand { font-weight: 700; margin-right: 16px; }
nav { display: inline-flex; flex-wrap: wrap; gap: 4px; }
nav a { color: var(--ink); text-decoration: none; padding: 4px 9px; border-radius: 6px; }
nav a.active, nav a:hover { background: var(--accent); color: #fff; }
#filters { margin-top: 8px; }
#filters form { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
#filters label { color: var(--muted); font-size: 13px; }
main { max-width: 1200px; margin: 0 auto; padding: 8px 20px 40px; }
h1 { font-size: 22px; margin: 16px 0 4px; }
h2 { font-size: 16px; margin: 0 0 4px; }
.caption { color: var(--muted); margin: 0 0 8px; }
.note { color: var(--muted); font-size: 12px; margin: 4px 0; }
.finding { margin: 4px 0; padding: 4px 8px; border-left: 3px solid var(--muted); }
.view { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 14px 0; }
.chart { width: 100%; }
.panel { padding: 14px; border-radius: 6px; background: #f0f3f8; color: var(--muted); }
.panel-error { background: #fdecea; color: var(--bad); }
.panel-missing { border: 1px dashed var(--line); }
.table-wrap { overflow-x: auto; max-height: 480px; overflow-y: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { position: sticky; top: 0; background: #fff; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.card-label { color: var(--muted); font-size: 13px; }
.card-value { font-size: 26px; font-weight: 600; font-variant-numeric: tabular-nums; }
.card-change.good { color: var(--good); } .card-change.bad { color: var(--bad); } .card-change.neutral { color: var(--muted); }
.spark { height: 40px; margin-top: 6px; }
`;

// The report's stylesheet, inlined into the page (no external fonts or files).
// Must never: reference a URL (url(...), @import): the page's Content-Security-Policy would block it anyway.

/** CSS for the backtest report. */
export const REPORT_STYLE = `
:root { color-scheme: light; --fg: #1f2933; --muted: #616e7c; --line: #d5dbe1; --pos: #1b7a35; --neg: #c62828; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 16px 24px 32px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
h1 { font-size: 22px; margin: 8px 0 12px; overflow-wrap: anywhere; }
h2 { font-size: 17px; margin: 24px 0 8px; }
.top { display: flex; flex-wrap: wrap; gap: 8px 56px; align-items: flex-start; }
.top > section { flex: 0 1 auto; max-width: 100%; }
table { border-collapse: collapse; }
.facts th, .metrics th { text-align: left; font-weight: 600; padding: 3px 18px 3px 0; color: var(--muted); white-space: nowrap; vertical-align: top; }
.facts td, .metrics td { padding: 3px 0; overflow-wrap: anywhere; }
.facts { max-width: 640px; }
.metrics { min-width: 360px; }
.metrics td { text-align: right; font-variant-numeric: tabular-nums; }
.metrics tr, .facts tr { border-bottom: 1px solid #f0f2f4; }
.chart { position: relative; width: 100%; height: 340px; border: 1px solid var(--line); border-radius: 4px; }
.chart.short { height: 200px; }
.chart.tall { height: 420px; }
.note { color: var(--muted); margin: 4px 0 8px; }
.error { color: var(--neg); font-weight: 600; }
.scroll { overflow-x: auto; }
.list { width: 100%; font-variant-numeric: tabular-nums; }
.list th { text-align: left; border-bottom: 2px solid var(--line); padding: 4px 8px; white-space: nowrap; }
.list td { border-bottom: 1px solid #eef1f4; padding: 3px 8px; white-space: nowrap; }
.list td.num { text-align: right; }
.list tr.gap td { text-align: center; color: var(--muted); font-style: italic; }
.pos { color: var(--pos); }
.neg { color: var(--neg); }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
`;

// Renders a BacktestResult as one self-contained HTML document (SPEC §11): run header, metrics, equity and drawdown
// charts, candles with the fills, trades. The chart library and all data are inlined, and a Content-Security-Policy
// forbids every fetch, so the file opens from file:// with no server and no network.
// Must never: reference a URL to load anything, put result text into the page unescaped, or embed unbounded data.

import type { BacktestResult } from '../../runtime/backtest/backtest-types.js';
import { loadChartLibrary } from './chart-library.js';
import { buildReportChartData, DEFAULT_REPORT_LIMITS, type ReportChartData, type ReportLimits } from './report-data.js';
import { escapeHtml, formatNumber, jsonForScript } from './report-format.js';
import { REPORT_PAGE_SCRIPT } from './report-page-script.js';
import { DEFAULT_TRADE_ROWS, renderMetrics, renderOpenPositions, renderRunFacts, renderTrades } from './report-sections.js';
import { REPORT_STYLE } from './report-style.js';

export interface RenderReportOptions {
  /** Page title and heading; default "Backtest: <strategy>". */
  readonly title?: string;
  /** Caps on embedded chart data (defaults: 5,000 equity points, 4,000 candles, 2,000 markers). */
  readonly limits?: Partial<ReportLimits>;
  /** Trades table rows shown at most (default 500: first and last 250). */
  readonly maxTradeRows?: number;
}

/** Nothing may be fetched; inline scripts and styles only (the library injects a <style> for its logo). */
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:";

function chartNotes(data: ReportChartData): { equity: string; candles: string } {
  const drawn = data.equity.time.length;
  const equity =
    data.equityInputPoints === 0
      ? 'No equity points in this run.'
      : drawn < data.equityInputPoints
        ? `${formatNumber(data.equityInputPoints, 0)} points, drawn as ${formatNumber(drawn, 0)} (each bucket keeps its first, lowest, highest and last point).`
        : `${formatNumber(drawn, 0)} points.`;
  const c = data.candles;
  if (c === null) return { equity, candles: '' };
  const parts = [`${formatNumber(c.inputCandles, 0)} candles of ${c.symbol}`];
  if (c.per > 1) parts.push(`merged ${formatNumber(c.per, 0)} to 1 (${formatNumber(c.time.length, 0)} drawn)`);
  parts.push(`${formatNumber(data.markers.time.length, 0)} fills marked (▲ buy, ▼ sell)`);
  if (data.markers.omitted > 0) parts.push(`${formatNumber(data.markers.omitted, 0)} fills not marked`);
  return { equity, candles: `${parts.join('; ')}.` };
}

function chartsSection(data: ReportChartData): string {
  const notes = chartNotes(data);
  const candles =
    data.candles === null
      ? '<section><h2>Candles</h2><p class="note">This run carries no candles.</p></section>'
      : `<section><h2>Candles and fills: ${escapeHtml(data.candles.symbol)}</h2><p class="note">${escapeHtml(notes.candles)}</p>` +
        '<div id="candles-chart" class="chart tall" data-testid="candles-chart"></div></section>';
  return [
    '<p id="report-error" class="error" role="alert" hidden></p>',
    `<section><h2>Equity</h2><p class="note">${escapeHtml(notes.equity)} Times are New York (ET).</p>`,
    '<div id="equity-chart" class="chart" data-testid="equity-chart"></div></section>',
    '<section><h2>Drawdown from peak</h2><div id="drawdown-chart" class="chart short" data-testid="drawdown-chart"></div></section>',
    candles,
  ].join('');
}

/**
 * The full HTML document of a backtest report: self-contained (lightweight-charts and the data inlined), safe to
 * open from file:// with no network. Long series are downsampled, so a 500,000-point run still gives a small file.
 * @throws Error when the lightweight-charts package cannot be read.
 */
export function renderBacktestReport(result: BacktestResult, options: RenderReportOptions = {}): string {
  const library = loadChartLibrary();
  const title = options.title ?? `Backtest: ${result.strategy}`;
  const data = buildReportChartData(result, { ...DEFAULT_REPORT_LIMITS, ...options.limits });
  const body = [
    `<header><h1>${escapeHtml(title)}</h1></header>`,
    '<main>',
    `<div class="top">${renderRunFacts(result)}${renderMetrics(result.metrics)}</div>`,
    chartsSection(data),
    renderOpenPositions(result),
    renderTrades(result.trades, options.maxTradeRows ?? DEFAULT_TRADE_ROWS),
    '</main>',
    `<footer>Made by alpaca-bot. Charts: TradingView Lightweight Charts™ v${escapeHtml(library.version)}, Copyright © TradingView, Inc., Apache License 2.0.</footer>`,
  ].join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_STYLE}</style>`,
    '</head>',
    '<body>',
    body,
    `<script type="application/json" id="report-data">${jsonForScript(data)}</script>`,
    `<script>${library.source}</script>`,
    `<script>${REPORT_PAGE_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

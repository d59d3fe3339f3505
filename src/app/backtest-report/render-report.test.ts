import { describe, expect, it } from 'vitest';

import { makeSampleResult } from '../../../test/e2e/backtest-report-fixture.js';
import type { BacktestMetrics } from '../../runtime/backtest/backtest-types.js';
import { loadChartLibrary } from './chart-library.js';
import type { ReportChartData } from './report-data.js';
import { renderBacktestReport } from './render-report.js';

const HOSTILE = '</script><script>alert(1)</script><!--<b>';

/** The embedded chart data, read back the way the page does. */
function embeddedData(html: string): ReportChartData {
  const match = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html);
  expect(match).not.toBeNull();
  return JSON.parse(match?.[1] ?? 'null') as ReportChartData;
}

/** The page with the inlined library cut out (it must appear exactly once, verbatim). */
function withoutLibrary(html: string): string {
  const parts = html.split(loadChartLibrary().source);
  expect(parts).toHaveLength(2);
  return parts.join('');
}

describe('renderBacktestReport', () => {
  const result = makeSampleResult({ bars: 3000, strategy: HOSTILE, symbol: `X${HOSTILE}` });

  it('is one HTML document with exactly three script elements, whatever the strategy or symbol names say', () => {
    const html = renderBacktestReport(result);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.match(/<script\b/gi)).toHaveLength(3); // data, library, page script
    expect(html.match(/<\/script/gi)).toHaveLength(3);
    expect(withoutLibrary(html)).not.toContain('<!--');
    expect(html).toContain('<title>Backtest: &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--&lt;b&gt;</title>');
    expect(html).not.toContain('<b>');
    expect(embeddedData(html).candles?.symbol).toBe(`X${HOSTILE}`);
  });

  it('requests nothing: no URL outside the inlined library, no src/href attributes, a CSP that forbids fetching', () => {
    const html = renderBacktestReport(result);
    const own = withoutLibrary(html);
    expect(own).not.toMatch(/https?:\/\//i);
    expect(own).not.toMatch(/\b(src|href|action)\s*=/i);
    expect(own).not.toMatch(/url\(|@import/i);
    expect(own).toContain(`content="default-src 'none'; script-src 'unsafe-inline'`);
    // The library's own URLs, pinned: its licence comment, the SVG namespace, and the attribution link (an <a>
    // shown on the chart, as the licence asks; followed only when clicked). An upgrade that adds one fails here.
    const libraryUrls = [...new Set(loadChartLibrary().source.match(/https?:\/\/[^\s"'`)]+/g))].sort();
    expect(libraryUrls).toEqual([
      'http://www.w3.org/2000/svg',
      'https://www.apache.org/licenses/LICENSE-2.0',
      'https://www.tradingview.com/?utm_medium=lwc-link&utm_campaign=lwc-chart${this.im(',
    ]);
  });

  it('shows every metric, human-formatted, with a dash for undefined ones', () => {
    const html = renderBacktestReport(result);
    const keys: (keyof BacktestMetrics)[] = Object.keys(result.metrics) as (keyof BacktestMetrics)[];
    expect(keys).toHaveLength(15);
    for (const key of keys) expect(html).toContain(`data-metric="${key}"`);
    expect(html).toMatch(/<tr data-metric="initialEquity"><th scope="row">Initial equity<\/th><td>\$100,000\.00<\/td><\/tr>/);
    expect(html).toMatch(/<tr data-metric="cagrPct"><th scope="row">CAGR<\/th><td>—<\/td><\/tr>/);
    expect(html).toMatch(/<tr data-metric="sharpe"><th scope="row">Sharpe ratio<\/th><td>0\.87<\/td><\/tr>/);
  });

  it('has the header facts: params, symbols, ET period, fill model', () => {
    const html = renderBacktestReport(makeSampleResult({ bars: 500 }), { title: 'My run' });
    expect(html).toContain('<h1>My run</h1>');
    expect(html).toContain('fast=10, slow=30');
    expect(html).toContain('2021-01-04 09:30 ET →');
    expect(html).toContain('next_open (a decision');
  });

  it('marks fills of the candle symbol on the candles (buy and sell), at candle times', () => {
    const data = embeddedData(renderBacktestReport(result));
    const candles = data.candles;
    expect(candles).not.toBeNull();
    expect(data.markers.time).toHaveLength(result.fills.length);
    expect(new Set(data.markers.side)).toEqual(new Set(['b', 's']));
    const times = new Set(candles?.time);
    for (const t of data.markers.time) expect(times.has(t)).toBe(true);
    // 09:30 ET is drawn as 09:30 on the chart's (UTC) axis.
    expect(new Date((candles?.time[0] ?? 0) * 1000).toISOString()).toBe('2021-01-04T09:30:00.000Z');
  });

  it('shows a trade row with ET times, money, and pnlPct (a fraction) as percent', () => {
    const base = makeSampleResult({ bars: 50 });
    const trade = {
      strategy: 's', symbol: 'MSFT', side: 'long' as const, qty: '1000', entryPrice: '101.2', exitPrice: '99.8',
      entryTs: Date.UTC(2024, 6, 1, 13, 36), exitTs: Date.UTC(2024, 6, 1, 13, 39), pnl: '-1403', pnlPct: '-0.013863',
      commission: '3', exitReason: 'stop_loss', entryClientOrderId: null, exitClientOrderId: null,
    };
    const html = renderBacktestReport({ ...base, trades: [trade] });
    expect(html).toContain(
      '<tr><td class="num">1</td><td>MSFT</td><td>long</td><td class="num">1,000</td><td>2024-07-01 09:36 ET</td><td class="num">101.2</td>' +
        '<td>2024-07-01 09:39 ET</td><td class="num">99.8</td><td class="num neg">-$1,403.00</td><td class="num neg">-1.39 %</td>' +
        '<td class="num">$3.00</td><td>stop_loss</td></tr>',
    );
  });

  it('caps the trades table, with a note and a gap row', () => {
    const many = makeSampleResult({ bars: 20_000, tradeEvery: 10 });
    expect(many.trades.length).toBeGreaterThan(1000);
    const html = renderBacktestReport(many, { maxTradeRows: 100 });
    const table = /<table class="list" data-testid="trades">(.*?)<\/table>/s.exec(html)?.[1] ?? '';
    expect(table.match(/<tr>/g)).toHaveLength(101); // header + 100 rows
    expect(table).toContain(`… ${(many.trades.length - 100).toLocaleString('en-US')} trades not shown …`);
    expect(html).toContain('showing the first 50 and the last 50.');
    expect(table).toContain(`<td class="num">${String(many.trades.length)}</td>`); // numbering continues after the gap
  });

  it('keeps a 500,000-point run small: capped series, under 1 MB', () => {
    const big = makeSampleResult({ bars: 500_000, tradeEvery: 2000 });
    const html = renderBacktestReport(big);
    const data = embeddedData(html);
    expect(data.equityInputPoints).toBe(500_000);
    expect(data.equity.time.length).toBeLessThanOrEqual(5000);
    expect(data.drawdown.time.length).toBeLessThanOrEqual(5000);
    expect(data.candles?.time.length).toBeLessThanOrEqual(4000);
    expect(data.candles?.per).toBe(125);
    expect(Math.min(...data.drawdown.value)).toBeCloseTo(-big.metrics.maxDrawdownPct, 2);
    expect(Buffer.byteLength(html)).toBeLessThan(1_000_000);
  });

  it('renders a run with no candles, no trades and no equity points', () => {
    const empty = { ...makeSampleResult({ bars: 10 }), trades: [], fills: [], equity: { t: [], equity: [], invested: [] } };
    const { candles: _omit, ...noCandles } = empty;
    const html = renderBacktestReport(noCandles);
    expect(html).toContain('This run carries no candles.');
    expect(html).toContain('No completed trades.');
    expect(html).toContain('No equity points in this run.');
    expect(embeddedData(html).equity.time).toEqual([]);
  });
});

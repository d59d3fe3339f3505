// End-to-end: a backtest report written to disk opens in headless Chromium from file:// with every network request
// blocked, draws its charts, and the equity chart is visibly drawn (its line colour found across the plot in a
// screenshot). The first screen is kept as test-artifacts/backtest-report.png (the equity chart alone as
// backtest-report-equity.png). Skips when no Chromium is installed, except under CI=true, where a missing browser
// fails the run (.ci/run installs it).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { renderBacktestReport } from '../../src/app/backtest-report/render-report.js';
import { DEFAULT_RISK_LIMITS } from '../../src/core/risk/index.js';
import type { Bar } from '../../src/domain/bar.js';
import { runBacktest } from '../../src/runtime/backtest/run-backtest.js';
import { checkReport, findChromium, launchChromium } from './backtest-report-browser.js';
import { makeSampleResult } from './backtest-report-fixture.js';

const executablePath = findChromium();
const inCi = process.env.CI === 'true';
if (executablePath === undefined && !inCi) {
  console.warn('backtest-report browser test SKIPPED: no chromium executable (apt-get install -y chromium, or set CHROMIUM_PATH)');
}

const MISSING = 'CI=true but no chromium executable was found: .ci/run must install it (apt-get install -y chromium)';

describe.skipIf(executablePath === undefined && !inCi)('backtest report in headless Chromium', () => {
  let browser: Browser | undefined;
  let dir = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'backtest-report-'));
    if (executablePath !== undefined) browser = await launchChromium(executablePath);
  });

  afterAll(async () => {
    await browser?.close();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('a 500,000-bar run opens from file:// with no network and its equity chart drawn across the plot', async () => {
    if (browser === undefined) throw new Error(MISSING);
    const result = makeSampleResult({ bars: 500_000, tradeEvery: 2000, strategy: 'sma_crossover</script><!--' });
    const file = join(dir, 'r.html');
    writeFileSync(file, renderBacktestReport(result));

    const seen = await checkReport(browser, file, 'backtest-report');

    expect(seen.reportError).toBeNull();
    expect(seen.pageErrors).toEqual([]);
    expect(seen.ready).toBe(true);
    expect(seen.blocked).toEqual([]);
    expect(seen.requested).toEqual([seen.fileUrl]);
    expect(seen.title).toBe('Backtest: sma_crossover</script><!--');
    expect(seen.canvas.width).toBeGreaterThan(300);
    expect(seen.canvas.height).toBeGreaterThan(150);
    expect(seen.drawdownCanvases).toBeGreaterThan(0);
    expect(seen.candleCanvases).toBeGreaterThan(0);
    expect(seen.equity.width).toBeGreaterThan(300);
    expect(seen.equity.linePixels).toBeGreaterThan(500); // a 2-px line across the plot
    expect(seen.equity.lineColumns).toBeGreaterThan(seen.equity.width * 0.6); // the whole run fitted, not a corner
  });

  it('a report of a real runBacktest (sma_crossover 10/30, next_open, fixed 100) renders with its equity drawn', async () => {
    if (browser === undefined) throw new Error(MISSING);
    const candles = makeSampleResult({ bars: 600 }).candles;
    if (candles === undefined) throw new Error('fixture without candles');
    const bars: Bar[] = candles.t.map((t, i) => ({
      symbol: 'AAPL', timeframe: '1Min', t, open: candles.o[i] ?? 0, high: candles.h[i] ?? 0, low: candles.l[i] ?? 0,
      close: candles.c[i] ?? 0, volume: 1_000_000,
    }));
    const result = await runBacktest(
      {
        strategy: 'sma_crossover', params: { fast: 10, slow: 30 }, data: { kind: 'bars', bars: { AAPL: bars } }, fill: 'next_open',
        cash: '100000', commissionPerShare: '0', commissionPerOrder: '0', slippage: '0', sizing: { mode: 'fixed', value: 100 },
        risk: 'off', liquidate: false, limits: DEFAULT_RISK_LIMITS,
      },
      { collectCandles: true },
    );
    expect(result.fills.length).toBeGreaterThan(0);
    const file = join(dir, 'runtime.html');
    writeFileSync(file, renderBacktestReport(result));

    const seen = await checkReport(browser, file, 'backtest-report-runtime');

    expect(seen.reportError).toBeNull();
    expect(seen.pageErrors).toEqual([]);
    expect(seen.ready).toBe(true);
    expect(seen.requested).toEqual([seen.fileUrl]);
    expect(seen.candleCanvases).toBeGreaterThan(0);
    expect(seen.equity.lineColumns).toBeGreaterThan(seen.equity.width * 0.6);
  });

  it('a run with no equity points shows empty charts but still gets ready, without errors (negative control)', async () => {
    if (browser === undefined) throw new Error(MISSING);
    const base = makeSampleResult({ bars: 100 });
    const empty = { ...base, equity: { t: [], equity: [], invested: [] } };
    const file = join(dir, 'empty.html');
    writeFileSync(file, renderBacktestReport(empty));

    const seen = await checkReport(browser, file, 'backtest-report-empty');

    expect(seen.reportError).toBeNull();
    expect(seen.pageErrors).toEqual([]);
    expect(seen.ready).toBe(true);
    expect(seen.blocked).toEqual([]);
    // Nothing drawn: the census that passes above finds no line here, so it does measure the drawing.
    expect(seen.equity.lineColumns).toBeLessThan(seen.equity.width * 0.1);
  });
});

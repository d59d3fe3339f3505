// `alpaca-bot backtest` end to end (issue #6 done-when): the real binary on a 1-minute CSV with the exact
// flags prints metrics and every fill as JSON, equal to runBacktest in process on the same file; --report writes a
// page headless Chromium renders with the equity chart drawn (screenshot in test-artifacts/); the run is stored in
// DATA_DIR's database; bad flags exit 2 naming the flag and the allowed values.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/adapters/sqlite/index.js';
import { sessionsBetween } from '../../src/domain/calendar/index.js';
import { DEFAULT_RISK_LIMITS } from '../../src/core/risk/index.js';
import { runBacktest } from '../../src/runtime/backtest/index.js';
import { main } from '../../src/app/cli/main.js';
import { checkReport, findChromium, launchChromium } from './backtest-report-browser.js';
import { cleanEnv, runCli } from '../support/run-cli.js';

const FLAGS = ['--strategy', 'sma_crossover', '--params', 'fast=10,slow=30', '--fill', 'next_open', '--size', 'fixed:100', '--cash', '100000', '--slippage', '0', '--commission', '0', '--risk', 'off'];

/** Three sessions of a seeded random walk as a New York-time CSV without a symbol column (like the shared files). */
function writeCsv(path: string): void {
  let s = 7;
  const rnd = (): number => { s = (s * 1_103_515_245 + 12_345) % 2_147_483_648; return s / 2_147_483_648; };
  const rows = ['datetime,open,high,low,close,volume'];
  let price = 200;
  const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  for (const session of sessionsBetween('2025-03-03', '2025-03-05')) {
    for (let t = session.open; t < session.close; t += 60_000) {
      const open = price.toFixed(2);
      price *= 1 + (rnd() - 0.5) * 0.004;
      const close = price.toFixed(2);
      const high = (Math.max(Number(open), Number(close)) + rnd() * 0.05).toFixed(2);
      const low = (Math.min(Number(open), Number(close)) - rnd() * 0.05).toFixed(2);
      rows.push(`${fmt.format(t)},${open},${high},${low},${close},${String(20_000 + Math.floor(rnd() * 50_000))}`);
    }
  }
  writeFileSync(path, `${rows.join('\n')}\n`);
}

let dir: string;
let csv: string;
const env = (): Record<string, string> => cleanEnv({ DATA_DIR: join(dir, 'data'), LOG_DIR: join(dir, 'logs') });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bt-cli-'));
  csv = join(dir, 'QQQ_1min.csv');
  writeCsv(csv);
});
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

interface JsonOut {
  run_id: string;
  bars: number;
  metrics: { tradeCount: number; finalEquity: string; initialEquity: string };
  fills: { time: string; symbol: string; side: string; qty: string; price: string }[];
}

describe('alpaca-bot backtest', () => {
  it('prints metrics and every fill as JSON, the same as runBacktest in process, and stores the run', async () => {
    const run = await runCli(['backtest', ...FLAGS, '--data', csv, '--symbol', 'QQQ', '--json'], { cwd: dir, env: env(), timeoutMs: 240_000 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as JsonOut;
    expect(out.bars).toBe(390 * 3);
    expect(out.fills.length).toBeGreaterThan(4);
    expect(out.metrics.initialEquity).toBe('100000');
    for (const f of out.fills) expect(Object.keys(f)).toEqual(expect.arrayContaining(['time', 'symbol', 'side', 'qty', 'price']));
    const direct = await runBacktest({
      strategy: 'sma_crossover', params: { fast: 10, slow: 30 }, data: { kind: 'csv', path: csv, symbol: 'QQQ' }, fill: 'next_open', cash: '100000',
      commissionPerShare: '0', commissionPerOrder: '0', slippage: '0', sizing: { mode: 'fixed', value: 100 }, risk: 'off', liquidate: false, limits: DEFAULT_RISK_LIMITS,
    });
    expect(out.fills.map((f) => [f.time, f.side, f.qty, f.price])).toEqual(direct.fills.map((f) => [new Date(f.t).toISOString(), f.side, f.qty, f.price]));
    expect(out.metrics.finalEquity).toBe(direct.metrics.finalEquity);
    const store = openStore(join(dir, 'data', 'alpaca-bot.db'));
    try {
      const runs = store.backtests.listRuns(10);
      expect(runs.map((r) => r.id)).toContain(out.run_id);
      expect(runs.find((r) => r.id === out.run_id)?.status).toBe('completed');
      expect(store.backtests.trades(runs[0]!.id)).toHaveLength(out.metrics.tradeCount);
    } finally {
      store.close();
    }
  }, 300_000);

  it('--report writes a page headless Chromium renders with the equity chart drawn', async (ctx) => {
    const chromium = findChromium();
    if (chromium === undefined) {
      if (process.env['CI'] === 'true') throw new Error('chromium is missing: .ci/run must install it');
      ctx.skip();
      return;
    }
    const report = join(dir, 'r.html');
    const run = await runCli(['backtest', ...FLAGS, '--data', csv, '--symbol', 'QQQ', '--report', report, '--no-save'], { cwd: dir, env: env(), timeoutMs: 240_000 });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('total return');
    const browser = await launchChromium(chromium);
    try {
      const seen = await checkReport(browser, report, 'backtest-cli-report');
      expect(seen.reportError).toBeNull();
      expect(seen.ready).toBe(true);
      expect(seen.blocked).toEqual([]);
      expect(seen.equity.linePixels).toBeGreaterThan(200);
    } finally {
      await browser.close();
    }
  }, 300_000);

  it('--sweep runs every set on worker threads and ranks them; --walk-forward needs --sweep', async () => {
    const run = await runCli(['backtest', '--strategy', 'sma_crossover', '--data', csv, '--symbol', 'QQQ', '--size', 'fixed:100', '--sweep', 'fast=5:10:5,slow=20:30:10', '--rank-by', 'totalReturnPct', '--json'], { cwd: dir, env: env(), timeoutMs: 240_000 });
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { total: number; workers: number; rows: { rank: number; params: Record<string, number>; metrics: { totalReturnPct: number } }[]; failed: unknown[] };
    expect(out.total).toBe(4);
    expect(out.failed).toEqual([]);
    expect(out.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    const returns = out.rows.map((r) => r.metrics.totalReturnPct);
    expect([...returns].sort((a, b) => b - a)).toEqual(returns);
    const single = await runBacktest({
      strategy: 'sma_crossover', params: out.rows[0]!.params, data: { kind: 'csv', path: csv, symbol: 'QQQ' }, fill: 'next_open', cash: '100000',
      commissionPerShare: '0', commissionPerOrder: '0', slippage: '0.01', sizing: { mode: 'fixed', value: 100 }, risk: 'on', liquidate: false, limits: DEFAULT_RISK_LIMITS,
    });
    expect(single.metrics.totalReturnPct).toBe(returns[0]);
    let err = '';
    const code = await main(['node', 'alpaca-bot', 'backtest', '--strategy', 'sma_crossover', '--data', csv, '--walk-forward', '2'], { env: env(), cwd: dir, stdout: () => undefined, stderr: (t) => (err += t), isTTY: false });
    expect(code).toBe(2);
    expect(err).toMatch(/--walk-forward N needs --sweep/);
  }, 300_000);

  it('rejects bad flags with exit 2 (in process), and an unknown strategy with exit 1 (the binary), naming what is allowed', async () => {
    const cases: [string[], RegExp][] = [
      [['--fill', 'vwap'], /--fill "vwap": allowed next_open, close/],
      [['--risk', 'maybe'], /--risk "maybe": allowed on, off/],
      [['--size', 'half'], /--size "half" is not valid: use fixed:N/],
      [['--slippage', '-1'], /--slippage "-1": expected a decimal number ≥ 0/],
    ];
    for (const [extra, message] of cases) {
      let err = '';
      const code = await main(['node', 'alpaca-bot', 'backtest', '--strategy', 'sma_crossover', '--data', csv, ...extra], { env: env(), cwd: dir, stdout: () => undefined, stderr: (t) => (err += t), isTTY: false });
      expect(code, extra.join(' ')).toBe(2);
      expect(err).toMatch(message);
    }
    const unknown = await runCli(['backtest', '--strategy', 'nope', '--data', csv, '--symbol', 'QQQ'], { cwd: dir, env: env(), timeoutMs: 120_000 });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown strategy "nope": available .*sma_crossover/);
  }, 300_000);
});

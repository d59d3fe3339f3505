// Hand-checked daily-bar backtests (issue #6): a tiny series of sessions across a weekend, Thanksgiving and the
// 13:00 early close of 2024-11-29, on which sma_crossover(2, 3) on 1Day candles enters once, run through the real
// engine and the exchange's matching core, with every fill price, time and P&L computed by hand.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/sqlite/index.js';
import { etDateTime, sessionClose, sessionOpen, sessionsBetween } from '../../domain/calendar/index.js';
import type { Bar } from '../../domain/bar.js';
import { DEFAULT_RISK_LIMITS } from '../../core/risk/index.js';
import { runBacktest } from './run-backtest.js';
import { loadTimeline } from './backtest-bars.js';
import type { BacktestResult, BacktestSpec } from './backtest-types.js';

const MIN = 60_000;
/** s0 … s9: 11-21, 11-22, 11-25, 11-26, 11-27, 11-29 (early close; 11-28 is Thanksgiving), 12-02 … 12-05. */
const DATES = sessionsBetween('2024-11-21', '2024-12-05').map((s) => s.date);
const open = (s: number): number => sessionOpen(DATES[s] ?? '');
const close = (s: number): number => sessionClose(DATES[s] ?? '');

// [open, high, low, close]. SMA2 vs SMA3 of the closes: s2 100 = 100 (a tie) · s3 99.5 < 99.667 · s4 99.25 < 99.5
// · s5 100.25 > 99.833: the cross up, an entry decided on s5's bar. s6, s7 stay above. s8: 100.8 < 101.0, the cross
// down: an exit. The protective stop is s5's close less 1.5 %: 101 × 0.985 = 99.485, sent as 99.49 (a stop of
// $1 or more is priced in cents), GTC; the take-profit
// (101 × 1.02 = 103.02) and the trailing activation (2 %) are never reached.
type Ohlc = [number, number, number, number];
const BASE: Ohlc[] = [
  [100, 100.1, 99.9, 100], [100, 100.1, 99.9, 100], [100, 100.1, 99.9, 100], [99.5, 99.6, 99, 99], [99, 99.6, 98.9, 99.5],
  [99.6, 101.1, 99.6, 101], [101.2, 101.5, 100.8, 101.4], [101.4, 101.7, 101.3, 101.6], [101.5, 101.6, 99.9, 100], [99.8, 100, 99.7, 99.9],
];

function bars(ohlc: readonly Ohlc[], from = 0): Bar[] {
  return ohlc.map(([o, h, l, c], i) => ({ symbol: 'AAPL', timeframe: '1Day', t: etDateTime(DATES[from + i] ?? '', '00:00'), open: o, high: h, low: l, close: c, volume: 1_000_000 }));
}

function spec(ohlc: readonly Ohlc[], over: Partial<BacktestSpec> = {}): BacktestSpec {
  return {
    strategy: 'sma_crossover', params: { fast: 2, slow: 3 }, timeframe: '1Day', data: { kind: 'bars', bars: { AAPL: bars(ohlc) } }, fill: 'next_open',
    cash: '100000', commissionPerShare: '0', commissionPerOrder: '0', slippage: '0', sizing: { mode: 'fixed', value: 100 }, risk: 'off', liquidate: false,
    limits: DEFAULT_RISK_LIMITS, ...over,
  };
}

const fills = (r: BacktestResult) => r.fills.map((f) => [f.side, f.qty, f.price, f.role, f.t]);

describe('daily backtest, hand-checked', () => {
  it('next_open: the entry decided on s5 (Fri, early close) fills at s6 (Mon) open, the exit decided on s8 at s9 open', async () => {
    const r = await runBacktest(spec(BASE));
    expect(fills(r)).toEqual([['buy', '100', '101.2', 'entry', open(6)], ['sell', '100', '99.8', 'exit', open(9)]]);
    expect(r.trades.map((t) => [t.pnl, t.exitReason !== null])).toEqual([['-140', true]]); // (99.8 − 101.2) × 100
    expect(r.metrics.finalEquity).toBe('99860');
    expect(r.timeframe).toBe('1Day');
    expect(r.bars).toBe(10);
    expect([r.from, r.to]).toEqual([open(0), close(9)]);
    // One equity point per session, at its close, marked at that day's close: s6 +20, s7 +40, s8 −120, s9 −140.
    expect([...r.equity.t]).toEqual(DATES.map((_, s) => close(s)));
    expect([...r.equity.equity]).toEqual([100000, 100000, 100000, 100000, 100000, 100000, 100020, 100040, 99880, 99860]);
    expect([...r.equity.invested]).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 0]);
  });

  it('a stop is placed when the entry fills at the open and triggers that same day from the low (after the high)', async () => {
    const ohlc = BASE.slice(0, 7);
    ohlc[6] = [101.2, 101.5, 99, 100.5]; // path 101.2 → 101.5 (nearer) → 99 → 100.5: crosses 99.49 on the way down
    const r = await runBacktest(spec(ohlc));
    expect(fills(r)).toEqual([['buy', '100', '101.2', 'entry', open(6)], ['sell', '100', '99.49', 'stop', open(6) + MIN]]);
    expect(r.trades[0]?.pnl).toBe('-171'); // (99.49 − 101.2) × 100
    expect(r.metrics.finalEquity).toBe('99829');
    expect(r.openPositions).toEqual([]);
  });

  it('the GTC stop protects the position overnight: a gap below it fills at that day\'s open', async () => {
    const ohlc = BASE.slice(0, 9);
    ohlc[8] = [99, 99.4, 98.5, 99.2]; // s8 opens at 99, below the stop 99.49 set on s6
    const r = await runBacktest(spec(ohlc));
    expect(fills(r)).toEqual([['buy', '100', '101.2', 'entry', open(6)], ['sell', '100', '99', 'stop', open(8)]]);
    expect(r.trades[0]?.pnl).toBe('-220'); // (99 − 101.2) × 100
  });

  it('close: decisions on a session\'s bar fill at that close — 13:00 on the early close, 16:00 on a full day', async () => {
    const r = await runBacktest(spec(BASE, { fill: 'close' }));
    expect(fills(r)).toEqual([['buy', '100', '101', 'entry', close(5) - 1], ['sell', '100', '100', 'exit', close(8) - 1]]);
    expect(close(5) - open(5)).toBe(210 * MIN);
    expect(r.trades[0]?.pnl).toBe('-100'); // (100 − 101) × 100
    expect(r.metrics.finalEquity).toBe('99900');
  });

  it('an open position is valued at the last close, or sold there with --liquidate (slippage applies)', async () => {
    const cut = BASE.slice(0, 8); // ends holding 100 bought at 101.2 (101.21 with slippage); last close 101.6
    const held = await runBacktest(spec(cut));
    expect(held.openPositions).toEqual([{ symbol: 'AAPL', qty: '100', lastPrice: '101.6' }]);
    expect(held.metrics.finalEquity).toBe('100040');
    const sold = await runBacktest(spec(cut, { liquidate: true, slippage: '0.01' }));
    expect(sold.openPositions).toEqual([]);
    expect(fills(sold).map((f) => f.slice(0, 3))).toEqual([['buy', '100', '101.21'], ['sell', '100', '101.59']]);
    expect(sold.metrics.finalEquity).toBe('100038'); // (101.59 − 101.21) × 100
    expect(sold.equity.equity.at(-1)).toBe(100038);
  });

  it('is deterministic', async () => {
    const [a, b] = [await runBacktest(spec(BASE)), await runBacktest(spec(BASE))];
    expect(a.fills).toEqual(b.fills);
    expect({ ...a.metrics }).toEqual({ ...b.metrics });
  });
});

describe('daily data: what is refused', () => {
  it('an intraday strategy timeframe on daily bars, and a 1Day strategy on 1-minute bars', async () => {
    const { timeframe: _, ...noTimeframe } = spec(BASE);
    await expect(runBacktest(noTimeframe)).rejects.toThrow(/the data holds daily bars \(1Day\), but strategy sma_crossover runs on 1Min candles, which are built from 1-minute bars — use --timeframe 1Day/);
    const minute: Bar[] = [0, 1, 2].map((i) => ({ symbol: 'AAPL', timeframe: '1Min', t: open(0) + i * MIN, open: 100, high: 100, low: 100, close: 100, volume: 100 }));
    await expect(runBacktest(spec(BASE, { data: { kind: 'bars', bars: { AAPL: minute } } }))).rejects.toThrow(/strategy sma_crossover runs on 1Day candles, which need daily bars; the data holds 1-minute bars/);
  });

  it('a strategy that throws on 1Day candles (velez takes 1Min–10Min) stops at its first decision, and the run says so', async () => {
    const warnings: string[] = [];
    const r = await runBacktest(spec(BASE, { strategy: 'velez', params: { fast: 2, slow: 3 } }), { onLog: (line) => { warnings.push(line.msg); } });
    expect(r.fills).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/^strategy StrategyError: .*invalid timeframe "1Day"/), expect.stringMatching(/^the strategy stopped acting during the run \(no decisions after that\): strategy velez on AAPL \(1Day\) paused at candle .*velez: invalid timeframe "1Day": allowed 1Min, 2Min, 5Min, 10Min/)]);
  });

  it('a mix of bar sizes, other bar sizes, a daily bar on a holiday, two daily bars on one date', () => {
    const daily = bars(BASE);
    const minute: Bar = { symbol: 'MSFT', timeframe: '1Min', t: open(0), open: 1, high: 1, low: 1, close: 1, volume: 1 };
    expect(() => loadTimeline({ kind: 'bars', bars: { AAPL: daily, MSFT: [minute] } })).toThrow(/mixes bar sizes: 1Day \(AAPL\) and 1Min \(MSFT\)/);
    expect(() => loadTimeline({ kind: 'bars', bars: { MSFT: [{ ...minute, timeframe: '5Min' }] } })).toThrow(/1-minute bars .* or daily bars .*; the data holds 5Min \(MSFT\) bars/);
    const thanksgiving = { ...daily[0]!, t: etDateTime('2024-11-28', '00:00') };
    expect(() => loadTimeline({ kind: 'bars', bars: { AAPL: [...daily, thanksgiving] } })).toThrow(/falls on 2024-11-28 \(New York\), not an NYSE trading day/);
    const utcMidnight = { ...daily[0]!, t: Date.parse('2024-11-22T00:00:00Z') }; // the evening of 11-21 in New York
    expect(() => loadTimeline({ kind: 'bars', bars: { AAPL: [...daily.slice(1), utcMidnight, daily[0]!] } })).toThrow(/two daily bars for AAPL on 2024-11-21/);
  });

  it('daily timelines: one entry per session, stamped New York midnight, symbols sorted', () => {
    const t = loadTimeline({ kind: 'bars', bars: { MSFT: bars(BASE).map((b) => ({ ...b, symbol: 'MSFT' })), AAPL: bars(BASE.slice(2), 2) } });
    expect(t.starts).toEqual(DATES.map((d) => etDateTime(d, '00:00')));
    expect(t.minutes.map((m) => m.map((b) => b.symbol).join())).toEqual([...Array<string>(2).fill('MSFT'), ...Array<string>(8).fill('AAPL,MSFT')]);
    expect(t.bars).toBe(18);
  });
});

describe('daily data from a CSV of dates and from the bars cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bt-daily-'));
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });
  const yahoo = (ohlc: readonly Ohlc[]): string =>
    ['Date,Open,High,Low,Close,Adj Close,Volume', ...ohlc.map(([o, h, l, c], i) => `${DATES[i] ?? ''},${o},${h},${l},${c},${c * 0.9},1000000`)].join('\n');

  it('a Yahoo CSV: the Close column (not Adj Close), float noise rounded to 4 decimals, a low above the open repaired — each said', async () => {
    const noisy = BASE.map(([o, h, l, c]): Ohlc => [o, h, l, c + 0.000004]);
    noisy[1] = [100, 100.1, 100.05, 100.000004]; // low above the open and close: replayed with low 100
    const path = join(dir, 'AAPL.csv');
    writeFileSync(path, yahoo(noisy));
    const t = loadTimeline({ kind: 'csv', path, symbol: 'AAPL' });
    expect(t.minutes.map((m) => m[0]?.close)).toEqual(BASE.map((b) => b[3]));
    expect(t.minutes[1]?.[0]).toMatchObject({ open: 100, low: 100, high: 100.1, close: 100, l: 100 });
    expect(t.notes).toEqual([
      'AAPL.csv line 3: low 100.05 is above open/close (open 100, close 100.000004) — replayed with low 100, high 100.1',
      '10 price(s) rounded to 4 decimals (Alpaca\'s precision, which the engine\'s exact indicators need), by at most 0.000004',
    ]);
    const warnings: string[] = [];
    const r = await runBacktest(spec(BASE, { data: { kind: 'csv', path, symbol: 'AAPL' } }), { onLog: (line) => { warnings.push(line.msg); } });
    expect(fills(r)).toEqual([['buy', '100', '101.2', 'entry', open(6)], ['sell', '100', '99.8', 'exit', open(9)]]);
    expect(warnings).toEqual((t.notes ?? []).map((n) => `data: ${n}`));
  });

  it('any other problem in the file still refuses it', () => {
    const path = join(dir, 'BAD.csv');
    writeFileSync(path, yahoo(BASE).replace('99.6,101.1,99.6,101,', '99.6,101.1,99.6,abc,'));
    expect(() => loadTimeline({ kind: 'csv', path, symbol: 'AAPL' })).toThrow(/1 problem\(s\) — line 7: close "abc" is not a number/);
  });

  it('the cache: daily bars for a 1Day strategy (1-minute bars of the same symbol left alone)', async () => {
    const dbPath = join(dir, 'cache.db');
    const store = openStore(dbPath);
    try {
      store.bars.upsertBars(bars(BASE), 'test');
      store.bars.upsertBars([{ symbol: 'AAPL', timeframe: '1Min', t: open(3), open: 1, high: 1, low: 1, close: 1, volume: 1 }], 'test');
    } finally {
      store.close();
    }
    const data = { kind: 'cache', dbPath, symbols: ['AAPL'], from: '2024-11-21', to: '2024-12-05' } as const;
    const r = await runBacktest(spec(BASE, { data }));
    expect(fills(r)).toEqual([['buy', '100', '101.2', 'entry', open(6)], ['sell', '100', '99.8', 'exit', open(9)]]);
    expect(loadTimeline(data).bars).toBe(1);
    expect(() => loadTimeline({ ...data, symbols: ['MSFT'] })).toThrow(/no cached 1-minute or daily bars for MSFT between 2024-11-21 and 2024-12-05/);
    expect(() => loadTimeline({ ...data, barSize: '1Day', symbols: ['MSFT'] })).toThrow(/no cached daily bars for MSFT/);
  });
});

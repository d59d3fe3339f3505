// A realistic BacktestResult for the report's tests, made by a tiny seeded simulation: one-minute regular-session
// bars (09:30–16:00 ET, weekdays), a long-only strategy that buys 100 shares and sells them a fixed number of bars
// later, and the equity, fills, trades and metrics that follow from those bars. Not the real runtime: it only
// has to be self-consistent and shaped like the contract in backtest-types.ts.
// Must never: depend on the clock, randomness outside the seed, or files.

import { etDateTime } from '../../src/domain/calendar/eastern-time.js';
import type { BacktestFill, BacktestResult, BacktestTrade } from '../../src/runtime/backtest/backtest-types.js';

export interface SampleOptions {
  readonly bars: number;
  readonly seed?: number;
  readonly strategy?: string;
  readonly symbol?: string;
  /** A round trip starts every `tradeEvery` bars and lasts half of that. */
  readonly tradeEvery?: number;
}

const MINUTE = 60_000;
const SESSION_MINUTES = 390;
const QTY = 100;

/** Deterministic PRNG (mulberry32) in [0, 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Bar start times of `n` regular-session minutes from 2021-01-04 on, weekdays only. */
function sessionMinutes(n: number): number[] {
  const out = new Array<number>(n);
  let day = Date.UTC(2021, 0, 4);
  let i = 0;
  while (i < n) {
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      const open = etDateTime(new Date(day).toISOString().slice(0, 10), '09:30');
      for (let m = 0; m < SESSION_MINUTES && i < n; m++) out[i++] = open + m * MINUTE;
    }
    day += 86_400_000;
  }
  return out;
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

function money(x: number): string {
  return x.toFixed(2);
}

/** A self-consistent result over `bars` one-minute bars. */
export function makeSampleResult(options: SampleOptions): BacktestResult {
  const { bars: n, seed = 7, strategy = 'sma_crossover', symbol = 'AAPL', tradeEvery = 400 } = options;
  const random = prng(seed);
  const t = sessionMinutes(n);
  const o: number[] = [];
  const h: number[] = [];
  const l: number[] = [];
  const c: number[] = [];
  const equity = new Float64Array(n);
  const invested = new Uint8Array(n);
  const fills: BacktestFill[] = [];
  const trades: BacktestTrade[] = [];
  let price = 150;
  let cash = 100_000;
  let entry: { price: number; t: number; id: string } | null = null;
  for (let i = 0; i < n; i++) {
    const open = price;
    price = Math.max(1, price * (1 + (random() - 0.4995) * 0.002));
    o.push(round4(open));
    c.push(round4(price));
    h.push(round4(Math.max(open, price) * (1 + random() * 0.0005)));
    l.push(round4(Math.min(open, price) * (1 - random() * 0.0005)));
    const ti = t[i] ?? 0;
    if (entry === null && i % tradeEvery === 0 && i + 1 < n) {
      const id = `bt-${String(fills.length)}`;
      entry = { price, t: ti, id };
      cash -= price * QTY;
      fills.push({ t: ti, symbol, side: 'buy', qty: String(QTY), price: price.toFixed(4), commission: '0', clientOrderId: id, role: 'entry' });
    } else if (entry !== null && (i % tradeEvery === tradeEvery / 2 || i === n - 1)) {
      const id = `bt-${String(fills.length)}`;
      cash += price * QTY;
      fills.push({ t: ti, symbol, side: 'sell', qty: String(QTY), price: price.toFixed(4), commission: '0', clientOrderId: id, role: 'exit' });
      const pnl = (price - entry.price) * QTY;
      trades.push({
        strategy, symbol, side: 'long', qty: String(QTY), entryPrice: entry.price.toFixed(4), exitPrice: price.toFixed(4),
        entryTs: entry.t, exitTs: ti, pnl: money(pnl), pnlPct: (price / entry.price - 1).toFixed(6), // a fraction, as the portfolio computes it
        commission: '0', exitReason: i === n - 1 ? 'end_of_data' : 'signal', entryClientOrderId: entry.id, exitClientOrderId: id,
      });
      entry = null;
    }
    invested[i] = entry === null ? 0 : 1;
    equity[i] = cash + (entry === null ? 0 : price * QTY);
  }
  return assemble({ strategy, symbol, t, o, h, l, c, equity, invested, fills, trades });
}

interface Parts {
  readonly strategy: string;
  readonly symbol: string;
  readonly t: number[];
  readonly o: number[];
  readonly h: number[];
  readonly l: number[];
  readonly c: number[];
  readonly equity: Float64Array;
  readonly invested: Uint8Array;
  readonly fills: BacktestFill[];
  readonly trades: BacktestTrade[];
}

function assemble(p: Parts): BacktestResult {
  const n = p.t.length;
  const final = p.equity[n - 1] ?? 100_000;
  let peak = -Infinity;
  let maxDd = 0;
  let exposed = 0;
  for (let i = 0; i < n; i++) {
    const e = p.equity[i] ?? 0;
    peak = Math.max(peak, e);
    maxDd = Math.max(maxDd, (1 - e / peak) * 100);
    exposed += p.invested[i] ?? 0;
  }
  const wins = p.trades.filter((tr) => Number(tr.pnl) > 0).length;
  const net = final - 100_000;
  return {
    runId: 'run-report-fixture', strategy: p.strategy, params: { fast: 10, slow: 30 }, symbols: [p.symbol], timeframe: '1Min',
    fill: 'next_open', from: p.t[0] ?? 0, to: (p.t[n - 1] ?? 0) + MINUTE, bars: n, elapsedMs: 2345,
    metrics: {
      initialEquity: '100000', finalEquity: money(final), netPnl: money(net), totalReturnPct: net / 1000,
      cagrPct: null, sharpe: 0.87, sortino: null, maxDrawdownPct: maxDd,
      winRatePct: p.trades.length === 0 ? null : (wins / p.trades.length) * 100, profitFactor: 1.12,
      exposurePct: (exposed / n) * 100, tradeCount: p.trades.length,
      averageTrade: p.trades.length === 0 ? null : money(net / p.trades.length), averageTradePct: null, commission: '0',
    },
    fills: p.fills, trades: p.trades, equity: { t: p.t, equity: p.equity, invested: p.invested }, openPositions: [],
    candles: { symbol: p.symbol, t: p.t, o: p.o, h: p.h, l: p.l, c: p.c },
    signals: { approved: p.fills.length, denied: 3 },
  };
}

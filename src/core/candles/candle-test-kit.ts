// Test helpers for the candle aggregator: deterministic 1-minute bars, ET instants, event filters and a
// seeded shuffle. Exists so each test states its case, not its plumbing.
// Must never: be imported by production code (tests and benches only), or use Math.random (seeded PRNG).

import type { Bar } from '../../domain/bar.js';
import { etDateTime, session, type TradingSession } from '../../domain/calendar/index.js';
import type { Candle, CandleDiagnostic, CandleDiagnosticCode, CandleEvent, FetchRequest } from './candle.js';

export const MINUTE = 60_000;

/** Epoch ms of an ET wall time, e.g. et('2025-11-28', '09:30'). */
export function et(date: string, hhmm: string): number {
  return etDateTime(date, hhmm);
}

/** The session of a date that must be a trading day. */
export function tradingSession(date: string): TradingSession {
  const s = session(date);
  if (s === undefined) throw new Error(`${date} is not a trading day`);
  return s;
}

/** Small seeded PRNG (mulberry32): deterministic data without Math.random. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rounds to 4 decimals, as Alpaca prices are. */
function px(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** One valid 1-minute bar; `base` sets the price level, `i` varies the shape. */
export function minuteBar(symbol: string, t: number, base = 100, i = 0, vwap = true): Bar {
  const open = px(base + (i % 7) * 0.01);
  const close = px(base + ((i * 3) % 11) * 0.01);
  const high = px(Math.max(open, close) + 0.05 + (i % 3) * 0.01);
  const low = px(Math.min(open, close) - 0.04 - (i % 5) * 0.01);
  const bar: Bar = { symbol, timeframe: '1Min', t, open, high, low, close, volume: 100 + i * 10, tradeCount: 1 + (i % 9) };
  return vwap ? { ...bar, vwap: px((high + low + close) / 3) } : bar;
}

/** Random but valid 1-minute bars for every minute of [from, to). */
export function randomBars(symbol: string, from: number, to: number, seed: number): Bar[] {
  return [...randomBarStream(symbol, from, to, seed)];
}

/** The same bars as {@link randomBars}, generated one at a time (a feed's memory profile: nothing held ahead). */
export function* randomBarStream(symbol: string, from: number, to: number, seed: number): Generator<Bar, void, undefined> {
  const rnd = prng(seed);
  let price = 50 + rnd() * 100;
  for (let t = from; t < to; t += MINUTE) {
    const open = px(price);
    const close = px(Math.max(1, price + (rnd() - 0.5)));
    const high = px(Math.max(open, close) + rnd() * 0.3);
    const low = px(Math.max(0.5, Math.min(open, close) - rnd() * 0.3));
    const volume = 1 + Math.floor(rnd() * 10_000);
    yield { symbol, timeframe: '1Min', t, open, high, low, close, volume, vwap: px(low + (high - low) * rnd()), tradeCount: 1 + Math.floor(rnd() * 50) };
    price = close;
  }
}

/** A seeded Fisher–Yates shuffle (a new array). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rnd = prng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

export function candlesOf(events: readonly CandleEvent[]): Candle[] {
  return events.flatMap((e) => (e.kind === 'candle' ? [e.candle] : []));
}

export function fetchesOf(events: readonly CandleEvent[]): FetchRequest[] {
  return events.flatMap((e) => (e.kind === 'fetch' ? [e] : []));
}

export function diagnosticsOf(events: readonly CandleEvent[], code?: CandleDiagnosticCode): CandleDiagnostic[] {
  return events.flatMap((e) => (e.kind === 'diagnostic' && (code === undefined || e.code === code) ? [e] : []));
}

/** Reference OHLCV of a group of bars, computed the obvious way (sort, then fold). */
export function referenceOhlcv(bars: readonly Bar[]): Pick<Candle, 'open' | 'high' | 'low' | 'close' | 'volume' | 'barCount'> {
  const sorted = [...bars].sort((a, b) => a.t - b.t);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) throw new Error('referenceOhlcv of no bars');
  return {
    open: first.open,
    high: Math.max(...sorted.map((b) => b.high)),
    low: Math.min(...sorted.map((b) => b.low)),
    close: last.close,
    volume: sorted.reduce((s, b) => s + b.volume, 0),
    barCount: sorted.length,
  };
}

// Fakes for the market-data unit tests: a scriptable stream connection, manual timers, a settable clock and
// a recording history. Test support only: never imported by production code.
import type { streaming } from '@alpacahq/alpaca-trade-api';
import type { Bar } from '../../../domain/bar.js';
import type { HistoricalBars, HistoricalBarsQuery, HistoricalBarsReport } from '../../../ports/market-data.js';
import type { FeedTimers } from './feed-timers.js';
import { StreamConnectError, type BarStreamConnection, type BarStreamFactory, type BarStreamHandlers } from './md-bar-stream.js';

/** 2024-06-12 (a Wednesday) 10:00 ET = 14:00 UTC. */
export const OPEN_T = Date.parse('2024-06-12T14:00:00Z');
/** 2024-06-12 22:00 ET (market closed). */
export const NIGHT_T = Date.parse('2024-06-13T02:00:00Z');

export function bar(symbol: string, t: number, close = 100): Bar {
  return { symbol, timeframe: '1Min', t, open: close, high: close + 1, low: close - 1, close, volume: 100 };
}

export function streamBar(symbol: string, t: number, close = 100): streaming.StreamBar {
  return { symbol, timestamp: new Date(t), open: close, high: close + 1, low: close - 1, close, volume: 100 };
}

export class FakeClock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
}

/** Timers the test drives: sleeps resolve on the next macrotask (recording their length), checks run on demand. */
export class ManualTimers implements FeedTimers {
  readonly sleeps: number[] = [];
  #checks: (() => void)[] = [];
  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((resolve) => setImmediate(resolve));
  }
  every(_ms: number, fn: () => void): () => void {
    this.#checks.push(fn);
    return () => { this.#checks = this.#checks.filter((f) => f !== fn); };
  }
  tick(): void {
    for (const fn of this.#checks) fn();
  }
}

/** One scripted connection: `fail` makes open() reject; otherwise the test pushes bars through `handlers`. */
export class FakeConnection implements BarStreamConnection {
  readonly closed: Promise<string>;
  subscribed: string[] = [];
  #close!: (reason: string) => void;
  constructor(readonly handlers: BarStreamHandlers, readonly fail: StreamConnectError | undefined) {
    this.closed = new Promise((resolve) => { this.#close = resolve; });
  }
  open(symbols: readonly string[]): Promise<void> {
    if (this.fail) return Promise.reject(this.fail);
    this.subscribed = [...symbols];
    return Promise.resolve();
  }
  subscribe(symbols: readonly string[]): void {
    this.subscribed.push(...symbols);
  }
  unsubscribe(symbols: readonly string[]): void {
    this.subscribed = this.subscribed.filter((s) => !symbols.includes(s));
  }
  close(): void {
    this.#close('closed by the feed');
  }
  /** The server side drops the connection. */
  drop(reason = 'dropped'): void {
    this.#close(reason);
  }
}

/** A factory that fails the attempts the test lists and records every connection. */
export function fakeFactory(failFor: (attempt: number) => StreamConnectError | undefined = () => undefined) {
  const connections: FakeConnection[] = [];
  const factory: BarStreamFactory = (handlers) => {
    const conn = new FakeConnection(handlers, failFor(connections.length + 1));
    connections.push(conn);
    return conn;
  };
  return { factory, connections };
}

export const networkError = (): StreamConnectError => new StreamConnectError('connect ECONNREFUSED', false);

/** A history that answers from a fixed list, optionally after a gate the test opens. */
export class FakeHistory implements HistoricalBars {
  readonly queries: HistoricalBarsQuery[] = [];
  gate: Promise<void> = Promise.resolve();
  failing: string[] = [];
  /** The next this many queries fail for every symbol. */
  failNext = 0;
  constructor(public bars: Bar[] = []) {}
  async fetchBars(query: HistoricalBarsQuery): Promise<ReadonlyMap<string, readonly Bar[]>> {
    return (await this.fetchBarsReport(query)).bars;
  }
  async fetchBarsReport(query: HistoricalBarsQuery): Promise<HistoricalBarsReport> {
    this.queries.push(query);
    await this.gate;
    if (this.failNext > 0) {
      this.failNext--;
      return { bars: new Map(), failed: query.symbols.map((symbol) => ({ symbol, reason: 'HTTP 503', attempts: 4 })) };
    }
    const bars = new Map<string, Bar[]>();
    for (const s of query.symbols) {
      if (!this.failing.includes(s)) bars.set(s, this.bars.filter((b) => b.symbol === s && b.t >= query.from && b.t < query.to));
    }
    return { bars, failed: this.failing.filter((s) => query.symbols.includes(s)).map((symbol) => ({ symbol, reason: 'HTTP 503', attempts: 4 })) };
  }
}

/** Polls until `predicate` holds (10 ms steps, up to `ms`). */
export async function until(predicate: () => boolean, ms = 5_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!predicate() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  return predicate();
}

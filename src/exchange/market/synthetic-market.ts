// A seeded synthetic stock market as a bar source: plausible 1-minute bars for any NYSE session from the
// calendar's first year, several symbols correlated through a market factor, generated lazily per
// (symbol, session) and cached. Everything it produces is labelled synthetic.
// Must never: use Math.random or the clock; let the order of requests change any bar (each session is a
// pure function of seed, symbol and date); pass its bars off as real prices.

import { CALENDAR_LAST_YEAR, etDate, type TradingSession } from '../../domain/calendar/index.js';
import type { ExchangeBar } from '../contracts.js';
import { lowerBound, upperBound, type BarSource, type BarSourceKind } from './bar-source.js';
import { Rng } from './prng.js';
import { OVERNIGHT_SHARE } from './synthetic-params.js';
import { generateSession } from './synthetic-session.js';
import { sessionIndex, Skeletons } from './synthetic-skeleton.js';

/** Options of {@link SyntheticMarket}. */
export interface SyntheticMarketOptions {
  /** The seed: same seed, same market. An integer or a non-empty string. */
  readonly seed: number | string;
  /** Tickers to generate (1–20 characters of A-Z 0-9 . -), at least one, no duplicates. */
  readonly symbols: readonly string[];
  /** Where the replay is meant to start (epoch ms). Informational: history before it exists and agrees with replay. */
  readonly start?: number;
  /** Also generate thinner pre-market (04:00–09:29) and after-hours bars. Default false. */
  readonly extendedHours?: boolean;
  /** How many (symbol, session) bar arrays to keep in memory. Default 512. */
  readonly cacheSessions?: number;
}

const TICKER = /^[A-Z][A-Z0-9.-]{0,19}$/;

/** Checks the options. @throws RangeError naming the option, the bad value and what is allowed. */
function validate(options: SyntheticMarketOptions): string {
  const { seed, symbols } = options;
  if (typeof seed === 'number' ? !Number.isSafeInteger(seed) : seed.length === 0) {
    throw new RangeError(`synthetic market: seed must be a safe integer or a non-empty string, got ${JSON.stringify(seed)}`);
  }
  if (symbols.length === 0) throw new RangeError('synthetic market: symbols must list at least one ticker, got []');
  const seen = new Set<string>();
  for (const symbol of symbols) {
    if (!TICKER.test(symbol)) {
      throw new RangeError(`synthetic market: symbol ${JSON.stringify(symbol)} is not a ticker (upper-case A-Z first, then A-Z 0-9 . -, 1–20 chars)`);
    }
    if (seen.has(symbol)) throw new RangeError(`synthetic market: symbol ${symbol} is listed twice`);
    seen.add(symbol);
  }
  const cache = options.cacheSessions ?? 512;
  if (!Number.isInteger(cache) || cache < 1) throw new RangeError(`synthetic market: cacheSessions must be an integer ≥ 1, got ${cache}`);
  return String(seed);
}

/** Deterministic synthetic 1-minute bars. */
export class SyntheticMarket implements BarSource {
  readonly source: BarSourceKind = 'synthetic';
  readonly label: string;
  /** The seed as given. */
  readonly seed: number | string;
  /** The intended replay start (epoch ms), when given. */
  readonly start: number | undefined;
  readonly #seed: string;
  readonly #symbols: readonly string[];
  readonly #known: ReadonlySet<string>;
  readonly #extended: boolean;
  readonly #skeletons: Skeletons;
  readonly #cache = new Map<string, readonly ExchangeBar[]>();
  readonly #shocks = new Map<string, Float64Array>();
  readonly #cacheSize: number;

  /** @throws RangeError on a bad seed, symbol list or cache size */
  constructor(options: SyntheticMarketOptions) {
    this.#seed = validate(options);
    this.seed = options.seed;
    this.start = options.start;
    this.#symbols = Object.freeze([...options.symbols].sort());
    this.#known = new Set(this.#symbols);
    this.#extended = options.extendedHours ?? false;
    this.#cacheSize = options.cacheSessions ?? 512;
    this.#skeletons = new Skeletons(this.#seed);
    this.label = `synthetic market (seed ${this.#seed}): generated prices, not real market data`;
  }

  symbols(): readonly string[] {
    return this.#symbols;
  }

  barsForSession(symbol: string, date: string): readonly ExchangeBar[] {
    const index = sessionIndex().byDate.get(date);
    if (index === undefined || !this.#known.has(symbol)) return [];
    const key = `${symbol}|${date}`;
    const cached = this.#cache.get(key);
    if (cached !== undefined) {
      this.#cache.delete(key); // LRU: re-insert as newest
      this.#cache.set(key, cached);
      return cached;
    }
    const bars = Object.freeze(this.#generate(symbol, index));
    this.#cache.set(key, bars);
    if (this.#cache.size > this.#cacheSize) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    return bars;
  }

  barsBetween(symbol: string, from: number, to: number): readonly ExchangeBar[] {
    if (to < from || !this.#known.has(symbol)) return [];
    const { sessions } = sessionIndex();
    const out: ExchangeBar[] = [];
    for (let i = this.#firstSessionAtOrAfter(etDate(Math.max(from, this.firstTime()))); i < sessions.length; i++) {
      const s = sessions[i];
      if (s === undefined || s.extendedOpen > to) break;
      const bars = this.barsForSession(symbol, s.date);
      for (let k = lowerBound(bars, from), end = upperBound(bars, to); k < end; k++) {
        const bar = bars[k];
        if (bar !== undefined) out.push(bar);
      }
    }
    return out;
  }

  barAt(symbol: string, t: number): ExchangeBar | undefined {
    const bars = this.#sessionOf(symbol, t);
    const bar = bars[lowerBound(bars, t)];
    return bar?.t === t ? bar : undefined;
  }

  lastBarAtOrBefore(symbol: string, t: number): ExchangeBar | undefined {
    if (!this.#known.has(symbol) || t < this.firstTime()) return undefined;
    const { sessions } = sessionIndex();
    const date = etDate(t);
    let i = Math.min(this.#firstSessionAtOrAfter(date), sessions.length - 1);
    for (; i >= 0; i--) {
      const s = sessions[i];
      if (s === undefined) break;
      if (s.extendedOpen > t) continue;
      const bars = this.barsForSession(symbol, s.date);
      const bar = bars[upperBound(bars, t) - 1];
      if (bar !== undefined) return bar;
    }
    return undefined;
  }

  /** No bar starts before the calendar's first session's open (2020-01-02 09:30 ET, or 04:00 with extended hours). */
  firstTime(): number {
    const first = sessionIndex().sessions[0];
    if (first === undefined) throw new RangeError('synthetic market: the NYSE calendar has no sessions');
    return this.#extended ? first.extendedOpen : first.open;
  }

  /** Unbounded (until the calendar ends in {@link CALENDAR_LAST_YEAR}). */
  lastTime(): undefined {
    return undefined;
  }

  #sessionOf(symbol: string, t: number): readonly ExchangeBar[] {
    if (!Number.isFinite(t) || t < this.firstTime()) return [];
    const date = etDate(t);
    return Number(date.slice(0, 4)) > CALENDAR_LAST_YEAR ? [] : this.barsForSession(symbol, date);
  }

  /** Index of the first session on or after `date` (sessions.length when none). */
  #firstSessionAtOrAfter(date: string): number {
    const { sessions } = sessionIndex();
    let lo = 0;
    let hi = sessions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sessions[mid]?.date ?? '') < date) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #marketShocks(session: TradingSession): Float64Array {
    let shocks = this.#shocks.get(session.date);
    if (shocks === undefined) {
      const rng = new Rng(`${this.#seed}|market|${session.date}|minutes`);
      shocks = new Float64Array(Math.round((session.close - session.open) / 60_000));
      for (let k = 0; k < shocks.length; k++) shocks[k] = rng.normal();
      this.#shocks.set(session.date, shocks);
      if (this.#shocks.size > 64) {
        const oldest = this.#shocks.keys().next().value;
        if (oldest !== undefined) this.#shocks.delete(oldest);
      }
    }
    return shocks;
  }

  #generate(symbol: string, index: number): ExchangeBar[] {
    const { sessions } = sessionIndex();
    const session = sessions[index];
    if (session === undefined) return [];
    const hasNext = index + 1 < sessions.length;
    const sk = this.#skeletons.symbol(symbol, hasNext ? index + 1 : index);
    const marketVar = this.#skeletons.market.variance[index] ?? 0;
    const sigma = sk.sigma[index] ?? 0.01;
    const rho = Math.min(0.95, (sk.params.beta * Math.sqrt((1 - OVERNIGHT_SHARE) * marketVar)) / sigma);
    const open = sk.open[index] ?? sk.params.p0;
    const close = sk.close[index] ?? open;
    const prevClose = index === 0 ? sk.params.p0 : (sk.close[index - 1] ?? open);
    return generateSession({
      seed: this.#seed, symbol, session, params: sk.params, open, close, sigma, rho,
      volumeFactor: sk.volumeFactor[index] ?? 1,
      marketShocks: this.#marketShocks(session),
      preMarketFrom: prevClose * Math.exp(0.3 * (sk.gap[index] ?? 0)),
      afterHoursTo: hasNext ? close * Math.exp(0.3 * (sk.gap[index + 1] ?? 0)) : close,
      extendedHours: this.#extended,
    });
  }
}

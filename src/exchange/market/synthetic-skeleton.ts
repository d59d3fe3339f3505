// The daily skeleton of the synthetic market: for every NYSE session from 2020 on, the
// market factor's return and GARCH variance, and per symbol the session's open and close, its volatility
// level and its volume factor. Intraday paths are then bridged between these fixed points, so any session
// can be generated alone and still agree with its neighbours.
// Must never: depend on the order sessions are asked for: it is always computed forward from the first
// session, with each day's draws keyed by (seed, symbol, date).

import { CALENDAR_LAST_YEAR, sessionsBetween, type TradingSession } from '../../domain/calendar/index.js';
import { Rng } from './prng.js';
import {
  DAILY_GARCH,
  JUMP,
  MARKET_DAILY_VAR,
  MEAN_REVERSION,
  OVERNIGHT_SHARE,
  symbolParams,
  type SymbolParams,
} from './synthetic-params.js';

/** Every session the calendar knows, in order, with an index by date. */
export interface SessionIndex {
  readonly sessions: readonly TradingSession[];
  readonly byDate: ReadonlyMap<string, number>;
}

/**
 * First year of the synthetic market. Fixed (not the calendar's first year, which is 1999) so that a seed's
 * prices stay the same when the calendar's range changes: the skeleton is chained forward from here.
 */
const SYNTHETIC_FIRST_YEAR = 2020;

let allSessions: SessionIndex | undefined;

/** All NYSE sessions from 2020 to the calendar's last year (built once). */
export function sessionIndex(): SessionIndex {
  if (allSessions === undefined) {
    const sessions = sessionsBetween(`${SYNTHETIC_FIRST_YEAR}-01-01`, `${CALENDAR_LAST_YEAR}-12-31`);
    allSessions = { sessions, byDate: new Map(sessions.map((s, i) => [s.date, i])) };
  }
  return allSessions;
}

/** The market factor per session: overnight and intraday log returns and the daily variance. */
export class MarketSkeleton {
  readonly gap: number[] = [];
  readonly ret: number[] = [];
  readonly variance: number[] = [];
  readonly #seed: string;

  constructor(seed: string) {
    this.#seed = seed;
  }

  /** Extends the series to cover session `index`. */
  ensure(index: number): void {
    const { sessions } = sessionIndex();
    const { alpha, beta } = DAILY_GARCH;
    const omega = (1 - alpha - beta) * MARKET_DAILY_VAR;
    for (let d = this.ret.length; d <= index; d++) {
      const h = d === 0 ? MARKET_DAILY_VAR : (this.variance[d - 1] ?? MARKET_DAILY_VAR);
      const rng = new Rng(`${this.#seed}|market|${sessions[d]?.date ?? d}`);
      const gap = Math.sqrt(OVERNIGHT_SHARE * h) * rng.normal();
      const ret = Math.sqrt((1 - OVERNIGHT_SHARE) * h) * rng.normal();
      this.gap.push(gap);
      this.ret.push(ret);
      this.variance.push(omega + alpha * (gap + ret) ** 2 + beta * h);
    }
  }
}

/** One symbol's fixed points per session. */
export class SymbolSkeleton {
  readonly params: SymbolParams;
  /** Regular-session open and close prices (unrounded). */
  readonly open: number[] = [];
  readonly close: number[] = [];
  /** Overnight log return into the session (gap). */
  readonly gap: number[] = [];
  /** Daily intraday standard deviation of log returns (market + idiosyncratic), for scaling minutes. */
  readonly sigma: number[] = [];
  /** Multiplier of the session's volume (noise, more on big days). */
  readonly volumeFactor: number[] = [];
  readonly #seed: string;
  readonly #symbol: string;
  readonly #market: MarketSkeleton;
  #idioVar: number;

  constructor(seed: string, symbol: string, market: MarketSkeleton) {
    this.#seed = seed;
    this.#symbol = symbol;
    this.#market = market;
    this.params = symbolParams(seed, symbol);
    this.#idioVar = this.params.idioVar;
  }

  /** Extends the series to cover session `index`. */
  ensure(index: number): void {
    if (index < this.open.length) return;
    this.#market.ensure(index);
    const { sessions } = sessionIndex();
    const { p0, beta, idioVar } = this.params;
    const omega = (1 - DAILY_GARCH.alpha - DAILY_GARCH.beta) * idioVar;
    for (let d = this.open.length; d <= index; d++) {
      const rng = new Rng(`${this.#seed}|${this.#symbol}|${sessions[d]?.date ?? d}|day`);
      const h = this.#idioVar;
      const prevClose = d === 0 ? p0 : (this.close[d - 1] ?? p0);
      const jump = rng.next() < JUMP.probability ? (rng.next() < 0.5 ? -1 : 1) * rng.uniform(JUMP.min, JUMP.max) : 0;
      const idioGap = Math.sqrt(OVERNIGHT_SHARE * h) * rng.normal() + jump;
      const idioRet = Math.sqrt((1 - OVERNIGHT_SHARE) * h) * rng.normal();
      const marketGap = this.#market.gap[d] ?? 0;
      const marketRet = this.#market.ret[d] ?? 0;
      const gap = beta * marketGap + idioGap;
      const pull = -MEAN_REVERSION * Math.log(prevClose / p0);
      const ret = beta * marketRet + idioRet + pull;
      const open = Math.max(1, prevClose * Math.exp(gap));
      const marketVar = this.#market.variance[d] ?? MARKET_DAILY_VAR;
      const sigma = Math.sqrt((1 - OVERNIGHT_SHARE) * (beta * beta * marketVar + h));
      this.gap.push(gap);
      this.open.push(open);
      this.close.push(Math.max(1, open * Math.exp(ret)));
      this.sigma.push(sigma);
      this.volumeFactor.push(Math.exp(0.2 * rng.normal()) * (0.75 + 0.25 * Math.min(4, Math.abs(gap + ret) / (sigma + 1e-12))));
      this.#idioVar = omega + DAILY_GARCH.alpha * (idioGap - jump) ** 2 + DAILY_GARCH.beta * h;
    }
  }
}

/** Both skeletons for a seed, created on demand. */
export class Skeletons {
  readonly market: MarketSkeleton;
  readonly #symbols = new Map<string, SymbolSkeleton>();
  readonly #seed: string;

  constructor(seed: string) {
    this.#seed = seed;
    this.market = new MarketSkeleton(seed);
  }

  /** The symbol's skeleton, extended to cover session `index`. */
  symbol(symbol: string, index: number): SymbolSkeleton {
    let skeleton = this.#symbols.get(symbol);
    if (skeleton === undefined) {
      skeleton = new SymbolSkeleton(this.#seed, symbol, this.market);
      this.#symbols.set(symbol, skeleton);
    }
    skeleton.ensure(index);
    return skeleton;
  }
}

// Alpaca's market-data wire shapes (PROTOCOL §4, fixtures/rest/bars_*.json, latest_*.json): bars with all
// eight keys and `t` as RFC-3339 `Z`, trades and quotes with exchange/tape codes, and the RFC-3339 formats
// with the New York offset that the trading clock uses.
// Must never: drop a key the schema requires, or emit a timestamp without its zone.

import { DateTime } from 'luxon';

import { MARKET_TIME_ZONE } from '../../domain/calendar/index.js';
import type { ExchangeBar } from '../contracts.js';
import type { QuoteEvent, TradeEvent } from './synthetic-ticks.js';

/** A bar as Alpaca sends it. */
export interface WireBar {
  readonly t: string;
  readonly o: number;
  readonly h: number;
  readonly l: number;
  readonly c: number;
  readonly v: number;
  readonly n: number;
  readonly vw: number;
}

/** A trade as Alpaca sends it (REST latest/snapshot). */
export interface WireTrade {
  readonly c: readonly string[];
  readonly i: number;
  readonly p: number;
  readonly s: number;
  readonly t: string;
  readonly x: string;
  readonly z: string;
}

/** A quote as Alpaca sends it (REST latest/snapshot). */
export interface WireQuote {
  readonly ap: number;
  readonly as: number;
  readonly ax: string;
  readonly bp: number;
  readonly bs: number;
  readonly bx: string;
  readonly c: readonly string[];
  readonly t: string;
  readonly z: string;
}

/** RFC-3339 in UTC with `Z`; whole seconds print without a fraction (`2022-01-03T09:00:00Z`), others with ms. */
export function rfc3339Z(t: number): string {
  const iso = new Date(t).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** RFC-3339 with 9 fractional digits in UTC, the form Alpaca's page tokens carry. */
export function rfc3339Nanos(t: number): string {
  return `${new Date(t).toISOString().slice(0, -1)}000000Z`;
}

/** RFC-3339 with the New York offset (`2022-05-17T09:30:00-04:00`), fraction only when non-zero. */
export function rfc3339Et(t: number): string {
  const iso = DateTime.fromMillis(t, { zone: MARKET_TIME_ZONE }).toISO({ suppressMilliseconds: true });
  if (iso === null) throw new RangeError(`cannot format ${String(t)} as an ET timestamp`);
  return iso;
}

/** The wire form of a bar (keys in Alpaca's documented order t,o,h,l,c,v,n,vw). */
export function wireBar(bar: ExchangeBar): WireBar {
  return { t: rfc3339Z(bar.t), o: bar.o, h: bar.h, l: bar.l, c: bar.c, v: bar.v, n: bar.n, vw: bar.vw };
}

/** Exchange and tape codes a symbol's prints carry ('V' = IEX, the feed the simulator imitates). */
export interface Venue {
  readonly exchange: string;
  readonly tape: string;
}

/** The wire form of a trade. */
export function wireTrade(trade: TradeEvent, venue: Venue): WireTrade {
  return { c: ['@'], i: trade.id, p: trade.price, s: trade.size, t: rfc3339Z(trade.t), x: venue.exchange, z: venue.tape };
}

/** The wire form of a quote. */
export function wireQuote(quote: QuoteEvent, venue: Venue): WireQuote {
  return {
    ap: quote.ask, as: quote.askSize, ax: venue.exchange,
    bp: quote.bid, bs: quote.bidSize, bx: venue.exchange,
    c: ['R'], t: rfc3339Z(quote.t), z: venue.tape,
  };
}

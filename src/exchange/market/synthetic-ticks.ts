// Trades and quotes synthesized from 1-minute bars: one trade at the bar's open price and one quote (bid/ask
// one or two cents apart around it) at the start of each minute. Exists so the market-data stream and the
// latest-trade/quote REST endpoints agree exactly, whatever the bar source.
// Must never: use a price from later in the minute than its open (that would leak the bar's future).

import type { ExchangeBar, MarketEvent } from '../contracts.js';
import { MINUTE_MS } from './bar-source.js';
import { hash128 } from './prng.js';

export type TradeEvent = Extract<MarketEvent, { kind: 'trade' }>;
export type QuoteEvent = Extract<MarketEvent, { kind: 'quote' }>;

const cents = (x: number): number => Math.round(x * 100) / 100;

/** The trade printed at the start of `bar`'s minute: price = open, a round-lot-ish size, id from the minute. */
export function openingTrade(bar: ExchangeBar): TradeEvent {
  const [a] = hash128(`${bar.symbol}|${bar.t}|trade`);
  const size = Math.max(1, Math.min(bar.v, 100 * (1 + (a % 5))));
  return { kind: 'trade', symbol: bar.symbol, t: bar.t, price: bar.o, size, id: bar.t / MINUTE_MS };
}

/** The quote at the start of `bar`'s minute: bid just under the open, ask one or two cents above the bid. */
export function openingQuote(bar: ExchangeBar): QuoteEvent {
  const [a, b, c] = hash128(`${bar.symbol}|${bar.t}|quote`);
  const spread = a % 2 === 0 ? 0.01 : 0.02;
  const below = spread === 0.01 && b % 2 === 0 ? 0 : 0.01; // the open sits at the bid or inside the spread
  const bid = Math.max(0.01, cents(bar.o - below));
  const ask = cents(bid + spread);
  return { kind: 'quote', symbol: bar.symbol, t: bar.t, bid, bidSize: 100 * (1 + (b % 9)), ask, askSize: 100 * (1 + (c % 9)) };
}

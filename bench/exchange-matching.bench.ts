// Benchmarks of the embedded exchange's matching core, in process (what backtests use): bars/s with no
// orders, bars/s with resting orders that do not fill, and fills/s of market orders (with and without a
// trade-update listener). Numbers, not assertions: targets are checked by reading them.
import { performance } from 'node:perf_hooks';

import { etDateTime } from '../src/domain/calendar/index.js';
import type { ExchangeBar } from '../src/exchange/contracts.js';
import { SimExchange } from '../src/exchange/trading-venue.js';
import type { BenchResult } from './run.js';

const MINUTE = 60_000;
const SYMBOLS = Array.from({ length: 50 }, (_, i) => `S${String(i).padStart(3, '0')}`);
const START = etDateTime('2025-03-03', '09:30');
/** Regular-session minutes of one day: the benchmarks stay inside 09:30–16:00 so nothing is queued or expires. */
const SESSION_MINUTES = 390;

function bar(symbol: string, t: number, i: number): ExchangeBar {
  const o = 100 + ((i * 7) % 13) / 10;
  return { symbol, t, o, h: o + 0.3, l: o - 0.3, c: o + 0.1, v: 10_000, vw: o, n: 50 };
}

function venue(clock: { t: number }): SimExchange {
  return new SimExchange({ now: () => clock.t, startingCash: '100000000000', recordRequests: false });
}

/** Bars processed per second across SYMBOLS; `restingPerSymbol` far-away limit orders rest on each symbol. */
function barRate(restingPerSymbol: number): number {
  const clock = { t: START };
  const ex = venue(clock);
  for (const s of SYMBOLS) ex.processBar(bar(s, clock.t, 0));
  for (const s of SYMBOLS) {
    for (let k = 0; k < restingPerSymbol; k++) {
      ex.createOrder({ symbol: s, qty: '1', side: 'buy', type: 'limit', limit_price: String(50 + k), time_in_force: 'gtc' });
    }
  }
  let bars = 0;
  const begin = performance.now();
  for (let m = 1; m < SESSION_MINUTES; m++) {
    clock.t = START + m * MINUTE;
    for (const s of SYMBOLS) {
      ex.processBar(bar(s, clock.t, m));
      bars++;
    }
  }
  return Math.round(bars / ((performance.now() - begin) / 1000));
}

/** Market-order executions per second: one order per symbol per minute, filled on the next bar. */
function fillRate(withListener: boolean): number {
  const clock = { t: START };
  const ex = venue(clock);
  let events = 0;
  if (withListener) ex.onTradeUpdate(() => { events++; });
  for (const s of SYMBOLS) ex.processBar(bar(s, clock.t, 0));
  let elapsed = 0;
  for (let m = 1; m < SESSION_MINUTES; m++) {
    const side = m % 2 === 0 ? 'sell' : 'buy';
    const begin = performance.now();
    for (const s of SYMBOLS) ex.createOrder({ symbol: s, qty: '10', side, type: 'market', time_in_force: 'day' });
    clock.t = START + m * MINUTE;
    for (const s of SYMBOLS) ex.processBar(bar(s, clock.t, m));
    elapsed += performance.now() - begin;
  }
  const fills = ex.allFills().length;
  if (fills === 0 || (withListener && events === 0)) throw new Error('matching benchmark produced no fills');
  return Math.round(fills / (elapsed / 1000));
}

/** The matching core's throughput (in process, one core). */
export async function benchMatchingCore(): Promise<BenchResult[]> {
  barRate(0); // warm-up: calendar tables, JIT
  fillRate(false);
  await Promise.resolve();
  return [
    { name: 'matching core: bars/s, no orders (50 symbols)', value: barRate(0), unit: 'bars/s' },
    { name: 'matching core: bars/s, 10 resting limit orders per symbol (50 symbols)', value: barRate(10), unit: 'bars/s' },
    { name: 'matching core: market-order fills/s incl. submission, no listener', value: fillRate(false), unit: 'fills/s' },
    { name: 'matching core: market-order fills/s incl. submission, trade_updates listener', value: fillRate(true), unit: 'fills/s' },
  ];
}

// Benchmarks of the embedded exchange's market: synthetic bar generation, replay at speed max, and a
// historical bars page over the REST logic (in process, no sockets).
import { performance } from 'node:perf_hooks';

import { etDateTime, sessionsBetween } from '../src/domain/calendar/index.js';
import { MarketData, MarketReplay, SyntheticMarket, VirtualClock } from '../src/exchange/market/index.js';
import type { BenchResult } from './run.js';

const SYMBOLS = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE'];

/** Synthetic bars generated per second (fresh sessions, no cache hits). */
function generationRate(): number {
  sessionsBetween('2024-01-02', '2024-01-31'); // build the calendar's tables outside the timing
  new SyntheticMarket({ seed: 0, symbols: ['WARM'] }).barsForSession('WARM', '2024-01-02');
  const market = new SyntheticMarket({ seed: 1, symbols: SYMBOLS, cacheSessions: 1 });
  const days = sessionsBetween('2024-01-02', '2024-06-28').map((s) => s.date);
  const start = performance.now();
  let bars = 0;
  for (const day of days) for (const symbol of SYMBOLS) bars += market.barsForSession(symbol, day).length;
  return Math.round(bars / ((performance.now() - start) / 1000));
}

/** Replayed minutes per second at speed max (5 symbols, all events to one listener, no barrier). */
async function replayRate(): Promise<number> {
  const source = new SyntheticMarket({ seed: 2, symbols: SYMBOLS });
  const clock = new VirtualClock({ start: etDateTime('2024-03-04', '09:29'), speed: 'max' });
  const replay = new MarketReplay({ source, clock, yieldEvery: 64 });
  let events = 0;
  replay.onEvent(() => { events++; });
  const start = performance.now();
  const minutes = await replay.runUntil(etDateTime('2024-03-08', '16:00'));
  const seconds = (performance.now() - start) / 1000;
  if (events === 0) throw new Error('replay emitted no events');
  return Math.round(minutes / seconds);
}

/** Time to serve one 10 000-bar page of 1-minute bars across 5 symbols (cached sessions). */
function barsPageMs(): number {
  const source = new SyntheticMarket({ seed: 3, symbols: SYMBOLS });
  const md = new MarketData({ source, now: () => etDateTime('2024-03-15', '16:00') });
  const query = { symbols: SYMBOLS.join(','), timeframe: '1Min', start: '2024-03-01', end: '2024-03-15', limit: '10000' };
  md.getBars(query); // generate and cache
  const runs = 5;
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    const page = md.getBars(query);
    if (!page.ok) throw new Error(page.error.message);
  }
  return Math.round(((performance.now() - start) / runs) * 10) / 10;
}

export async function benchMarket(): Promise<BenchResult[]> {
  return [
    { name: 'synthetic 1-minute bars generated per second', value: generationRate(), unit: 'bars/s' },
    { name: 'market replay minutes per second at speed max (5 symbols)', value: await replayRate(), unit: 'minutes/s' },
    { name: 'getBars 1Min page of 10000 bars across 5 symbols', value: barsPageMs(), unit: 'ms' },
  ];
}

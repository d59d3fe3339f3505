// Bars per second through the stream feed end to end: the embedded exchange publishes a session of 1-minute
// bars for 50 symbols as fast as it can (speed max, stepped), the official SDK decodes the msgpack frames,
// and AlpacaStreamFeed maps, de-duplicates and emits them. Wall time from the first step to the last bar.
import { performance } from 'node:perf_hooks';
import { MemoryLogger } from '../src/adapters/logging/memory-logger.js';
import { createMarketData } from '../src/adapters/alpaca/market-data/index.js';
import { startSimExchange } from '../src/exchange/sim-exchange-app.js';
import type { BenchResult } from './run.js';

const SYMBOLS = Array.from({ length: 50 }, (_, i) => `B${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`);
const MINUTES = 390;

export async function benchFeed(): Promise<BenchResult[]> {
  const sim = await startSimExchange({ port: 0, speed: 'max', run: false, symbols: SYMBOLS, start: '2024-06-12', quietMs: 0, rateLimitPerMinute: 0, log: () => undefined });
  try {
    await sim.market.replay.step();
    const config = {
      alpaca: { api_key: sim.key, secret_key: sim.secret, paper: true, api_base_url: '', trading_stream_url: '', data_base_url: sim.dataUrl, data_stream_url: sim.dataStreamUrl },
      data: { feed: 'iex' as const, provider: 'stream' as const, bar_timeframe: '1Min' as const },
    };
    const { feed } = createMarketData(config, { clock: { now: () => sim.clock.now() }, logger: new MemoryLogger({ level: 'error' }) });
    let received = 0;
    let done!: () => void;
    const all = new Promise<void>((resolve) => { done = resolve; });
    feed.onBar(() => { if (++received === SYMBOLS.length * MINUTES) done(); });
    await feed.start(SYMBOLS);
    const start = performance.now();
    for (let i = 0; i < MINUTES; i++) await sim.market.replay.step();
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 60_000))]);
    const seconds = (performance.now() - start) / 1000;
    await feed.stop();
    if (received !== SYMBOLS.length * MINUTES) throw new Error(`feed bench: received ${received} of ${SYMBOLS.length * MINUTES} bars`);
    return [{ name: `stream feed bars/s (sim over WebSocket, ${SYMBOLS.length} symbols, SDK decode + map + dedupe)`, value: Math.round(received / seconds), unit: 'bars/s' }];
  } finally {
    await sim.close();
  }
}

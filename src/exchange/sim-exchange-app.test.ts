// Proves the composition and the speed-max barrier: with the replay running free at speed max, an order the
// client sends in reaction to bar T−1 (received over the real market-data WebSocket through the official SDK)
// is matched at the open of bar T, every minute, exactly as a backtest would fill it. Also the default start
// times and the admin state.
import { streaming } from '@alpacahq/alpaca-trade-api';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExchangeBar } from './contracts.js';
import { ArrayBarSource, SyntheticMarket } from './market/index.js';
import { startSimExchange, type SimExchangeHandle } from './sim-exchange-app.js';
import { resolveStart } from './sim-start-time.js';

const OPEN = Date.parse('2024-06-11T13:30:00Z');
const MINUTES = 12;
let sim: SimExchangeHandle | undefined;

afterEach(async () => { await sim?.close(); sim = undefined; });

function bars(): ExchangeBar[] {
  return Array.from({ length: MINUTES }, (_, i) => {
    const o = 100 + i;
    return { symbol: 'TEST', t: OPEN + i * 60_000, o, h: o + 0.5, l: o - 0.5, c: o + 0.25, v: 1_000_000, vw: o, n: 100 };
  });
}

describe('startSimExchange at speed max', () => {
  it('fills every order sent in reaction to bar T−1 at the open of bar T (the barrier holds the market for the client)', async () => {
    sim = await startSimExchange({ port: 0, speed: 'max', run: false, market: { kind: 'bars', bars: bars() }, start: OPEN, quietMs: 150, log: () => undefined });
    const s = sim;
    const stream = new streaming.StockDataStream({ credentials: { keyId: s.key, secret: s.secret }, url: s.dataStreamUrl, reconnect: false });
    const posts: Promise<Response>[] = [];
    stream.onBar((bar) => {
      posts.push(fetch(`${s.url}/v2/orders`, {
        method: 'POST', headers: { 'APCA-API-KEY-ID': s.key, 'APCA-API-SECRET-KEY': s.secret, 'Content-Type': 'application/json' },
        body: JSON.stringify({ symbol: 'TEST', qty: '1', side: 'buy', type: 'market', time_in_force: 'day', client_order_id: `after-${bar.timestamp.getTime()}` }),
      }));
    });
    const subscribed = new Promise<void>((resolve) => { stream.on('subscription', () => { resolve(); }); });
    stream.onConnect(() => { stream.subscribeForBars(['TEST']); });
    stream.connect();
    await subscribed;
    expect(await s.market.replay.run()).toBe('end-of-data');
    stream.disconnect();
    // Every bar brings an order; the last one has no next bar to fill against.
    expect((await Promise.all(posts)).map((r) => r.status)).toEqual(Array(MINUTES).fill(200));
    const fills = s.venue.allFills();
    expect(fills).toHaveLength(MINUTES - 1);
    for (const fill of fills) {
      const barT = Number(fill.client_order_id.slice('after-'.length));
      expect(fill.at).toBe(barT + 60_000);
      expect(Number(fill.price)).toBe(100 + (barT - OPEN) / 60_000 + 1);
    }
  });

  it('reports its state through the admin API and labels a synthetic market', async () => {
    sim = await startSimExchange({ port: 0, speed: 7, run: false, today: Date.parse('2024-06-12T15:00:00Z'), log: () => undefined });
    const res = await fetch(`${sim.url}/sim/admin/state`, { headers: { 'APCA-API-KEY-ID': 'SIMKEY', 'APCA-API-SECRET-KEY': 'SIMSECRET' } });
    expect(await res.json()).toMatchObject({
      time: expect.stringMatching(/^2024-06-11T13:3\d:\d\d\.\d{3}Z$/), speed: 7, paused: false, symbols: ['AAPL', 'MSFT', 'SPY'],
      market: { kind: 'synthetic', synthetic: true, seed: 42 },
    });
    expect(sim.dataStreamUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/v2\/iex$/);
  });
});

describe('resolveStart', () => {
  const synthetic = new SyntheticMarket({ seed: 1, symbols: ['AAPL'] });
  it('defaults a synthetic market to the open of the last session before today', () => {
    expect(new Date(resolveStart(undefined, synthetic, Date.parse('2024-06-17T12:00:00Z'))).toISOString()).toBe('2024-06-14T13:30:00.000Z');
    expect(new Date(resolveStart(undefined, synthetic, Date.parse('2024-06-20T12:00:00Z'))).toISOString()).toBe('2024-06-18T13:30:00.000Z');
  });
  it('takes a date as that session open (next session when closed) and an ISO time as is', () => {
    expect(new Date(resolveStart('2024-06-19', synthetic, 0)).toISOString()).toBe('2024-06-20T13:30:00.000Z');
    expect(resolveStart('2024-06-11T15:00:00Z', synthetic, 0)).toBe(Date.parse('2024-06-11T15:00:00Z'));
    expect(() => resolveStart('soon', synthetic, 0)).toThrow('start: must be a date YYYY-MM-DD or an ISO-8601 time');
  });
  it('starts recorded data at its second session, keeping the first as warm-up', () => {
    const twoDays = new ArrayBarSource([...bars(), ...bars().map((b) => ({ ...b, t: b.t + 86_400_000 }))]);
    expect(resolveStart(undefined, twoDays, 0)).toBe(OPEN + 86_400_000);
    expect(resolveStart(undefined, new ArrayBarSource(bars()), 0)).toBe(OPEN);
  });
});

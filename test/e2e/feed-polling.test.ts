// End-to-end over real HTTP: the polling feed (data.provider: polling) against the embedded exchange, virtual
// time stepped by the test and a poll every few wall milliseconds. Proves the bars received equal the
// exchange's own, each once and in order, including minutes that passed between two polls.
import { afterEach, describe, expect, it } from 'vitest';
import type { SimExchangeHandle } from '../../src/exchange/sim-exchange-app.js';
import { compareWithExchange, feedFor, haveMinute, MINUTE, simConfig, startSim, until, type FeedRig } from './feed-support.js';

let sim: SimExchangeHandle | undefined;
let rig: FeedRig | undefined;

afterEach(async () => {
  await rig?.feed.stop();
  await sim?.close();
});

describe('polling feed against the embedded exchange', () => {
  it('emits every bar of 5 symbols once, in order, including bursts of minutes between polls', async () => {
    const s = (sim = await startSim());
    const r = (rig = feedFor(simConfig(s, 'polling'), { now: () => s.clock.now() }, { polling: { maxWaitMs: 15 } }));
    const started = s.clock.now();
    await r.feed.start(['AAPL', 'AMZN', 'MSFT', 'NVDA', 'SPY']);
    for (let i = 0; i < 4; i++) {
      const boundary = await s.market.replay.step();
      expect(await until(() => haveMinute(r.bars, Number(boundary) - MINUTE))).toBe(true);
    }
    await s.market.replay.runUntil(s.clock.now() + 5 * MINUTE); // 5 minutes at once
    expect(await until(() => haveMinute(r.bars, s.clock.now() - MINUTE))).toBe(true);
    for (const series of compareWithExchange(s, r.bars, started, s.clock.now() - MINUTE)) {
      expect(series.got, series.symbol).toEqual(series.expected);
      expect(series.closesMatch).toBe(true);
    }
    expect(r.bars).toHaveLength(5 * 9);
    expect(r.statuses[0]).toEqual({ kind: 'connecting' });
    expect(r.statuses.some((x) => x.kind === 'connected')).toBe(true);
  }, 60_000);
});

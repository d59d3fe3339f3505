// End-to-end over real sockets: the stream feed (official SDK, our reconnect policy) against the embedded
// exchange at speed max, virtual time stepped by the test. Proves: bars for 5 symbols stream; after an
// injected disconnect and after an injected stall (silent but open socket; the watchdog notices on the
// exchange's virtual clock) the feed reconnects, backfills over REST, and the series received equals the
// exchange's own bars: no missing and no duplicate bar. Also: 10 failed reconnects emit the breaker event;
// refused credentials reject start(). No wall-clock assertions: every wait is "until X happens".
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimExchangeHandle } from '../../src/exchange/sim-exchange-app.js';
import { compareWithExchange, feedFor, haveMinute, MINUTE, simConfig, startSim, until, type FeedRig } from './feed-support.js';

let sim: SimExchangeHandle | undefined;
let rig: FeedRig | undefined;

afterEach(async () => {
  await rig?.feed.stop();
  await sim?.close();
  rig = undefined;
  sim = undefined;
});

/** Steps `n` minutes; when `wait`, waits for each minute's bars of all 5 symbols. */
async function step(s: SimExchangeHandle, r: FeedRig, n: number, wait = true): Promise<void> {
  for (let i = 0; i < n; i++) {
    const boundary = await s.market.replay.step();
    if (typeof boundary !== 'number') throw new Error(`replay ended: ${boundary}`);
    if (wait) expect(await until(() => haveMinute(r.bars, boundary - MINUTE)), `bars of ${new Date(boundary - MINUTE).toISOString()}`).toBe(true);
  }
}

const count = (r: FeedRig, kind: string): number => r.statuses.filter((x) => x.kind === kind).length;

describe('stream feed against the embedded exchange', () => {
  it('streams 5 symbols; survives a dropped connection and a stalled stream with no missing and no duplicate bar', async () => {
    const s = (sim = await startSim());
    const r = (rig = feedFor(simConfig(s), { now: () => s.clock.now() }));
    const started = s.clock.now();
    await r.feed.start(['AAPL', 'AMZN', 'MSFT', 'NVDA', 'SPY']);
    await step(s, r, 5);

    // 1. The exchange drops the socket at its next data message; 3 more minutes pass before the feed is back.
    s.faults.add({ type: 'drop_connection', stream: 'market_data' });
    await step(s, r, 3, false);
    expect(await until(() => count(r, 'reconnect_succeeded') === 1 && count(r, 'backfilled') === 2)).toBe(true); // 1 per connection
    await step(s, r, 3);

    // 2. The stream goes silent but stays open (pings still answered); the watchdog sees 30 s of virtual silence.
    s.faults.add({ type: 'stall_stream', stream: 'market_data' });
    await step(s, r, 2, false);
    expect(await until(() => count(r, 'stalled') === 1)).toBe(true);
    expect(await until(() => count(r, 'reconnect_succeeded') === 2 && count(r, 'backfilled') === 3)).toBe(true);
    await step(s, r, 4);

    const last = s.clock.now() - MINUTE; // start of the newest published minute
    for (const series of compareWithExchange(s, r.bars, started, last)) {
      expect(series.got, series.symbol).toEqual(series.expected);
      expect(series.closesMatch, series.symbol).toBe(true);
    }
    expect(r.bars).toHaveLength(5 * 17);
    expect(r.statuses.find((x) => x.kind === 'stalled')).toMatchObject({ kind: 'stalled' });
    const backfilled = r.statuses.flatMap((x) => (x.kind === 'backfilled' ? [x.bars] : []));
    expect(backfilled.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5 * 3); // the minutes lost on the wire came over REST
    expect(s.faults.list().every((f) => f.fired === 1)).toBe(true);
    expect(JSON.stringify(r.logger.entries)).not.toContain(s.secret);
  }, 90_000);

  it('10 consecutive failed reconnects emit reconnect_failures(10) and the feed keeps trying', async () => {
    const dead = await deadPort();
    const url = `ws://127.0.0.1:${dead}/v2/iex`;
    const r = (rig = feedFor(simConfig({ key: 'K', secret: 'S', dataUrl: `http://127.0.0.1:${dead}`, dataStreamUrl: url }), { now: () => Date.parse('2024-06-12T15:00:00Z') }, {
      policy: { baseDelayMs: 1, maxDelayMs: 5 },
    }));
    const started = r.feed.start(['AAPL']).catch((e: unknown) => e);
    expect(await until(() => count(r, 'reconnect_failures') === 1)).toBe(true);
    expect(r.statuses.find((x) => x.kind === 'reconnect_failures')).toEqual({ kind: 'reconnect_failures', consecutive: 10 });
    expect(await until(() => count(r, 'disconnected') > 10)).toBe(true); // still trying after the breaker event
    await r.feed.stop();
    expect(await started).toBeInstanceOf(Error);
  }, 60_000);

  it('refused credentials reject start() with a clear error, without retrying or echoing the secret', async () => {
    const s = (sim = await startSim());
    const r = (rig = feedFor(simConfig({ ...s, secret: 'WRONG-SECRET-123' }), { now: () => s.clock.now() }));
    const error = await r.feed.start(['AAPL']).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toMatch(/refused the credentials/);
    expect(error?.message).not.toContain('WRONG-SECRET-123');
    expect(count(r, 'reconnecting')).toBe(0);
  }, 30_000);
});

/** A port nothing listens on. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

// Proves the stream feed's policy with fakes (no sockets): backfill after a reconnect comes before the live
// bars that arrived during it, nothing is emitted twice; 10 failed attempts emit the breaker event and the
// feed keeps trying; the watchdog forces a reconnect only in market hours; backoff delays respect the cap;
// a throwing listener breaks nothing; refused credentials reject start().
import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../domain/bar.js';
import { MemoryLogger } from '../../logging/memory-logger.js';
import type { FeedStatus } from '../../../ports/market-data.js';
import { StreamConnectError } from './md-bar-stream.js';
import { bar, FakeClock, fakeFactory, FakeHistory, ManualTimers, networkError, NIGHT_T, OPEN_T, streamBar, until } from './md-test-kit.js';
import { AlpacaStreamFeed, type StreamFeedOptions } from './stream-feed.js';

const M = 60_000;

function setup(overrides: Partial<StreamFeedOptions> & { failFor?: (attempt: number) => StreamConnectError | undefined; t?: number } = {}) {
  const clock = new FakeClock(overrides.t ?? OPEN_T + 5_000);
  const timers = new ManualTimers();
  const history = new FakeHistory();
  const { factory, connections } = fakeFactory(overrides.failFor);
  const logger = new MemoryLogger();
  const feed = new AlpacaStreamFeed({ connect: factory, history, clock, logger, timers, random: () => 0.5, policy: { baseDelayMs: 10, maxDelayMs: 80 }, ...overrides });
  const bars: Bar[] = [];
  const statuses: FeedStatus[] = [];
  feed.onBar((b) => bars.push(b));
  feed.onStatus((s) => statuses.push(s));
  return { clock, timers, history, connections, logger, feed, bars, statuses };
}

describe('AlpacaStreamFeed', () => {
  it('streams live bars once each, in order, for the subscribed symbols', async () => {
    const h = setup();
    await h.feed.start(['AAPL', 'MSFT']);
    await until(() => h.statuses.some((s) => s.kind === 'backfilled'));
    expect(h.statuses.map((s) => s.kind)).toEqual(['connecting', 'connected', 'backfilled']); // nothing missed yet: backfilled(0) at once
    const conn = h.connections[0]!;
    expect(conn.subscribed).toEqual(['AAPL', 'MSFT']);
    for (const b of [streamBar('AAPL', OPEN_T), streamBar('MSFT', OPEN_T), streamBar('AAPL', OPEN_T), streamBar('TSLA', OPEN_T)]) conn.handlers.onBar(b);
    await until(() => h.bars.length === 2);
    expect(h.bars.map((b) => `${b.symbol}@${(b.t - OPEN_T) / M}`)).toEqual(['AAPL@0', 'MSFT@0']);
    await h.feed.stop();
    expect(h.statuses.at(-1)).toEqual({ kind: 'stopped' });
  });

  it('after a drop: reconnects, backfills the missed bars before the live ones, merges and de-duplicates', async () => {
    const h = setup();
    await h.feed.start(['AAPL']);
    h.connections[0]!.handlers.onBar(streamBar('AAPL', OPEN_T));
    await until(() => h.bars.length === 1);
    h.history.bars = [1, 2, 3, 4].map((i) => bar('AAPL', OPEN_T + i * M));
    let open!: () => void;
    h.history.gate = new Promise((r) => { open = r; });
    h.clock.t = OPEN_T + 5 * M + 2_000; // bars 1..4 were missed; bar 5 is still forming
    h.connections[0]!.drop('server closed');
    expect(await until(() => h.history.queries.length === 1)).toBe(true);
    expect(h.history.queries[0]).toMatchObject({ symbols: ['AAPL'], timeframe: '1Min', from: OPEN_T + M, to: OPEN_T + 5 * M });
    const live = h.connections[1]!;
    live.handlers.onBar(streamBar('AAPL', OPEN_T + 4 * M)); // arrives during the backfill, also fetched
    live.handlers.onBar(streamBar('AAPL', OPEN_T + 5 * M));
    await new Promise((r) => setTimeout(r, 20));
    expect(h.bars).toHaveLength(1); // held back until the backfill is done
    open();
    await until(() => h.bars.length === 6);
    expect(h.bars.map((b) => (b.t - OPEN_T) / M)).toEqual([0, 1, 2, 3, 4, 5]);
    const kinds = h.statuses.map((s) => s.kind);
    expect(kinds.slice(kinds.indexOf('disconnected'))).toEqual(['disconnected', 'reconnecting', 'connecting', 'connected', 'reconnect_succeeded', 'backfilling', 'backfilled']);
    expect(h.statuses.filter((s) => s.kind === 'backfilled')).toEqual([{ kind: 'backfilled', bars: 0 }, { kind: 'backfilled', bars: 5 }]);
    live.handlers.onBar(streamBar('AAPL', OPEN_T + 5 * M));
    await new Promise((r) => setTimeout(r, 20));
    expect(h.bars).toHaveLength(6);
    await h.feed.stop();
  });

  it('10 consecutive failed attempts emit reconnect_failures(10) and it keeps trying until it connects', async () => {
    const h = setup({ failFor: (n) => (n <= 12 ? networkError() : undefined) });
    const started = h.feed.start(['AAPL']);
    await started;
    expect(h.connections).toHaveLength(13);
    expect(h.statuses.filter((s) => s.kind === 'reconnect_failures')).toEqual([{ kind: 'reconnect_failures', consecutive: 10 }]);
    expect(h.statuses.filter((s) => s.kind === 'disconnected')).toHaveLength(12);
    expect(h.statuses.filter((s) => s.kind === 'reconnect_succeeded')).toHaveLength(0); // first connection, not a reconnect
    expect(h.timers.sleeps.every((ms) => ms <= 80)).toBe(true);
    expect(h.timers.sleeps.slice(0, 4)).toEqual([8, 15, 30, 60]); // 10, 20, 40, 80 (cap) × (1 − 0.5 jitter × 0.5 random)
    expect(Math.max(...h.timers.sleeps)).toBe(60); // 80 cap × 0.75
    await h.feed.stop();
  });

  it('after a connection, failures count again from zero and a success emits reconnect_succeeded', async () => {
    const h = setup({ failFor: (n) => (n >= 2 && n <= 11 ? networkError() : undefined) });
    await h.feed.start(['AAPL']);
    h.connections[0]!.drop();
    await until(() => h.statuses.some((s) => s.kind === 'reconnect_succeeded'));
    expect(h.statuses.filter((s) => s.kind === 'reconnect_failures')).toEqual([{ kind: 'reconnect_failures', consecutive: 10 }]);
    expect(h.connections).toHaveLength(12);
    await h.feed.stop();
  });

  it('the watchdog forces a reconnect after 30 s past a due bar in market hours', async () => {
    const h = setup();
    await h.feed.start(['AAPL']);
    h.timers.tick();
    expect(h.connections).toHaveLength(1);
    h.clock.t += 2 * M; // no message since the connection
    h.timers.tick();
    expect(h.statuses.some((s) => s.kind === 'stalled')).toBe(true);
    await until(() => h.connections.length === 2 && h.statuses.filter((s) => s.kind === 'connected').length === 2);
    expect(h.statuses.find((s) => s.kind === 'stalled')).toEqual({ kind: 'stalled', silentMs: 2 * M });
    await h.feed.stop();
  });

  it('the watchdog stays quiet outside market hours', async () => {
    const h = setup({ t: NIGHT_T });
    await h.feed.start(['AAPL']);
    h.clock.t += 30 * M;
    h.timers.tick();
    await new Promise((r) => setTimeout(r, 20));
    expect(h.statuses.some((s) => s.kind === 'stalled')).toBe(false);
    expect(h.connections).toHaveLength(1);
    await h.feed.stop();
  });

  it('any frame (activity) keeps the watchdog quiet', async () => {
    const h = setup();
    await h.feed.start(['AAPL']);
    for (let i = 0; i < 5; i++) {
      h.clock.t += 50_000;
      h.connections[0]!.handlers.onActivity();
      h.timers.tick();
    }
    expect(h.statuses.some((s) => s.kind === 'stalled')).toBe(false);
    await h.feed.stop();
  });

  it('a throwing bar listener is logged and the other listeners and later bars still flow', async () => {
    const h = setup();
    h.feed.onBar(() => { throw new Error('boom'); });
    await h.feed.start(['AAPL']);
    h.connections[0]!.handlers.onBar(streamBar('AAPL', OPEN_T));
    h.connections[0]!.handlers.onBar(streamBar('AAPL', OPEN_T + M));
    await until(() => h.bars.length === 2);
    expect(h.logger.entries.filter((e) => e.level === 'error' && e.msg.includes('listener threw'))).toHaveLength(2);
    await h.feed.stop();
  });

  it('a bad bar from the wire is refused with a clear error, not emitted', async () => {
    const h = setup();
    await h.feed.start(['AAPL']);
    h.connections[0]!.handlers.onBar({ ...streamBar('AAPL', OPEN_T), high: 1, low: 5 });
    h.connections[0]!.handlers.onBar(streamBar('AAPL', OPEN_T + M));
    await until(() => h.bars.length === 1);
    expect(h.logger.entries.some((e) => e.msg === 'market-data bar refused' && String(e.fields['error']).includes('prices are not a bar'))).toBe(true);
    await h.feed.stop();
  });

  it('refused credentials on the first attempt reject start() without retrying', async () => {
    const h = setup({ failFor: () => new StreamConnectError('the server refused the credentials (auth failed, code 402)', true, 402) });
    await expect(h.feed.start(['AAPL'])).rejects.toThrow(/refused the credentials/);
    expect(h.connections).toHaveLength(1);
    await h.feed.stop();
  });

  it('setSymbols subscribes the added and unsubscribes the removed symbols', async () => {
    const h = setup();
    await h.feed.start(['AAPL', 'MSFT']);
    await h.feed.setSymbols(['MSFT', 'SPY']);
    expect(h.connections[0]!.subscribed).toEqual(['MSFT', 'SPY']);
    h.connections[0]!.handlers.onBar(streamBar('AAPL', OPEN_T));
    h.connections[0]!.handlers.onBar(streamBar('SPY', OPEN_T));
    await until(() => h.bars.length === 1);
    expect(h.bars[0]?.symbol).toBe('SPY');
    await h.feed.stop();
  });
});

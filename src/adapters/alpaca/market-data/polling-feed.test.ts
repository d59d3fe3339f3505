// Proves the polling feed with fakes: each poll emits the bars completed since the last one seen, each once
// and in order; failed polls are counted and the 10th emits reconnect_failures; a recovery is announced.
import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../domain/bar.js';
import type { FeedStatus } from '../../../ports/market-data.js';
import { MemoryLogger } from '../../logging/memory-logger.js';
import { bar, FakeClock, FakeHistory, ManualTimers, OPEN_T, until } from './md-test-kit.js';
import { AlpacaPollingFeed } from './polling-feed.js';

const M = 60_000;

class AdvancingTimers extends ManualTimers {
  constructor(readonly clock: FakeClock) {
    super();
  }
  override sleep(ms: number): Promise<void> {
    this.clock.t += M;
    return super.sleep(ms);
  }
}

function setup() {
  const clock = new FakeClock(OPEN_T + 5_000);
  const history = new FakeHistory(Array.from({ length: 30 }, (_, i) => bar('AAPL', OPEN_T - 5 * M + i * M)));
  const timers = new AdvancingTimers(clock);
  const feed = new AlpacaPollingFeed({ history, clock, logger: new MemoryLogger(), timers });
  const bars: Bar[] = [];
  const statuses: FeedStatus[] = [];
  feed.onBar((b) => bars.push(b));
  feed.onStatus((s) => statuses.push(s));
  return { clock, history, timers, feed, bars, statuses };
}

describe('AlpacaPollingFeed', () => {
  it('emits each completed minute once, in order, starting after the minute before start', async () => {
    const h = setup();
    await h.feed.start(['AAPL']);
    await until(() => h.bars.length >= 5);
    await h.feed.stop();
    const ts = h.bars.map((b) => (b.t - OPEN_T) / M);
    expect(ts.slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(ts).size).toBe(ts.length);
    for (const q of h.history.queries) expect(q.to % M).toBe(0);
    expect(h.statuses[0]).toEqual({ kind: 'connecting' });
    expect(h.statuses.at(-1)).toEqual({ kind: 'stopped' });
  });

  it('10 failed polls emit reconnect_failures(10); the next good poll announces reconnect_succeeded and backfills', async () => {
    const h = setup();
    await h.feed.start(['AAPL']);
    h.history.failNext = 12;
    await until(() => h.statuses.some((s) => s.kind === 'reconnect_succeeded'));
    expect(h.statuses.filter((s) => s.kind === 'reconnect_failures')).toEqual([{ kind: 'reconnect_failures', consecutive: 10 }]);
    expect(h.statuses.filter((s) => s.kind === 'disconnected')).toHaveLength(12);
    await until(() => h.statuses.some((s) => s.kind === 'backfilled' && s.bars > 1));
    await h.feed.stop();
    const ts = h.bars.map((b) => b.t);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    expect(new Set(ts).size).toBe(ts.length);
    expect(ts.at(-1)! - ts[0]!).toBe((ts.length - 1) * M); // no gap: the failed minutes were fetched afterwards
  });
});

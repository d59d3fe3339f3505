// The HTTP alternative to the stream (`data.provider: polling`, SPEC §4) for accounts that hit the stream
// connection limit: each minute, a few seconds after the minute mark, it asks REST for the bars completed
// since the last one seen per symbol and emits them through the same de-duplication as the stream.
// Must never: emit a bar whose minute has not ended, emit a bar twice, or stop polling after failures
// (10 consecutive failed polls emit `reconnect_failures`, like the stream).
import type { Bar } from '../../../domain/bar.js';
import type { Clock } from '../../../ports/clock.js';
import type { Logger } from '../../../ports/logger.js';
import type { FeedStatus, HistoricalBars, MarketDataFeed } from '../../../ports/market-data.js';
import { backfillBars } from './backfill.js';
import { BarSequencer } from './bar-sequencer.js';
import { ListenerSet } from './feed-listeners.js';
import { floorMinute, REAL_TIMERS, type FeedTimers } from './feed-timers.js';
import { isBreakerCount, reconnectPolicy, type ReconnectPolicy } from './md-reconnect-policy.js';

/** Options of {@link AlpacaPollingFeed}. */
export interface PollingFeedOptions {
  readonly history: HistoricalBars;
  /** Market time (bars up to the last whole minute are asked for). */
  readonly clock: Pick<Clock, 'now'>;
  readonly logger: Logger;
  /** Only `maxFailures` is used (default 10). */
  readonly policy?: Partial<ReconnectPolicy>;
  readonly timers?: FeedTimers;
  /** Poll this long after each minute mark (Alpaca needs a moment to finish the bar). Default 5 000 ms. */
  readonly pollOffsetMs?: number;
  /** Upper bound of one wait between polls, wall ms. Default 60 000. */
  readonly maxWaitMs?: number;
}

/** The polling feed. */
export class AlpacaPollingFeed implements MarketDataFeed {
  readonly #o: PollingFeedOptions;
  readonly #policy: ReconnectPolicy;
  readonly #timers: FeedTimers;
  readonly #bars: ListenerSet<Bar>;
  readonly #status: ListenerSet<FeedStatus>;
  readonly #sequencer: BarSequencer;
  #symbols: string[] = [];
  #loop: Promise<void> | undefined;
  #abort = new AbortController();
  #wasConnected = false;

  /** @throws RangeError on a bad policy value */
  constructor(options: PollingFeedOptions) {
    this.#o = options;
    this.#policy = reconnectPolicy(options.policy);
    this.#timers = options.timers ?? REAL_TIMERS;
    this.#bars = new ListenerSet(options.logger, 'bar');
    this.#status = new ListenerSet(options.logger, 'feed status');
    this.#sequencer = new BarSequencer((bar) => { this.#bars.emit(bar); });
  }

  onBar(listener: (bar: Bar) => void): () => void {
    return this.#bars.add(listener);
  }

  onStatus(listener: (status: FeedStatus) => void): () => void {
    return this.#status.add(listener);
  }

  /** Polls once at once; resolves after the first successful poll (failed polls are retried each interval). */
  async start(symbols: readonly string[]): Promise<void> {
    if (this.#loop) throw new Error('market-data feed already started');
    this.#abort = new AbortController();
    this.#track(symbols);
    let first: { resolve: () => void; reject: (e: unknown) => void } | undefined;
    const started = new Promise<void>((resolve, reject) => { first = { resolve, reject }; });
    this.#loop = this.#run((error) => {
      if (!first) return;
      if (error === undefined) first.resolve(); else first.reject(error);
      first = undefined;
    });
    return started;
  }

  async setSymbols(symbols: readonly string[]): Promise<void> {
    const wanted = new Set(symbols);
    for (const s of this.#symbols) if (!wanted.has(s)) this.#sequencer.untrack(s);
    this.#track(symbols);
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#loop;
    this.#loop = undefined;
    this.#status.emit({ kind: 'stopped' });
  }

  /** Start of the last bar emitted for `symbol`. */
  lastBarTime(symbol: string): number | undefined {
    return this.#sequencer.watermark(symbol);
  }

  #track(symbols: readonly string[]): void {
    const since = floorMinute(this.#o.clock.now()) - 60_000;
    for (const s of symbols) this.#sequencer.track(s, since);
    this.#symbols = [...new Set(symbols)];
  }

  async #run(settleStart: (error?: unknown) => void): Promise<void> {
    const signal = this.#abort.signal;
    let failures = 0;
    let healthy = false;
    this.#emitStatus({ kind: 'connecting' });
    while (!signal.aborted) {
      const ok = await this.#poll(!healthy);
      if (ok) {
        if (!healthy) this.#emitStatus(failures > 0 || this.#wasConnected ? { kind: 'reconnect_succeeded' } : { kind: 'connected' });
        this.#wasConnected = true;
        healthy = true;
        failures = 0;
        settleStart();
      } else {
        failures++;
        healthy = false;
        if (isBreakerCount(failures, this.#policy.maxFailures)) this.#emitStatus({ kind: 'reconnect_failures', consecutive: failures });
      }
      await this.#timers.sleep(this.#waitMs(), signal);
    }
    settleStart(new Error('market-data feed stopped before the first successful poll'));
  }

  /** One poll; true when the request worked for at least one symbol (or there was nothing to ask for). */
  async #poll(announce: boolean): Promise<boolean> {
    const to = floorMinute(this.#o.clock.now());
    const result = await backfillBars({
      history: this.#o.history, logger: this.#o.logger, symbols: this.#symbols, to,
      watermark: (s) => this.#sequencer.watermark(s),
      ...(announce ? { onStart: (from: number) => { this.#emitStatus({ kind: 'backfilling', from, to }); } } : {}),
    });
    const ok = result.error === undefined && (result.failed.length === 0 || result.failed.length < this.#symbols.length);
    if (!ok) {
      this.#emitStatus({ kind: 'disconnected', reason: result.error ?? `every symbol failed: ${result.failed.join(', ')}` });
      return false;
    }
    this.#sequencer.beginBackfill();
    const emitted = this.#sequencer.endBackfill(result.bars);
    if (announce) this.#emitStatus({ kind: 'backfilled', bars: emitted });
    return true;
  }

  #waitMs(): number {
    const now = this.#o.clock.now();
    const mark = floorMinute(now) + (this.#o.pollOffsetMs ?? 5_000);
    const next = mark > now ? mark : mark + 60_000;
    return Math.min(Math.max(next - now, 0), this.#o.maxWaitMs ?? 60_000);
  }

  #emitStatus(status: FeedStatus): void {
    const level = status.kind === 'reconnect_failures' || status.kind === 'disconnected' ? 'warn' : 'info';
    this.#o.logger[level](`market-data polling feed ${status.kind}`, { ...status });
    this.#status.emit(status);
  }
}

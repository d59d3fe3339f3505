// The live market-data feed over the SDK's WebSocket (SPEC §4): 1-minute bars, our own reconnect policy
// (backoff with jitter capped at 60 s, a market-hours watchdog, a breaker event after 10 consecutive
// failures), and after every (re)connect a REST backfill of the bars missed since the last bar seen, emitted
// before any live bar; every (re)connect ends with `backfilled` (bars: 0 when nothing was missed). Must never: emit a bar twice or out of order per symbol, give up reconnecting, run
// user listeners inside an SDK callback, or log credentials.
import type { Bar } from '../../../domain/bar.js';
import { isOpen } from '../../../domain/calendar/index.js';
import type { Clock } from '../../../ports/clock.js';
import type { Logger } from '../../../ports/logger.js';
import type { FeedStatus, HistoricalBars, MarketDataFeed } from '../../../ports/market-data.js';
import { BarSequencer } from './bar-sequencer.js';
import { backfillBars } from './backfill.js';
import { ListenerSet } from './feed-listeners.js';
import { floorMinute, REAL_TIMERS, type FeedTimers } from './feed-timers.js';
import { barFromStream } from './md-bar-mapper.js';
import { StreamConnectError, type BarStreamConnection, type BarStreamFactory } from './md-bar-stream.js';
import { backoffDelay, isBreakerCount, reconnectPolicy, stallSilence, type ReconnectPolicy } from './md-reconnect-policy.js';
import type { streaming } from '@alpacahq/alpaca-trade-api';

/** Options of {@link AlpacaStreamFeed}. */
export interface StreamFeedOptions {
  /** Makes one connection per attempt (production: `sdkBarStreamFactory(...)`). */
  readonly connect: BarStreamFactory;
  /** REST history for the backfill after each (re)connect. */
  readonly history: HistoricalBars;
  /** Market time: bar cut-off, watchdog silence and market hours (the exchange's virtual clock in sim). */
  readonly clock: Pick<Clock, 'now'>;
  readonly logger: Logger;
  /** Overrides of the defaults (1 s base, 60 s cap, 0.5 jitter, 30 s watchdog, 10 failures). */
  readonly policy?: Partial<ReconnectPolicy>;
  /** [0, 1) source for the jitter. Default Math.random. */
  readonly random?: () => number;
  /** Real-time waits and checks. Default real timers. */
  readonly timers?: FeedTimers;
  /** How often the watchdog looks, wall ms. Default 1 000. */
  readonly watchdogCheckMs?: number;
  /** Market hours for the watchdog. Default the NYSE regular session (calendar `isOpen`). */
  readonly isMarketOpen?: (t: number) => boolean;
}

/** The stream feed. One instance per process (Alpaca allows one market-data connection per key). */
export class AlpacaStreamFeed implements MarketDataFeed {
  readonly #o: StreamFeedOptions;
  readonly #policy: ReconnectPolicy;
  readonly #timers: FeedTimers;
  readonly #bars: ListenerSet<Bar>;
  readonly #status: ListenerSet<FeedStatus>;
  readonly #sequencer: BarSequencer;
  readonly #queue: streaming.StreamBar[] = [];
  #symbols: string[] = [];
  #conn: BarStreamConnection | undefined;
  #lastMessageAt = 0;
  #loop: Promise<void> | undefined;
  #abort = new AbortController();
  #stopWatchdog: (() => void) | undefined;
  #drainScheduled = false;

  /** @throws RangeError on a bad policy value */
  constructor(options: StreamFeedOptions) {
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

  /**
   * Connects and subscribes; resolves once the first connection is subscribed. A failed first attempt is
   * retried under the policy (status events tell the runtime); only refused credentials reject.
   * @throws StreamConnectError (terminal) when the server refuses the credentials on the first attempt; Error when already started
   */
  async start(symbols: readonly string[]): Promise<void> {
    if (this.#loop) throw new Error('market-data feed already started');
    this.#abort = new AbortController();
    this.#track(symbols);
    this.#stopWatchdog = this.#timers.every(this.#o.watchdogCheckMs ?? 1_000, () => { this.#checkWatchdog(); });
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
    const removed = this.#symbols.filter((s) => !wanted.has(s));
    const added = [...wanted].filter((s) => !this.#symbols.includes(s));
    for (const s of removed) this.#sequencer.untrack(s);
    this.#track(symbols);
    this.#conn?.unsubscribe(removed);
    this.#conn?.subscribe(added);
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    this.#stopWatchdog?.();
    this.#stopWatchdog = undefined;
    this.#conn?.close();
    await this.#loop;
    this.#loop = undefined;
    this.#emitStatus({ kind: 'stopped' });
  }

  /** Start of the last bar emitted for `symbol` (for the runtime's warm-up overlap and for tests). */
  lastBarTime(symbol: string): number | undefined {
    return this.#sequencer.watermark(symbol);
  }

  #track(symbols: readonly string[]): void {
    const since = floorMinute(this.#o.clock.now()) - 60_000;
    for (const s of symbols) this.#sequencer.track(s, since);
    this.#symbols = [...new Set(symbols)];
  }

  async #run(settleStart: (error?: unknown) => void): Promise<void> {
    let failures = 0;
    let connectedBefore = false;
    let attempt = 0;
    const signal = this.#abort.signal;
    while (!this.#stopped()) {
      if (attempt > 0) {
        const delayMs = backoffDelay(Math.max(failures, 1), this.#policy, this.#o.random ?? Math.random);
        this.#emitStatus({ kind: 'reconnecting', attempt, delayMs });
        await this.#timers.sleep(delayMs, signal);
        if (this.#stopped()) break;
      }
      attempt++;
      const conn = await this.#connect();
      if (conn instanceof Error) {
        if (this.#stopped()) break;
        if (conn instanceof StreamConnectError && conn.terminal && !connectedBefore) {
          settleStart(conn);
          break;
        }
        failures++;
        this.#emitStatus({ kind: 'disconnected', reason: conn.message });
        if (isBreakerCount(failures, this.#policy.maxFailures)) this.#emitStatus({ kind: 'reconnect_failures', consecutive: failures });
        continue;
      }
      failures = 0;
      this.#emitStatus({ kind: 'connected' });
      if (connectedBefore) this.#emitStatus({ kind: 'reconnect_succeeded' });
      connectedBefore = true;
      settleStart();
      await this.#backfill();
      const reason = await conn.closed;
      this.#conn = undefined;
      if (!this.#stopped()) this.#emitStatus({ kind: 'disconnected', reason });
    }
    this.#sequencer.endBackfill(new Map());
    settleStart(new Error('market-data feed stopped before it connected'));
  }

  /** Read through a method: stop() flips the signal while the loop is suspended in an await. */
  #stopped(): boolean {
    return this.#abort.signal.aborted;
  }

  /** One attempt; live bars are buffered from here until the backfill is done. */
  async #connect(): Promise<BarStreamConnection | Error> {
    this.#emitStatus({ kind: 'connecting' });
    this.#sequencer.beginBackfill();
    const conn = this.#o.connect({
      onBar: (bar) => { this.#enqueue(bar); },
      onActivity: () => { this.#lastMessageAt = this.#o.clock.now(); },
      onError: (message) => { this.#o.logger.warn('market-data stream error', { error: message }); },
    });
    this.#conn = conn;
    try {
      await conn.open(this.#symbols);
      this.#lastMessageAt = this.#o.clock.now();
      if (this.#stopped()) conn.close();
      return conn;
    } catch (error) {
      this.#conn = undefined;
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  async #backfill(): Promise<void> {
    const to = floorMinute(this.#o.clock.now());
    const result = await backfillBars({
      history: this.#o.history, logger: this.#o.logger, symbols: this.#symbols, to,
      watermark: (s) => this.#sequencer.watermark(s),
      onStart: (from) => { this.#emitStatus({ kind: 'backfilling', from, to }); },
    });
    this.#drain(); // live bars that arrived during the fetch join the buffer first
    const emitted = this.#sequencer.endBackfill(result.bars);
    this.#emitStatus({ kind: 'backfilled', bars: emitted }); // always: the runtime resumes signals on it
  }

  #enqueue(bar: streaming.StreamBar): void {
    this.#queue.push(bar);
    if (this.#drainScheduled) return;
    this.#drainScheduled = true;
    queueMicrotask(() => { this.#drain(); });
  }

  #drain(): void {
    this.#drainScheduled = false;
    for (let raw = this.#queue.shift(); raw !== undefined; raw = this.#queue.shift()) {
      try {
        this.#sequencer.live(barFromStream(raw));
      } catch (error) {
        this.#o.logger.error('market-data bar refused', { error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  #checkWatchdog(): void {
    const conn = this.#conn;
    if (!conn || this.#sequencer.isBackfilling) return;
    const silentMs = stallSilence(this.#o.clock.now(), this.#lastMessageAt, this.#policy.watchdogMs, this.#o.isMarketOpen ?? isOpen);
    if (silentMs === undefined) return;
    this.#emitStatus({ kind: 'stalled', silentMs });
    this.#conn = undefined;
    conn.close();
  }

  #emitStatus(status: FeedStatus): void {
    const level = status.kind === 'reconnect_failures' || status.kind === 'stalled' || status.kind === 'disconnected' ? 'warn' : 'info';
    this.#o.logger[level](`market-data feed ${status.kind}`, { ...status });
    this.#status.emit(status);
  }
}

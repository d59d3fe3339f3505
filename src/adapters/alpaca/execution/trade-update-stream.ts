// The `trade_updates` stream (PROTOCOL §6) with our own reconnect policy. `connect()` resolves once the server
// acknowledges `listening` with trade_updates. After an unexpected close it reconnects with exponential backoff
// (capped, default 60 s) and jitter, reporting `disconnected`, then `reconnect_failures` with the consecutive
// count after each failed attempt (the runtime trips its breaker at 10), and `reconnected` on success — nothing
// is replayed, so the runtime must reconcile then. A refused authorization is terminal (`auth_failed`).
// Listeners are called synchronously, each guarded: a throwing listener is logged and cannot break the socket.
// Must never: drop a frame silently (an unmappable one is logged CRITICAL and reported), or log a credential.
import { scrubSecrets } from '../../../config/index.js';
import type { Clock } from '../../../ports/clock.js';
import type { ExecutionEvent, ExecutionStreamStatus } from '../../../ports/execution-client.js';
import type { Logger } from '../../../ports/logger.js';
import { BrokerAuthError, BrokerUnavailableError } from './execution-errors.js';
import { mapTradeUpdate } from './execution-mapper.js';
import { RawTradingStream } from './raw-trading-stream.js';

export interface ReconnectPolicy {
  /** First delay. Default 1000 ms. */
  readonly initialMs: number;
  /** Cap of one delay. Default 60 000 ms. */
  readonly maxMs: number;
  /** ±fraction applied to each delay. Default 0.2. */
  readonly jitter: number;
}

export interface TradeUpdateStreamOptions {
  readonly url: string;
  readonly keyId: string;
  readonly secret: string;
  /** Backoff sleeps go through this clock (it must be a wall clock: sockets live in real time). */
  readonly clock: Clock;
  readonly logger: Logger;
  readonly reconnect: ReconnectPolicy;
  /** Wall-time limit for one connection attempt to reach `listening`. */
  readonly connectTimeoutMs: number;
  /** Uniform [0, 1) for jitter. Default Math.random. */
  readonly random?: () => number;
  readonly pingIntervalMs?: number;
  readonly pongWaitMs?: number;
}

/** Delay before reconnect attempt `attempt` (0-based): initial·2^attempt capped at max, ±jitter, capped again. */
export function reconnectDelayMs(attempt: number, policy: ReconnectPolicy, random: () => number): number {
  const base = Math.min(policy.initialMs * 2 ** Math.min(attempt, 30), policy.maxMs);
  return Math.min(base * (1 - policy.jitter + 2 * policy.jitter * random()), policy.maxMs);
}

export class TradeUpdateStream {
  readonly #options: TradeUpdateStreamOptions;
  readonly #events = new Set<(event: ExecutionEvent) => void>();
  readonly #statuses = new Set<(status: ExecutionStreamStatus) => void>();
  #current: RawTradingStream | undefined;
  #wanted = false;
  #wake: () => void = () => undefined;
  #stopped: Promise<void> = Promise.resolve();

  constructor(options: TradeUpdateStreamOptions) {
    this.#options = options;
  }

  onEvent(listener: (event: ExecutionEvent) => void): () => void {
    this.#events.add(listener);
    return () => { this.#events.delete(listener); };
  }

  onStatus(listener: (status: ExecutionStreamStatus) => void): () => void {
    this.#statuses.add(listener);
    return () => { this.#statuses.delete(listener); };
  }

  /** Opens the stream. @throws BrokerAuthError (terminal) or BrokerUnavailableError (retry) when this first attempt fails */
  async connect(): Promise<void> {
    if (this.#wanted) return;
    this.#wanted = true;
    this.#stopped = new Promise((resolve) => { this.#wake = resolve; });
    try {
      await this.#open();
    } catch (error) {
      this.#wanted = false;
      throw error;
    }
    this.#options.logger.info('trade update stream listening', { url: this.#options.url });
    this.#emitStatus({ kind: 'connected' });
  }

  /** Closes the stream and stops reconnecting. */
  disconnect(): Promise<void> {
    this.#wanted = false;
    this.#wake();
    const stream = this.#current;
    this.#current = undefined;
    stream?.disconnect();
    return Promise.resolve();
  }

  #open(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const stream = new RawTradingStream({
        url: this.#options.url, keyId: this.#options.keyId, secret: this.#options.secret,
        ...(this.#options.pingIntervalMs === undefined ? {} : { pingIntervalMs: this.#options.pingIntervalMs }),
        ...(this.#options.pongWaitMs === undefined ? {} : { pongWaitMs: this.#options.pongWaitMs }),
        onTradeUpdate: (data) => { this.#deliver(data); },
      });
      let settled = false;
      const settle = (error?: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error === undefined && this.#wanted) {
          this.#current = stream;
          resolve();
          return;
        }
        stream.disconnect();
        reject(error ?? new BrokerUnavailableError('trade update stream: disconnected while connecting'));
      };
      const timer = setTimeout(() => { settle(new BrokerUnavailableError(`trade update stream: not listening after ${this.#options.connectTimeoutMs} ms`)); }, this.#options.connectTimeoutMs);
      stream.on('subscription', (streams: unknown) => { if (Array.isArray(streams) && streams.includes('trade_updates')) settle(); });
      stream.onError((message: string) => { this.#options.logger.warn('trade update stream error', { error: this.#scrub(message) }); });
      stream.onDisconnect(() => {
        if (!settled) settle(stream.authRejected ? new BrokerAuthError('trade update stream: the server refused the credentials (unauthorized)') : new BrokerUnavailableError('trade update stream: closed before listening'));
        else this.#onClosed(stream);
      });
      stream.subscribeTradeUpdates();
      stream.connect();
    });
  }

  #onClosed(stream: RawTradingStream): void {
    if (stream !== this.#current || !this.#wanted) return;
    this.#current = undefined;
    this.#options.logger.warn('trade update stream disconnected; reconnecting', { url: this.#options.url });
    this.#emitStatus({ kind: 'disconnected', reason: 'connection closed' });
    void this.#reconnect();
  }

  async #reconnect(): Promise<void> {
    const random = this.#options.random ?? Math.random;
    for (let attempt = 0; this.#wanted; attempt++) {
      await Promise.race([this.#options.clock.sleep(reconnectDelayMs(attempt, this.#options.reconnect, random)), this.#stopped]);
      if (!this.#isWanted()) return;
      try {
        await this.#open();
        this.#options.logger.info('trade update stream reconnected: reconcile (updates are not replayed)', { attempts: attempt + 1 });
        this.#emitStatus({ kind: 'reconnected' });
        return;
      } catch (error) {
        if (!this.#isWanted()) return;
        const message = this.#scrub(error instanceof Error ? error.message : String(error));
        if (error instanceof BrokerAuthError) {
          this.#wanted = false;
          this.#options.logger.fatal('trade update stream: credentials refused on reconnect; not retrying', { error: message });
          this.#emitStatus({ kind: 'auth_failed', message });
          return;
        }
        this.#options.logger.warn('trade update stream reconnect failed', { consecutive: attempt + 1, error: message });
        this.#emitStatus({ kind: 'reconnect_failures', consecutive: attempt + 1 });
      }
    }
  }

  /** Read through a method: `#wanted` changes while #reconnect awaits. */
  #isWanted(): boolean {
    return this.#wanted;
  }

  #deliver(data: unknown): void {
    let event: ExecutionEvent;
    try {
      event = mapTradeUpdate(data, this.#options.clock.now());
    } catch (error) {
      const message = this.#scrub(error instanceof Error ? error.message : String(error));
      this.#options.logger.critical('trade update could not be mapped; reconcile this order', { error: message });
      this.#emitStatus({ kind: 'unmappable_event', message });
      return;
    }
    for (const listener of [...this.#events]) {
      try {
        listener(event);
      } catch (error) {
        this.#options.logger.error('execution listener threw (the stream continues)', { error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  #emitStatus(status: ExecutionStreamStatus): void {
    for (const listener of [...this.#statuses]) {
      try {
        listener(status);
      } catch (error) {
        this.#options.logger.error('stream status listener threw', { error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  #scrub(text: string): string {
    return scrubSecrets(text, [this.#options.keyId, this.#options.secret]);
  }
}

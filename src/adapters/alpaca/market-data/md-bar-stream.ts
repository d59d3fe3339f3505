// One market-data WebSocket connection over the official SDK's StockDataStream, subscribed to minute bars.
// The SDK's own auto-reconnect is OFF: reconnecting (backoff, watchdog, breaker count, backfill) is the
// feed's job (SPEC §4), so each attempt is a fresh connection made here. Listeners only enqueue.
// Must never: reconnect by itself, call user code from an SDK callback, or put the key/secret in an error.
import { streaming } from '@alpacahq/alpaca-trade-api';
import { WebSocket } from 'ws';

/** Why a connection attempt failed; `terminal` when the server refused the credentials (401/402/404). */
export class StreamConnectError extends Error {
  override readonly name = 'StreamConnectError';
  constructor(message: string, readonly terminal: boolean, readonly code?: number) {
    super(message);
  }
}

/** What a connection reports to its feed. Each handler must only record or enqueue. */
export interface BarStreamHandlers {
  /** A minute bar as the SDK mapped it. */
  readonly onBar: (bar: streaming.StreamBar) => void;
  /** Any frame arrived (data or control): the watchdog's heartbeat. */
  readonly onActivity: () => void;
  /** A non-fatal stream error message (e.g. 406 connection limit, slow client). */
  readonly onError: (message: string) => void;
}

/** One connection attempt; unit tests replace it with a fake. */
export interface BarStreamConnection {
  /** Connects, authenticates and subscribes to bars for `symbols`. @throws StreamConnectError */
  open(symbols: readonly string[]): Promise<void>;
  subscribe(symbols: readonly string[]): void;
  unsubscribe(symbols: readonly string[]): void;
  /** Settles (never rejects) with a reason once the connection is gone, whoever closed it. */
  readonly closed: Promise<string>;
  /** Drops the connection at once (idempotent). */
  close(): void;
}

export type BarStreamFactory = (handlers: BarStreamHandlers) => BarStreamConnection;

export interface SdkBarStreamOptions {
  readonly url: string;
  readonly keyId: string;
  readonly secret: string;
  /** Give up an attempt that is not subscribed after this long (wall ms). Default 15 000. */
  readonly connectTimeoutMs?: number;
  /** SDK keepalive ping interval (a missing pong drops the socket). Default 10 000; 0 = off. */
  readonly pingIntervalMs?: number;
}

/** A factory of SDK-backed connections for {@link AlpacaStreamFeed}. */
export function sdkBarStreamFactory(options: SdkBarStreamOptions): BarStreamFactory {
  return (handlers) => new SdkBarStream(options, handlers);
}

class SdkBarStream implements BarStreamConnection {
  readonly closed: Promise<string>;
  readonly #options: SdkBarStreamOptions;
  readonly #handlers: BarStreamHandlers;
  #stream: streaming.StockDataStream | undefined;
  #socket: WebSocket | undefined;
  #lastError = '';
  #resolveClosed!: (reason: string) => void;
  #isClosed = false;

  constructor(options: SdkBarStreamOptions, handlers: BarStreamHandlers) {
    this.#options = options;
    this.#handlers = handlers;
    this.closed = new Promise((resolve) => { this.#resolveClosed = resolve; });
  }

  async open(symbols: readonly string[]): Promise<void> {
    const stream = this.#create();
    if (symbols.length > 0) stream.subscribeForBars([...symbols]); // sent by the SDK right after auth
    const subscribed = new Promise<void>((resolve) => { stream.once('subscription', () => { resolve(); }); });
    stream.connect();
    const timeoutMs = this.#options.connectTimeoutMs ?? 15_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => { resolve('timeout'); }, timeoutMs); });
    try {
      const auth = await Promise.race([stream.whenAuthenticated(), timeout, this.closed.then(() => 'closed' as const)]);
      if (auth === 'timeout') throw new StreamConnectError(`no authentication within ${timeoutMs} ms`, false);
      if (auth === 'closed') throw new StreamConnectError(this.#reason('connection closed before authentication'), false);
      if (!auth.authenticated) {
        const terminal = auth.status === streaming.STREAM_AUTH_STATUS.SERVER_REJECTED;
        throw new StreamConnectError(terminal ? `the server refused the credentials (${auth.message}${auth.code === undefined ? '' : `, code ${auth.code}`})` : this.#reason(auth.message), terminal, auth.code);
      }
      if (symbols.length === 0) return;
      const outcome = await Promise.race([subscribed.then(() => 'ok' as const), timeout, this.closed.then(() => 'closed' as const)]);
      if (outcome === 'timeout') throw new StreamConnectError(`no subscription confirmation within ${timeoutMs} ms`, false);
      if (outcome === 'closed') throw new StreamConnectError(this.#reason('connection closed before the subscription was confirmed'), false);
    } catch (error) {
      this.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  subscribe(symbols: readonly string[]): void {
    if (symbols.length > 0) this.#stream?.subscribeForBars([...symbols]);
  }

  unsubscribe(symbols: readonly string[]): void {
    if (symbols.length > 0) this.#stream?.unsubscribeFromBars([...symbols]);
  }

  close(): void {
    this.#stream?.disconnect();
    this.#socket?.terminate();
    this.#markClosed('closed by the feed');
  }

  #create(): streaming.StockDataStream {
    const stream = new streaming.StockDataStream({
      credentials: { keyId: this.#options.keyId, secret: this.#options.secret },
      url: this.#options.url,
      reconnect: false,
      maxReconnectAttempts: 0,
      pingIntervalMs: this.#options.pingIntervalMs ?? 10_000,
      wsFactory: (url) => this.#socketFor(url),
    });
    stream.onBar((bar) => { this.#handlers.onBar(bar); });
    stream.onError((message) => {
      this.#lastError = message;
      this.#handlers.onError(message);
    });
    stream.onStateChange((state) => {
      if (state === streaming.STATE.DISCONNECTED) this.#markClosed(this.#reason('connection closed'));
    });
    this.#stream = stream;
    return stream;
  }

  /** The SDK's own socket setup (msgpack, no deflate), plus a heartbeat on every frame for the watchdog. */
  #socketFor(url: string): streaming.WebSocketLike {
    const socket = new WebSocket(url, { perMessageDeflate: false, headers: { 'Content-Type': 'application/msgpack' } });
    socket.on('message', () => { this.#handlers.onActivity(); });
    this.#socket = socket;
    return socket;
  }

  #reason(fallback: string): string {
    return this.#lastError === '' ? fallback : `${fallback}: ${this.#lastError}`;
  }

  #markClosed(reason: string): void {
    if (this.#isClosed) return;
    this.#isClosed = true;
    this.#resolveClosed(reason);
  }
}

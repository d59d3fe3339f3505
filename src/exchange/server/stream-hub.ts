// Accepts WebSocket upgrades and owns the live stream sessions: market data on `/v2/{iex|sip|delayed_sip|test}`
// (msgpack when the upgrade says `Content-Type: application/msgpack`, JSON otherwise) and trade updates on
// `/stream`. Fans market events and trade updates out to them. Must never: accept an upgrade on another path.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { AlpacaTradeUpdate, MarketEvent } from '../contracts.js';
import type { ActivityTracker } from './activity-tracker.js';
import type { Credentials } from './credentials.js';
import type { FaultInjector } from './faults/fault-injector.js';
import { ConnectionSlots, MdSession } from './md-session.js';
import { TradingStreamSession } from './trading-stream-session.js';

export const MD_FEEDS = ['iex', 'sip', 'delayed_sip', 'test'] as const;

export interface StreamHubOptions {
  readonly credentials: Credentials;
  readonly tracker: ActivityTracker;
  readonly faults: FaultInjector;
  /** Feeds a key may stream (others get 409). Default: all of MD_FEEDS. */
  readonly allowedFeeds?: readonly string[];
  /** Concurrent market-data connections per key (Alpaca: 1; 0 = unlimited). Default 1. */
  readonly mdConnectionLimit?: number;
  /** Auth deadline after connect. Default 10 000 ms. */
  readonly authTimeoutMs?: number;
  /** Distinct symbols per market-data connection (405 beyond). Default unlimited. */
  readonly symbolLimit?: number;
}

export class StreamHub {
  readonly #wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, autoPong: false });
  readonly #md = new Set<MdSession>();
  readonly #trading = new Set<TradingStreamSession>();
  readonly #options: StreamHubOptions;
  readonly #slots: ConnectionSlots;

  constructor(options: StreamHubOptions) {
    this.#options = options;
    this.#slots = new ConnectionSlots(options.mdConnectionLimit ?? 1);
  }

  /** Handles an HTTP upgrade: a stream path gets a session, anything else a 404 and a closed socket. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    const feed = /^\/v2\/([a-z_]+)$/.exec(path)?.[1];
    if (path === '/stream') {
      this.#wss.handleUpgrade(req, socket, head, (ws) => {
        this.#trading.add(new TradingStreamSession(ws, { ...this.#common(), onClose: (s) => this.#trading.delete(s) }));
      });
    } else if (feed !== undefined && (MD_FEEDS as readonly string[]).includes(feed)) {
      const codec = /msgpack/i.test(req.headers['content-type'] ?? '') ? 'msgpack' : 'json';
      this.#wss.handleUpgrade(req, socket, head, (ws) => {
        this.#md.add(new MdSession(ws, {
          ...this.#common(), codec, feed, slots: this.#slots, allowedFeeds: this.#options.allowedFeeds ?? MD_FEEDS,
          authTimeoutMs: this.#options.authTimeoutMs ?? 10_000, symbolLimit: this.#options.symbolLimit ?? Infinity,
          onClose: (s) => this.#md.delete(s),
          headerAuth: { key: req.headers['apca-api-key-id'], secret: req.headers['apca-api-secret-key'] },
        }));
      });
    } else {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"code":40410000,"message":"endpoint not found"}');
    }
  }

  /** Sends the events each market-data connection subscribed to. @returns how many connections got a minute bar */
  publishMarket(events: readonly MarketEvent[]): number {
    if (events.length === 0) return 0;
    let withBars = 0;
    for (const session of this.#md) if (session.deliver(events)) withBars++;
    return withBars;
  }

  /** Sends a trade update to every listening trading connection. */
  publishTradeUpdate(update: AlpacaTradeUpdate, virtualMs: number): void {
    for (const session of this.#trading) session.deliver(update, virtualMs);
  }

  /** Ends every running stall (after the admin clears faults). */
  unstallAll(): void {
    for (const session of [...this.#md, ...this.#trading]) session.socket.unstall();
  }

  /** Counts of open connections, for the admin state. */
  connections(): { marketData: number; trading: number } {
    return { marketData: this.#md.size, trading: this.#trading.size };
  }

  /** Drops every connection and stops accepting. */
  close(): void {
    for (const session of [...this.#md, ...this.#trading]) session.socket.terminate();
    this.#wss.close();
  }

  #common(): { credentials: Credentials; tracker: ActivityTracker; faults: FaultInjector } {
    return { credentials: this.#options.credentials, tracker: this.#options.tracker, faults: this.#options.faults };
  }
}

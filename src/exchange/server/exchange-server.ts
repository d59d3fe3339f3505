// The embedded exchange's network face: one HTTP port on 127.0.0.1 serving Trading REST v2, Market Data
// REST v2, the admin API and both WebSocket streams (the SDK's trading and data basePaths point at the same
// host). Auth, rate limit, REST faults, X-Request-ID and JSON errors happen here; the venue and the market do
// the work. Must never: answer with a 3xx, log a secret, or import the bot.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AlpacaTradeUpdate, TradingVenue } from '../contracts.js';
import { ActivityTracker } from './activity-tracker.js';
import { addAdminRoutes, ADMIN_PREFIX, type AdminControls } from './admin-routes.js';
import { credentialsMatch, type Credentials } from './credentials.js';
import type { FaultInjector, RestFaultAction } from './faults/fault-injector.js';
import { errorReply, NOT_FOUND_ENDPOINT, type HttpReply } from './http-reply.js';
import { addMarketDataRoutes } from './market-data-routes.js';
import type { MarketDataEndpoints } from './market-data-endpoints.js';
import { parseQuery } from './query.js';
import { RateLimiter } from './rate-limiter.js';
import { readJsonBody } from './read-json-body.js';
import { Router } from './router.js';
import { StreamHub, type StreamHubOptions } from './stream-hub.js';
import { addTradingRoutes } from './trading-routes.js';

export interface ExchangeServerOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** 0 = ephemeral (tests). Default 0. */
  readonly port?: number;
  readonly credentials: Credentials;
  readonly venue: TradingVenue;
  readonly data: MarketDataEndpoints;
  readonly admin: AdminControls;
  readonly faults: FaultInjector;
  /** REST requests per minute per key; 0 = off. Default 200. */
  readonly rateLimitPerMinute?: number;
  /** Current virtual time (epoch ms), stamps faults on trade updates. */
  readonly virtualNow: () => number;
  readonly tracker?: ActivityTracker;
  readonly streams?: Omit<StreamHubOptions, 'credentials' | 'tracker' | 'faults'>;
  /** Wall clock for rate limiting (tests). Default Date.now. */
  readonly wallNow?: () => number;
}

export class ExchangeServer {
  readonly tracker: ActivityTracker;
  readonly streams: StreamHub;
  readonly #options: ExchangeServerOptions;
  readonly #router = new Router();
  readonly #admin = new Router();
  readonly #limiter: RateLimiter;
  readonly #server: Server;
  readonly #held = new Set<ServerResponse>();
  readonly #unsubscribe: () => void;

  private constructor(options: ExchangeServerOptions) {
    this.#options = options;
    this.tracker = options.tracker ?? new ActivityTracker();
    this.#limiter = new RateLimiter(options.rateLimitPerMinute ?? 200, options.wallNow);
    this.streams = new StreamHub({ ...options.streams, credentials: options.credentials, tracker: this.tracker, faults: options.faults });
    addTradingRoutes(this.#router, options.venue, options.data);
    addMarketDataRoutes(this.#router, options.data);
    addAdminRoutes(this.#admin, options.admin, options.faults, () => { this.streams.unstallAll(); });
    this.#unsubscribe = options.venue.onTradeUpdate((update) => { this.#onTradeUpdate(update); });
    this.#server = createServer((req, res) => { void this.#handle(req, res); });
    this.#server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => { this.streams.handleUpgrade(req, socket, head); });
  }

  /** Creates the server and listens. @throws when the port is taken */
  static async start(options: ExchangeServerOptions): Promise<ExchangeServer> {
    const server = new ExchangeServer(options);
    await new Promise<void>((resolve, reject) => {
      server.#server.once('error', reject);
      server.#server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.#server.off('error', reject);
        resolve();
      });
    });
    return server;
  }

  /** The bound port. */
  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** `http://127.0.0.1:PORT`. */
  get url(): string {
    return `http://${this.#options.host ?? '127.0.0.1'}:${this.port}`;
  }

  /** Stops listening, drops every stream and held (timed-out) request. */
  async close(): Promise<void> {
    this.#unsubscribe();
    this.streams.close();
    for (const res of this.#held) res.destroy();
    this.#held.clear();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => { this.#server.close(() => { resolve(); }); });
  }

  #onTradeUpdate(venueUpdate: AlpacaTradeUpdate): void {
    const update = alpacaShape(venueUpdate);
    const now = this.#options.virtualNow();
    const fault = this.#options.faults.tradeUpdateFault(update.event, update.order.id, now);
    if (fault?.kind === 'drop') return;
    if (fault?.kind === 'delay') {
      setTimeout(() => { this.streams.publishTradeUpdate(update, now); }, fault.delayMs).unref();
      return;
    }
    this.streams.publishTradeUpdate(update, now);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const done = this.tracker.requestStarted();
    res.once('close', done);
    res.setHeader('X-Request-ID', randomUUID());
    try {
      await this.#pipeline(req, res);
    } catch {
      // Never leak internals (or anything a client sent) in a 500.
      if (!res.headersSent) this.#write(res, errorReply(500, 50010000, 'internal server error'));
    }
  }

  async #pipeline(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://sim');
    const key = req.headers['apca-api-key-id'];
    if (!credentialsMatch(this.#options.credentials, key, req.headers['apca-api-secret-key'])) {
      this.#write(res, { status: 401, body: { message: 'unauthorized.' }, headers: this.#limiter.peek(this.#options.credentials.key) });
      return;
    }
    const admin = url.pathname.startsWith(`${ADMIN_PREFIX}/`);
    if (!admin) {
      const rate = this.#limiter.take(this.#options.credentials.key);
      for (const [name, value] of Object.entries(rate.headers)) res.setHeader(name, value);
      if (!rate.allowed) { this.#write(res, errorReply(429, 42910000, 'rate limit exceeded')); return; }
      const fault = this.#options.faults.restFault(method, url.pathname);
      if (fault?.kind === 'status') { this.#write(res, faultReply(fault)); return; }
      if (fault?.kind === 'timeout') this.#hold(res, fault.delayMs);
    }
    const reply = await this.#route(admin ? this.#admin : this.#router, method, url, req);
    this.#write(res, reply);
  }

  async #route(router: Router, method: string, url: URL, req: IncomingMessage): Promise<HttpReply> {
    const match = router.match(method, url.pathname);
    if (match.kind === 'not-found') return NOT_FOUND_ENDPOINT;
    if (match.kind === 'method-not-allowed') {
      return { ...errorReply(405, 40510000, `method ${method} not allowed on ${url.pathname}; allowed: ${match.allowed.join(', ')}`), headers: { Allow: match.allowed.join(', ') } };
    }
    const body = await readJsonBody(req);
    if (!body.ok) return errorReply(body.status, 40010000, body.message);
    return match.handler({ method, path: url.pathname, params: match.params, query: parseQuery(url.search), body: body.value });
  }

  /** A timeout fault: the request is still processed, but its response is withheld (delayed or forever). */
  #hold(res: ServerResponse, delayMs: number | undefined): void {
    this.#held.add(res);
    res.once('close', () => this.#held.delete(res));
    const original = res.end.bind(res);
    let release: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    if (delayMs !== undefined) setTimeout(() => release?.(), delayMs).unref();
    res.end = ((...args: Parameters<typeof original>) => {
      void gate.then(() => { if (!res.destroyed) original(...args); });
      return res;
    }) as typeof res.end;
  }

  #write(res: ServerResponse, reply: HttpReply): void {
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
    if (reply.body === undefined) {
      res.writeHead(reply.status).end();
      return;
    }
    const text = JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) }).end(text);
  }
}

function faultReply(fault: Extract<RestFaultAction, { kind: 'status' }>): HttpReply {
  if (fault.status === 429) return { ...errorReply(429, 42910000, 'rate limit exceeded'), headers: { 'Retry-After': '1', 'X-RateLimit-Remaining': '0' } };
  return errorReply(fault.status, fault.status * 100_000 + 10_000, fault.status === 503 ? 'service unavailable' : 'internal server error');
}

/** The trade update as Alpaca sends it: the venue's in-process `commission` field (backtests) is not Alpaca's. */
function alpacaShape(update: AlpacaTradeUpdate): AlpacaTradeUpdate {
  if (update.commission === undefined) return update;
  const { commission: _commission, ...wire } = update;
  return wire;
}

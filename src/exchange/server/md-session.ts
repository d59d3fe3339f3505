// One market-data WebSocket connection (PROTOCOL §5): `connected` on open, auth (before or after it) within
// the timeout, subscription deltas answered with the full state, errors with Alpaca's codes and texts, and
// market events forwarded as `b`/`u`/`d`/`t`/`q` messages. Must never: send data before auth, or keep a
// connection slot after its socket closed.
import { decode } from '@msgpack/msgpack';
import type { WebSocket } from 'ws';
import type { MarketEvent } from '../contracts.js';
import type { ActivityTracker } from './activity-tracker.js';
import { credentialsMatch, type Credentials } from './credentials.js';
import type { FaultInjector } from './faults/fault-injector.js';
import { channelOf, encodeFrame, malformedFrame, timeOf, toWire, type MdCodec } from './md-wire.js';
import { MdSubscriptions } from './md-subscriptions.js';
import { StreamSocket } from './stream-socket.js';

const ERROR_TEXT: Readonly<Record<number, string>> = {
  400: 'invalid syntax', 401: 'not authenticated', 402: 'auth failed', 403: 'already authenticated', 404: 'auth timeout',
  405: 'symbol limit exceeded', 406: 'connection limit exceeded', 409: 'insufficient subscription', 410: 'invalid subscribe action for this feed',
};

/** Connection slots per key (Alpaca allows one market-data connection per key on most plans). */
export class ConnectionSlots {
  readonly #held = new Map<string, Set<MdSession>>();
  constructor(readonly limit: number) {}
  tryTake(key: string, session: MdSession): boolean {
    const held = this.#held.get(key) ?? new Set<MdSession>();
    if (this.limit > 0 && held.size >= this.limit) return false;
    held.add(session);
    this.#held.set(key, held);
    return true;
  }
  release(session: MdSession): void {
    for (const held of this.#held.values()) held.delete(session);
  }
}

export interface MdSessionOptions {
  readonly codec: MdCodec;
  readonly feed: string;
  readonly allowedFeeds: readonly string[];
  readonly credentials: Credentials;
  readonly slots: ConnectionSlots;
  readonly tracker: ActivityTracker;
  readonly faults: FaultInjector;
  readonly authTimeoutMs: number;
  readonly symbolLimit: number;
  /** Called once the socket has closed. */
  readonly onClose: (session: MdSession) => void;
  /** Key and secret from the upgrade's APCA-API-* headers, when the client authenticated that way. */
  readonly headerAuth?: { readonly key: unknown; readonly secret: unknown };
}

export class MdSession {
  readonly socket: StreamSocket;
  readonly #options: MdSessionOptions;
  readonly #subs: MdSubscriptions;
  #authenticated = false;
  readonly #authTimer: NodeJS.Timeout;

  constructor(ws: WebSocket, options: MdSessionOptions) {
    this.#options = options;
    this.#subs = new MdSubscriptions(options.symbolLimit);
    this.socket = new StreamSocket(ws, options.tracker, `md-${options.feed}`);
    ws.on('message', (raw: Buffer, isBinary: boolean) => { this.#onMessage(raw, isBinary); });
    ws.on('close', () => {
      clearTimeout(this.#authTimer);
      options.slots.release(this);
      options.onClose(this);
    });
    ws.on('error', () => { /* a broken socket just closes */ });
    this.#authTimer = setTimeout(() => {
      if (!this.#authenticated) this.#fatal(404);
    }, options.authTimeoutMs);
    this.#send([{ T: 'success', msg: 'connected' }]);
    const header = options.headerAuth;
    if (header?.key !== undefined) this.#auth({ key: header.key, secret: header.secret });
  }

  /**
   * Forwards the subscribed subset of `events`, one batched frame; applies armed stream faults first.
   * @returns whether a frame holding at least one minute bar went out
   */
  deliver(events: readonly MarketEvent[]): boolean {
    if (!this.#authenticated || !this.socket.isOpen()) return false;
    const wanted = events.filter((event) => {
      const { channel, symbol } = channelOf(event);
      return this.#subs.has(channel, symbol);
    });
    if (wanted.length === 0) return false;
    const fault = this.#options.faults.streamFault('market_data', Math.max(...wanted.map(timeOf)), this.socket.id);
    if (fault?.kind === 'drop') { this.socket.terminate(); return false; }
    if (fault?.kind === 'stall') { this.socket.stall(fault.durationMs, fault.silencePongs); return false; }
    if (fault?.kind === 'malformed') {
      const bad = malformedFrame(this.#options.codec);
      this.socket.send(bad.data, bad.binary);
    }
    this.#send(wanted.map(toWire));
    return wanted.some((event) => event.kind === 'bar');
  }

  #onMessage(raw: Buffer, isBinary: boolean): void {
    const message = decodeClientMessage(raw, isBinary);
    if (!message || typeof message['action'] !== 'string') { this.#error(400); return; }
    switch (message['action']) {
      case 'auth': { this.#auth(message); return; }
      case 'subscribe':
      case 'unsubscribe': { this.#subscription(message, message['action'] === 'subscribe'); return; }
      default: { this.#error(400); return; }
    }
  }

  #auth(message: Readonly<Record<string, unknown>>): void {
    if (this.#authenticated) { this.#error(403); return; }
    const { credentials, allowedFeeds, feed, slots } = this.#options;
    if (!credentialsMatch(credentials, message['key'], message['secret'])) { this.#fatal(402); return; }
    if (!allowedFeeds.includes(feed)) { this.#fatal(409); return; }
    if (!slots.tryTake(credentials.key, this)) { this.#fatal(406); return; }
    this.#authenticated = true;
    clearTimeout(this.#authTimer);
    this.#send([{ T: 'success', msg: 'authenticated' }]);
  }

  #subscription(message: Readonly<Record<string, unknown>>, subscribe: boolean): void {
    if (!this.#authenticated) { this.#error(401); return; }
    const refused = this.#subs.apply(message, subscribe);
    if (refused) { this.#error(refused.code); return; }
    this.#send([this.#subs.stateMessage()]);
  }

  #error(code: number): void {
    this.#send([{ T: 'error', code, msg: ERROR_TEXT[code] ?? 'internal error' }]);
  }

  /** Sends the error, then closes with 1008 (policy violation) once it is written. */
  #fatal(code: number): void {
    const frame = encodeFrame([{ T: 'error', code, msg: ERROR_TEXT[code] ?? 'internal error' }], this.#options.codec);
    this.socket.sendAndClose(frame.data, frame.binary, 1008, ERROR_TEXT[code] ?? 'error');
  }

  #send(messages: readonly Record<string, unknown>[]): void {
    const frame = encodeFrame(messages, this.#options.codec);
    this.socket.send(frame.data, frame.binary);
  }
}

/** Client frames: msgpack or JSON, whatever the frame type; anything but an object is undefined. */
function decodeClientMessage(raw: Buffer, isBinary: boolean): Readonly<Record<string, unknown>> | undefined {
  const json = (): unknown => JSON.parse(raw.toString('utf8'));
  const attempts: (() => unknown)[] = isBinary ? [() => decode(raw), json] : [json];
  for (const attempt of attempts) {
    try {
      const value = attempt();
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
      return undefined;
    } catch {
      // try the next decoding
    }
  }
  return undefined;
}

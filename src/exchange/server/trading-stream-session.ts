// One `/stream` connection (PROTOCOL §6): both auth shapes, `authorization` replies, `listen` acks, and
// `trade_updates` as single JSON objects in binary frames (as paper does). Must never: send a trade update
// to a connection that is not authorized and listening.
import type { WebSocket } from 'ws';
import type { AlpacaTradeUpdate } from '../contracts.js';
import type { ActivityTracker } from './activity-tracker.js';
import { credentialsMatch, type Credentials } from './credentials.js';
import type { FaultInjector } from './faults/fault-injector.js';
import { StreamSocket } from './stream-socket.js';

const KNOWN_STREAMS = new Set(['trade_updates']);

export interface TradingSessionOptions {
  readonly credentials: Credentials;
  readonly tracker: ActivityTracker;
  readonly faults: FaultInjector;
  readonly onClose: (session: TradingStreamSession) => void;
}

export class TradingStreamSession {
  readonly socket: StreamSocket;
  readonly #options: TradingSessionOptions;
  #authorized = false;
  #streams: string[] = [];

  constructor(ws: WebSocket, options: TradingSessionOptions) {
    this.#options = options;
    this.socket = new StreamSocket(ws, options.tracker, 'trading');
    ws.on('message', (raw: Buffer) => { this.#onMessage(raw); });
    ws.on('close', () => { options.onClose(this); });
    ws.on('error', () => { /* a broken socket just closes */ });
  }

  /** Sends one trade update if this connection listens to `trade_updates`; applies armed stream faults. */
  deliver(update: AlpacaTradeUpdate, virtualMs: number): void {
    if (!this.#authorized || !this.#streams.includes('trade_updates') || !this.socket.isOpen()) return;
    const fault = this.#options.faults.streamFault('trading', virtualMs, this.socket.id);
    if (fault?.kind === 'drop') {
      this.socket.terminate();
      return;
    }
    if (fault?.kind === 'stall') {
      this.socket.stall(fault.durationMs, fault.silencePongs);
      return;
    }
    if (fault?.kind === 'malformed') this.socket.send(Buffer.from('{"stream":"trade_updates","data":', 'utf8'), true);
    this.#send({ stream: 'trade_updates', data: update });
  }

  #onMessage(raw: Buffer): void {
    const message = parseObject(raw);
    if (!message) {
      this.#send({ action: 'error', data: { error_message: 'invalid syntax: expected a JSON object' } });
      return;
    }
    const data = isObject(message['data']) ? message['data'] : {};
    switch (message['action']) {
      case 'authenticate':
        this.#auth(data['key_id'], data['secret_key']);
        return;
      case 'auth':
        this.#auth(message['key'], message['secret']);
        return;
      case 'listen':
        this.#listen(data['streams']);
        return;
      default:
        this.#send({ action: 'error', data: { error_message: `unknown action ${JSON.stringify(message['action'])}` } });
    }
  }

  #auth(key: unknown, secret: unknown): void {
    if (!credentialsMatch(this.#options.credentials, key, secret)) {
      const frame = Buffer.from(JSON.stringify({ stream: 'authorization', data: { status: 'unauthorized', action: 'authenticate' } }), 'utf8');
      this.socket.sendAndClose(frame, true, 1008, 'unauthorized');
      return;
    }
    this.#authorized = true;
    this.#send({ stream: 'authorization', data: { status: 'authorized', action: 'authenticate' } });
  }

  #listen(streams: unknown): void {
    if (!this.#authorized) {
      this.#send({ stream: 'authorization', data: { status: 'unauthorized', action: 'listen' } });
      return;
    }
    const asked = Array.isArray(streams) ? streams.filter((s): s is string => typeof s === 'string') : [];
    this.#streams = asked.filter((s) => KNOWN_STREAMS.has(s));
    this.#send({ stream: 'listening', data: { streams: [...this.#streams] } });
  }

  #send(message: Readonly<Record<string, unknown>>): void {
    this.socket.send(Buffer.from(JSON.stringify(message), 'utf8'), true);
  }
}

function parseObject(raw: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

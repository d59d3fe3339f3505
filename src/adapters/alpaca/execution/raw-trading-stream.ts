// The SDK's TradingStream with two additions: `trade_updates` frames are handed over as raw wire JSON (so the
// zod mapper sees exactly what Alpaca sent, as for REST), and a refused authorization is remembered, so the
// owner can tell a terminal auth failure from an ordinary close. Everything else (auth frame, listen,
// ping/pong keepalive) is the SDK's.
// Must never: throw out of the frame handler (the SDK turns that into an error event, but the frame is lost).
import { streaming } from '@alpacahq/alpaca-trade-api';

export interface RawTradingStreamOptions {
  readonly url: string;
  readonly keyId: string;
  readonly secret: string;
  /** Keepalive: ping every `pingIntervalMs`, give up after `pongWaitMs` without a pong (SDK defaults 10 s / 5 s). */
  readonly pingIntervalMs?: number;
  readonly pongWaitMs?: number;
  /** Receives the `data` object of every `trade_updates` frame; must not throw. */
  readonly onTradeUpdate: (data: unknown) => void;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One connection attempt's stream. The SDK's own reconnect is off: the owner reconnects with a new instance. */
export class RawTradingStream extends streaming.TradingStream {
  readonly #onTradeUpdate: (data: unknown) => void;
  #authRejected = false;

  constructor(options: RawTradingStreamOptions) {
    super({
      credentials: { keyId: options.keyId, secret: options.secret },
      url: options.url,
      reconnect: false,
      ...(options.pingIntervalMs === undefined ? {} : { pingIntervalMs: options.pingIntervalMs }),
      ...(options.pongWaitMs === undefined ? {} : { pongWaitMs: options.pongWaitMs }),
    });
    this.#onTradeUpdate = options.onTradeUpdate;
  }

  /** True once the server answered the authentication with anything but `authorized`. */
  get authRejected(): boolean {
    return this.#authRejected;
  }

  protected override handleMessage(message: unknown): void {
    if (isRecord(message) && message['stream'] === 'trade_updates') {
      this.#onTradeUpdate(message['data']);
      return;
    }
    if (isRecord(message) && message['stream'] === 'authorization' && isRecord(message['data']) && message['data']['status'] !== 'authorized') {
      this.#authRejected = true;
    }
    super.handleMessage(message);
  }
}

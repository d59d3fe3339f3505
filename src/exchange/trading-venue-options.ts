// Options, request-log entries and fault options of the simulated venue (SimExchange), with their validation.
// Exists apart from trading-venue.ts so the server and backtest wiring can import the shapes alone.
// Must never: hold behaviour beyond checking the options.
import type { AlpacaOrder, ApiResult } from './contracts.js';
import { Decimal } from '../domain/decimal.js';
import type { SimAssetInput } from './account/asset-registry.js';

/** Options of {@link SimExchange}. */
export interface SimExchangeOptions {
  /** Virtual clock, epoch ms. Every timestamp the venue writes comes from here. */
  readonly now: () => number;
  /** Starting cash, a decimal string. Default '100000'. */
  readonly startingCash?: string;
  /** Account multiplier (1 = cash account, 2 = Reg-T margin, 4 = intraday). Default 2. */
  readonly multiplier?: 1 | 2 | 4;
  /** Largest share of a bar's volume one order may take in that bar, (0, 1]. Default 0.1. */
  readonly volumeShare?: number;
  /** Id source for orders and executions; default: deterministic UUIDs from `seed`. */
  readonly idGenerator?: () => string;
  /** Seed of the default id generator. Default 'alpaca-sim'. */
  readonly seed?: string;
  /** Tradable assets; when omitted every well-formed symbol is tradable. */
  readonly assets?: readonly (string | SimAssetInput)[];
  /** Whether the account may sell short. Default true. */
  readonly shortingEnabled?: boolean;
  /** Bar length in ms (to recognise the session's last bar for cls orders). Default 60 000. */
  readonly barMs?: number;
  /** Record every order request for {@link SimExchange.requestLog}. Default true (backtests may turn it off). */
  readonly recordRequests?: boolean;
  /** Price to value orders for symbols that have had no bar yet. */
  readonly referencePrice?: (symbol: string) => number | undefined;
  /** Called with any error a trade-update listener throws (it is never rethrown). */
  readonly onListenerError?: (error: unknown) => void;
  /** Account id (UUID) and number shown on the account. */
  readonly accountId?: string;
  readonly accountNumber?: string;
}

/** One order request as received, with what the venue answered. */
export interface RequestLogEntry {
  readonly at: number;
  readonly kind: 'create' | 'replace' | 'close_position';
  readonly body: unknown;
  readonly result: ApiResult<AlpacaOrder>;
}

/** How {@link SimExchange.rejectNext} rejects. */
export interface RejectOptions {
  /** 'rest' (default): the POST fails; 'stream': the POST answers 200, then the order is `rejected` on the stream. */
  readonly via?: 'rest' | 'stream';
  /** REST status: 403 (code 40310000, default) or 422 (code 42210000). */
  readonly status?: 403 | 422;
}

/** @throws RangeError naming the option, the bad value and the allowed range. */
export function validateOptions(o: SimExchangeOptions): void {
  const share = o.volumeShare ?? 0.1;
  if (!(share > 0 && share <= 1)) throw new RangeError(`volumeShare must be in (0, 1], got ${String(o.volumeShare)}`);
  if (![1, 2, 4].includes(o.multiplier ?? 2)) throw new RangeError(`multiplier must be 1, 2 or 4, got ${String(o.multiplier)}`);
  const barMs = o.barMs ?? 60_000;
  if (!(Number.isInteger(barMs) && barMs > 0)) throw new RangeError(`barMs must be a positive integer, got ${String(o.barMs)}`);
  const cash = Decimal.tryOf(o.startingCash ?? '100000');
  if (cash === undefined || cash.isNegative()) throw new RangeError(`startingCash must be a non-negative decimal string, got ${JSON.stringify(o.startingCash)}`);
}

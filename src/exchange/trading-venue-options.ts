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
  /**
   * Slippage per share, a decimal string ≥ 0 (default '0'): market, stop, trailing-stop and opg/cls fills are
   * moved against the taker by this amount (a buy pays more, a sell receives less). Orders with a limit price
   * (limit, stop_limit once triggered, limit legs, limit auctions) are moved too but never past their limit.
   */
  readonly slippagePerShare?: string;
  /** Commission per share of each execution, charged to cash at the fill; a decimal string ≥ 0. Default '0'. */
  readonly commissionPerShare?: string;
  /** Commission per order, charged to cash once, at the order's first execution; a decimal string ≥ 0. Default '0'. */
  readonly commissionPerOrder?: string;
  /**
   * When a market order fills. 'next_open' (default): at the open of the next bar processed for its symbol.
   * 'close': at once, on submission, at the close of the last bar processed for its symbol, when that bar was
   * a regular-session bar that has just ended (bar.t + barMs ≤ now < bar.t + 2·barMs); otherwise as next_open.
   */
  readonly fillModel?: FillModel;
}

/** When market orders fill: see {@link SimExchangeOptions.fillModel}. */
export type FillModel = 'next_open' | 'close';
export const FILL_MODELS: readonly FillModel[] = ['next_open', 'close'];

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
  nonNegativeDecimal('slippagePerShare', o.slippagePerShare);
  nonNegativeDecimal('commissionPerShare', o.commissionPerShare);
  nonNegativeDecimal('commissionPerOrder', o.commissionPerOrder);
  if (o.fillModel !== undefined && !FILL_MODELS.includes(o.fillModel)) {
    throw new RangeError(`fillModel must be one of ${FILL_MODELS.join(', ')}, got ${JSON.stringify(o.fillModel)}`);
  }
}

/** The option's value as a Decimal ('0' when absent). @throws RangeError unless a decimal string ≥ 0 */
export function nonNegativeDecimal(name: string, value: string | undefined): Decimal {
  if (value === undefined) return Decimal.ZERO;
  const parsed = typeof value === 'string' ? Decimal.tryOf(value) : undefined;
  if (parsed === undefined || parsed.isNegative()) {
    throw new RangeError(`${name} must be a decimal string >= 0 (e.g. '0.01'), got ${JSON.stringify(value)}`);
  }
  return parsed;
}

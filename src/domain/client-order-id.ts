// The deterministic client_order_id of SPEC S4: the heart of "a crash is harmless".
// The same signal always produces the same id, so a restarted bot that re-derives an order finds it already
// in the store (or at the broker, which rejects the reuse) instead of sending a duplicate.
// Must never: include anything non-deterministic (wall time, random, attempt counters) in the hash input.
import { createHash } from 'node:crypto';
import type { ClientOrderId, StrategyId, Ticker } from './ids.js';

export type OrderSide = 'buy' | 'sell';
/** What the order is for; each role of one signal gets its own id. */
export type OrderRole = 'entry' | 'stop' | 'take_profit' | 'exit' | 'trail' | 'close' | 'protect';

export interface ClientOrderIdParts {
  readonly strategy: StrategyId | string;
  readonly symbol: Ticker | string;
  /** Candle timeframe of the signal, e.g. "1Min", "2Min", "1Day". */
  readonly timeframe: string;
  /** The signal's candle timestamp: epoch milliseconds, a Date, or an ISO-8601 string (normalised to UTC ISO). */
  readonly signalTs: number | Date | string;
  readonly side: OrderSide;
  readonly role: OrderRole;
}

/** Canonical form of the signal timestamp: UTC ISO-8601 with milliseconds, e.g. 2025-03-10T14:30:00.000Z. */
export function canonicalSignalTs(ts: number | Date | string): string {
  const date = ts instanceof Date ? ts : new Date(ts);
  if (Number.isNaN(date.getTime())) throw new RangeError(`invalid signal timestamp: ${String(ts)}`);
  return date.toISOString();
}

/** The exact string that is hashed: strategy|symbol|timeframe|signal_ts|side|role. */
export function clientOrderIdInput(parts: ClientOrderIdParts): string {
  for (const [key, value] of Object.entries(parts)) {
    if (typeof value === 'string' && value.includes('|')) throw new RangeError(`client_order_id part ${key} must not contain "|": ${value}`);
  }
  return [parts.strategy, parts.symbol, parts.timeframe, canonicalSignalTs(parts.signalTs), parts.side, parts.role].join('|');
}

/** First 16 hex characters of sha256(strategy|symbol|timeframe|signal_ts|side|role). */
export function deriveClientOrderId(parts: ClientOrderIdParts): ClientOrderId {
  const hex = createHash('sha256').update(clientOrderIdInput(parts), 'utf8').digest('hex');
  return hex.slice(0, 16) as ClientOrderId;
}

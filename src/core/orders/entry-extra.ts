// The protective parameters an entry intent carries in its `extra` column, and the arithmetic of exposure and
// cover that protection decisions rest on. Pure. Must never: use a float for a price or a quantity.
import { Decimal } from '../../domain/decimal.js';
import type { ClientOrderId } from '../../domain/ids.js';
import { deriveClientOrderId } from '../../domain/client-order-id.js';
import { isTerminalState, type OrderRole, type OrderSide } from '../../domain/order.js';
import type { JsonObject, OrderIntentRecord } from '../../ports/store.js';

/** What an entry remembers for its protection (stored as strings). */
export interface EntryExtra {
  readonly timeframe: string;
  /** The current protective stop price. */
  readonly stop: Decimal;
  readonly takeProfit: Decimal | null;
  readonly trailActivationPct: Decimal | null;
  readonly trailPct: Decimal | null;
  readonly entryType: string;
  readonly expiresAfterCandles: number | null;
  readonly candlesSeen: number;
  readonly lastCandleTs: number | null;
  /**
   * Set once an exit started (an audit mark, never cleared). Protection decisions must NOT read it: a crash or a
   * failed exit can leave it set with no exit at the broker (issue #5); they read the working orders instead.
   */
  readonly exiting: boolean;
}

export function encodeExtra(e: EntryExtra): JsonObject {
  return {
    timeframe: e.timeframe,
    stop: e.stop.toString(),
    take_profit: e.takeProfit?.toString() ?? null,
    trail_activation_pct: e.trailActivationPct?.toString() ?? null,
    trail_pct: e.trailPct?.toString() ?? null,
    entry_type: e.entryType,
    expires_after_candles: e.expiresAfterCandles,
    candles_seen: e.candlesSeen,
    last_candle_ts: e.lastCandleTs,
    exiting: e.exiting,
  };
}

/**
 * Decoded extras by record object: records are immutable and the open-entry index hands out the same object
 * until the next write, so the per-bar callers (onPrice, onCandle) decode each version of an entry once.
 */
const decoded = new WeakMap<OrderIntentRecord, EntryExtra>();

/** @throws Error naming the intent when its extra is not an entry's. */
export function decodeExtra(record: OrderIntentRecord): EntryExtra {
  let extra = decoded.get(record);
  if (extra === undefined) {
    extra = Object.freeze(decodeExtraOf(record));
    decoded.set(record, extra);
  }
  return extra;
}

function decodeExtraOf(record: OrderIntentRecord): EntryExtra {
  const x = record.extra ?? {};
  const str = (k: string): string | null => (typeof x[k] === 'string' ? x[k] : null);
  const num = (k: string): number | null => (typeof x[k] === 'number' ? x[k] : null);
  const stop = str('stop');
  const timeframe = str('timeframe');
  if (stop === null || timeframe === null) throw new Error(`order intent ${record.clientOrderId} has no protective parameters in extra (stop, timeframe)`);
  const dec = (k: string): Decimal | null => {
    const v = str(k);
    return v === null ? null : Decimal.of(v);
  };
  return {
    timeframe,
    stop: Decimal.of(stop),
    takeProfit: dec('take_profit'),
    trailActivationPct: dec('trail_activation_pct'),
    trailPct: dec('trail_pct'),
    entryType: str('entry_type') ?? 'market',
    expiresAfterCandles: num('expires_after_candles'),
    candlesSeen: num('candles_seen') ?? 0,
    lastCandleTs: num('last_candle_ts'),
    exiting: x['exiting'] === true,
  };
}

export function exitSideOf(side: OrderSide): OrderSide {
  return side === 'buy' ? 'sell' : 'buy';
}

/** Shares the entry holds now: its fills minus the fills of its exit-side children. */
export function exposure(entry: OrderIntentRecord, children: readonly OrderIntentRecord[]): Decimal {
  const exited = children.filter((c) => c.side !== entry.side).reduce((sum, c) => sum.plus(c.filledQty), Decimal.ZERO);
  return entry.filledQty.minus(exited);
}

/** Shares covered by working stop orders (their unfilled remainder). */
export function stopCover(children: readonly OrderIntentRecord[]): Decimal {
  return children.filter((c) => c.role === 'stop' && !isTerminalState(c.state)).reduce((sum, c) => sum.plus(c.qty.minus(c.filledQty)), Decimal.ZERO);
}

/** Shares held by working exits and closes (their unfilled remainder; an exit in flight counts: it may be live). */
export function exitCover(children: readonly OrderIntentRecord[]): Decimal {
  return children.filter((c) => (c.role === 'exit' || c.role === 'close') && !isTerminalState(c.state)).reduce((sum, c) => sum.plus(c.qty.minus(c.filledQty)), Decimal.ZERO);
}

/**
 * The deterministic id of an entry's n-th child of a role (n from 1): the first is the SPEC S4 id for that role
 * and the entry's signal; later ones (a stop resized or moved, a second exit) add `-n`, so a restart that
 * counts the stored children re-derives the same id.
 */
export function childClientOrderId(entry: OrderIntentRecord, timeframe: string, role: OrderRole, n: number): ClientOrderId {
  const base = deriveClientOrderId({
    strategy: entry.strategy,
    symbol: entry.symbol,
    timeframe,
    signalTs: entry.signalTs ?? entry.createdAt,
    side: exitSideOf(entry.side),
    role,
  });
  return (n <= 1 ? base : `${base}-${n}`) as ClientOrderId;
}

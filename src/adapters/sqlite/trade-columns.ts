// The columns a completed round trip has, shared by `trades` (live, immutable) and `backtest_trades`, so both
// are written and read back the same way.
// Must never: compute P&L (the portfolio does); it only checks and converts what it is given.
import { asCorrelationId, parseClientOrderId, parseStrategyId, parseTicker } from '../../domain/ids.js';
import { POSITION_SIDES } from '../../domain/order.js';
import { InvalidStoreValueError } from '../../ports/store-errors.js';
import type { NewTrade } from '../../ports/store-records.js';
import { decText, enumValue, requireEpochMs, requirePositive, toDec } from './sql-values.js';

export interface TradeRow {
  id: number;
  strategy: string;
  symbol: string;
  side: string;
  qty: string;
  entry_price: string;
  exit_price: string;
  entry_ts: number;
  exit_ts: number;
  duration_s: number;
  pnl: string;
  pnl_pct: string;
  commission: string;
  entry_client_order_id: string | null;
  exit_client_order_id: string | null;
  correlation_id: string | null;
  exit_reason: string | null;
}

/** Column list and matching named parameters for an INSERT. */
export const TRADE_COLUMNS = `strategy, symbol, side, qty, entry_price, exit_price, entry_ts, exit_ts, duration_s, pnl, pnl_pct,
  commission, entry_client_order_id, exit_client_order_id, correlation_id, exit_reason`;
export const TRADE_VALUES = `@strategy, @symbol, @side, @qty, @entryPrice, @exitPrice, @entryTs, @exitTs, @durationS, @pnl, @pnlPct,
  @commission, @entryCid, @exitCid, @correlationId, @exitReason`;

/** Checks a trade and turns it into named parameters. @throws InvalidStoreValueError naming the field. */
export function tradeParams(trade: NewTrade): Record<string, string | number | null> {
  const entryTs = requireEpochMs(trade.entryTs, 'entry_ts');
  const exitTs = requireEpochMs(trade.exitTs, 'exit_ts');
  if (exitTs < entryTs) throw new InvalidStoreValueError(`exit_ts ${String(exitTs)} is before entry_ts ${String(entryTs)}`);
  const commission = trade.commission ?? toDec('0');
  if (commission.isNegative()) throw new InvalidStoreValueError(`commission must not be negative, got ${commission.toString()}`);
  return {
    strategy: trade.strategy,
    symbol: trade.symbol,
    side: trade.side,
    qty: decText(requirePositive(trade.qty, 'qty')),
    entryPrice: decText(requirePositive(trade.entryPrice, 'entry_price')),
    exitPrice: decText(requirePositive(trade.exitPrice, 'exit_price')),
    entryTs,
    exitTs,
    durationS: Math.floor((exitTs - entryTs) / 1000),
    pnl: decText(trade.pnl),
    pnlPct: decText(trade.pnlPct),
    commission: decText(commission),
    entryCid: trade.entryClientOrderId ?? null,
    exitCid: trade.exitClientOrderId ?? null,
    correlationId: trade.correlationId ?? null,
    exitReason: trade.exitReason ?? null,
  };
}

/** The NewTrade fields of a stored row, plus its duration. */
export function tradeFields(row: TradeRow): Required<NewTrade> & { durationS: number } {
  return {
    strategy: parseStrategyId(row.strategy),
    symbol: parseTicker(row.symbol),
    side: enumValue(POSITION_SIDES, row.side, 'side'),
    qty: toDec(row.qty),
    entryPrice: toDec(row.entry_price),
    exitPrice: toDec(row.exit_price),
    entryTs: row.entry_ts,
    exitTs: row.exit_ts,
    durationS: row.duration_s,
    pnl: toDec(row.pnl),
    pnlPct: toDec(row.pnl_pct),
    commission: toDec(row.commission),
    entryClientOrderId: row.entry_client_order_id === null ? null : parseClientOrderId(row.entry_client_order_id),
    exitClientOrderId: row.exit_client_order_id === null ? null : parseClientOrderId(row.exit_client_order_id),
    correlationId: row.correlation_id === null ? null : asCorrelationId(row.correlation_id),
    exitReason: row.exit_reason,
  };
}

// What a strategy wants, before risk and sizing: the contract between strategies (core/strategies), the risk
// engine (core/risk) and the order manager (core/orders). Prices are numbers as strategies compute them; the
// order manager converts them to exact, tick-rounded Decimals once. Must never: carry a quantity (strategies
// never size orders, DESIGN §3.10) or anything vendor-specific.

export const INTENT_ACTIONS = ['enter_long', 'enter_short', 'exit', 'move_stop'] as const;
/** enter_long/enter_short open a position; exit closes the strategy's position; move_stop changes its stop. */
export type IntentAction = (typeof INTENT_ACTIONS)[number];

/** How an entry is placed. Default market (fills at the next bar's open). */
export type EntryOrder =
  | { readonly type: 'market' }
  | { readonly type: 'limit'; readonly price: number }
  /** Buy-stop / sell-stop entry (e.g. velez: a buy-stop at the signal candle's high), cancelled if not filled in time. */
  | { readonly type: 'stop'; readonly price: number; readonly expiresAfterCandles?: number };

export interface Intent {
  readonly action: IntentAction;
  readonly symbol: string;
  /** A human explanation, shown in the dashboard and the log ("fast SMA 101.23 crossed above slow 101.20"). */
  readonly reason: string;
  /** For entries; default market. */
  readonly entry?: EntryOrder;
  /** Protective stop price for entries; for move_stop, the new stop. Absent: the risk default (stop_loss_pct). */
  readonly stop?: number;
  /** Take-profit price for entries. Absent: the risk default (take_profit_pct) when enabled. */
  readonly takeProfit?: number;
  /** Trailing stop activation/offset as fractions of price (e.g. 0.02); absent: risk defaults. */
  readonly trail?: { readonly activationPct?: number; readonly trailPct?: number };
  /** 0..1, informational. */
  readonly confidence?: number;
  /** 0..1: scales the size the risk engine computes (SPEC §6). Default 1. */
  readonly sizeFraction?: number;
}

/** An intent with the facts of where it came from: the unit the risk engine and order manager receive. */
export interface SignalContext {
  readonly strategy: string;
  readonly symbol: string;
  /** The candle timeframe of the strategy instance (part of the client_order_id). */
  readonly timeframe: string;
  /** The signal candle's start time, epoch ms (part of the client_order_id). */
  readonly signalTs: number;
  /** Close of the signal candle: the reference price for sizing and default stops. */
  readonly price: number;
  readonly correlationId: string;
}

export interface Signal {
  readonly intent: Intent;
  readonly context: SignalContext;
}

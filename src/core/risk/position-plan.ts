// What an exit or a stop move acts on: the position (or working entry) the strategy holds in the symbol, and for
// move_stop the new stop, tick-rounded toward the current price and checked to be on the protective side.
// Must never: approve a stop the broker would reject as on the wrong side of the market (a rejection counts
// toward the failure breaker), or invent a position the facts do not show.
import { Decimal } from '../../domain/decimal.js';
import { usd } from './format.js';
import { toPrice } from './entry-plan.js';
import { signalSymbol, type RiskContext } from './risk-context.js';
import { deny, type RiskDenial } from './risk-denial.js';
import type { PositionSide } from './risk-facts.js';
import { roundToTick } from './tick.js';

/** The holding an exit or move_stop applies to. */
export interface HoldingPlan {
  readonly side: PositionSide;
  /** Absolute open quantity (0 when only a working entry exists). */
  readonly qty: Decimal;
  /** Reference (signal close) price, tick-rounded. */
  readonly price: Decimal;
  /** For move_stop: the new stop. */
  readonly stop: Decimal | undefined;
}

function holdingSide(ctx: RiskContext, symbol: string): PositionSide | undefined {
  const open = ctx.facts.openPositions.find((p) => p.symbol === symbol);
  return open?.side ?? ctx.facts.pendingEntries.find((p) => p.symbol === symbol)?.side;
}

/** Plans an exit or move_stop, or denies with NO_POSITION / INVALID_STOP / INVALID_INTENT. */
export function planHolding(ctx: RiskContext, action: 'exit' | 'move_stop'): HoldingPlan | RiskDenial {
  const symbol = signalSymbol(ctx);
  const side = holdingSide(ctx, symbol);
  if (side === undefined) {
    return deny('NO_POSITION', `${action} ${symbol}: no open position or working entry in ${symbol}`, { symbol, action });
  }
  const qty = Decimal.sum(ctx.facts.openPositions.filter((p) => p.symbol === symbol).map((p) => p.qty.abs()));
  const close = toPrice(ctx.signal.context.price);
  if (close === undefined) {
    return deny('INVALID_INTENT', `signal price ${String(ctx.signal.context.price)} is not a positive number`, { price: String(ctx.signal.context.price) });
  }
  const price = roundToTick(close, 'nearest');
  if (action === 'exit') return { side, qty, price, stop: undefined };
  const given = toPrice(ctx.signal.intent.stop);
  const long = side === 'long';
  const stop = given === undefined ? undefined : roundToTick(given, long ? 'up' : 'down');
  if (stop === undefined || (long ? stop.gte(price) : stop.lte(price))) {
    return deny(
      'INVALID_STOP',
      `move_stop ${symbol}: stop ${String(ctx.signal.intent.stop)} must be a positive price ${long ? 'below' : 'above'} the current ${usd(price)} of the ${side} position`,
      { symbol, stop: String(ctx.signal.intent.stop), price: price.toString(), side },
    );
  }
  return { side, qty, price, stop };
}

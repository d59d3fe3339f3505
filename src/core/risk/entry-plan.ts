// The prices of an entry before sizing: the reference entry price, the protective stop (the strategy's or
// stop_loss_pct), the take-profit (the strategy's or take_profit_pct) and the trailing-stop activation, all
// exact and tick-rounded. Rounding is toward safety: a stop or target is rounded toward the entry, so the loss
// at the stop never exceeds what was configured (and risk sizing uses the rounded stop).
// Must never: return a long stop at or above the entry (or a short stop at or below it), or a price ≤ 0.
import { Decimal } from '../../domain/decimal.js';
import type { Intent } from '../../domain/intent.js';
import { usd } from './format.js';
import { entrySide, type RiskContext } from './risk-context.js';
import { deny, isDenial, type RiskDenial } from './risk-denial.js';
import type { PositionSide } from './risk-facts.js';
import { roundToTick, tickSize } from './tick.js';

/** When the trailing stop starts to follow, and how far behind. */
export interface TrailPlan {
  readonly activationPct: Decimal;
  /** Price at which the trail activates (entry ± activationPct, rounded toward the entry). */
  readonly activationPrice: Decimal;
  /** Trail distance as a fraction of price (intent's trailPct, else stop_loss_pct). */
  readonly trailPct: Decimal;
}

export interface EntryPlan {
  readonly side: PositionSide;
  /** Reference entry price: the limit/stop entry price, else the signal close; tick-rounded. */
  readonly price: Decimal;
  readonly stop: Decimal;
  readonly stopSource: 'strategy' | 'stop_loss_pct';
  readonly takeProfit: Decimal | undefined;
  readonly trail: TrailPlan;
}

/** A strategy number as an exact positive price, or undefined when it is not one. */
export function toPrice(value: number | undefined): Decimal | undefined {
  if (value === undefined || !Number.isFinite(value) || value <= 0) return undefined;
  const d = Decimal.fromNumber(value, 8);
  return d.isPositive() ? d : undefined;
}

/** A 0..1 fraction from a strategy number (exclusive of 0 when `positive`), or undefined. */
export function toFraction(value: number, positive: boolean): Decimal | undefined {
  if (!Number.isFinite(value) || value < 0 || value > 1 || (positive && value === 0)) return undefined;
  return Decimal.fromNumber(value, 8);
}

// Moves `target` toward `entry` to the tick and keeps it at least one tick on its side of the entry.
function towardEntry(target: Decimal, entry: Decimal, below: boolean): Decimal {
  const rounded = roundToTick(target, below ? 'up' : 'down');
  if (below) return rounded.lt(entry) ? rounded : entry.minus(tickSize(entry));
  return rounded.gt(entry) ? rounded : entry.plus(tickSize(entry));
}

function referencePrice(intent: Intent, close: number): Decimal | undefined {
  const entry = intent.entry;
  const raw = entry !== undefined && entry.type !== 'market' ? entry.price : close;
  const price = toPrice(raw);
  return price === undefined ? undefined : roundToTick(price, 'nearest');
}

function planStop(side: PositionSide, price: Decimal, intent: Intent, ctx: RiskContext): Decimal | RiskDenial {
  const long = side === 'long';
  if (intent.stop === undefined) {
    const raw = price.times(long ? Decimal.ONE.minus(ctx.limits.stopLossPct) : Decimal.ONE.plus(ctx.limits.stopLossPct));
    const stop = towardEntry(raw, price, long);
    if (!stop.isPositive()) return deny('INVALID_STOP', `default stop for ${usd(price)} is not a positive price`, { price: price.toString() });
    return stop;
  }
  const given = toPrice(intent.stop);
  const stop = given === undefined ? undefined : roundToTick(given, long ? 'up' : 'down');
  const wrongSide = stop === undefined || !stop.isPositive() || (long ? stop.gte(price) : stop.lte(price));
  if (stop === undefined || wrongSide) {
    return deny(
      'INVALID_STOP',
      `stop ${String(intent.stop)} must be a positive price ${long ? 'below' : 'above'} the ${side} entry ${usd(price)}`,
      { stop: String(intent.stop), price: price.toString(), side },
    );
  }
  return stop;
}

function planTakeProfit(side: PositionSide, price: Decimal, intent: Intent, ctx: RiskContext): Decimal | undefined | RiskDenial {
  const long = side === 'long';
  if (intent.takeProfit === undefined) {
    const raw = price.times(long ? Decimal.ONE.plus(ctx.limits.takeProfitPct) : Decimal.ONE.minus(ctx.limits.takeProfitPct));
    const tp = towardEntry(raw, price, !long);
    return tp.isPositive() ? tp : undefined;
  }
  const given = toPrice(intent.takeProfit);
  const tp = given === undefined ? undefined : roundToTick(given, long ? 'down' : 'up');
  if (tp === undefined || (long ? tp.lte(price) : tp.gte(price))) {
    return deny(
      'INVALID_INTENT',
      `take-profit ${String(intent.takeProfit)} must be a positive price ${long ? 'above' : 'below'} the ${side} entry ${usd(price)}`,
      { takeProfit: String(intent.takeProfit), price: price.toString(), side },
    );
  }
  return tp;
}

function planTrail(side: PositionSide, price: Decimal, intent: Intent, ctx: RiskContext): TrailPlan | RiskDenial {
  const activation = intent.trail?.activationPct;
  const offset = intent.trail?.trailPct;
  const activationPct = activation === undefined ? ctx.limits.trailingStopActivationPct : toFraction(activation, true);
  const trailPct = offset === undefined ? ctx.limits.stopLossPct : toFraction(offset, true);
  if (activationPct === undefined || trailPct === undefined || trailPct.gte(1)) {
    return deny('INVALID_INTENT', `trail activationPct ${String(activation)} / trailPct ${String(offset)}: each must be a fraction in (0, 1)`, {
      activationPct: String(activation), trailPct: String(offset),
    });
  }
  const long = side === 'long';
  const raw = price.times(long ? Decimal.ONE.plus(activationPct) : Decimal.ONE.minus(activationPct));
  return { activationPct, activationPrice: towardEntry(raw, price, !long), trailPct };
}

/** Plans an entry's prices, or explains why the intent's prices are unusable (INVALID_INTENT / INVALID_STOP). */
export function planEntry(ctx: RiskContext, action: 'enter_long' | 'enter_short'): EntryPlan | RiskDenial {
  const { intent, context } = ctx.signal;
  const side = entrySide(action);
  const price = referencePrice(intent, context.price);
  if (price === undefined) {
    const raw = intent.entry !== undefined && intent.entry.type !== 'market' ? intent.entry.price : context.price;
    return deny('INVALID_INTENT', `entry reference price ${String(raw)} is not a positive number`, { price: String(raw) });
  }
  const stop = planStop(side, price, intent, ctx);
  if (isDenial(stop)) return stop;
  const takeProfit = planTakeProfit(side, price, intent, ctx);
  if (isDenial(takeProfit)) return takeProfit;
  const trail = planTrail(side, price, intent, ctx);
  if (isDenial(trail)) return trail;
  return { side, price, stop, stopSource: intent.stop === undefined ? 'stop_loss_pct' : 'strategy', takeProfit, trail };
}

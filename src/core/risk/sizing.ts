// Sizing (SPEC §6), exact: pct_equity qty = floor(equity × max_position_pct / price); risk qty =
// floor(min(equity × max_risk_per_trade_pct, max_risk_per_trade_abs) / stop distance); fixed qty = fixed_qty.
// The strategy's size fraction scales the result (then floor), and the caps reduce it to fit:
// (existing + qty × price) ≤ equity × max_position_pct and qty × price ≤ notional_max.
// Example: risk sizing, 1 % of $25,000 with a $0.50 stop = $250 / $0.50 = 500 shares.
// Must never: round a quantity up, or size from a float.
import { Decimal } from '../../domain/decimal.js';
import type { EntryPlan } from './entry-plan.js';
import { toFraction } from './entry-plan.js';
import { pct, usd } from './format.js';
import { exposureIn, qtyDecimals, signalSymbol, type RiskContext } from './risk-context.js';
import { notionalCapQty } from './rules/notional-cap.js';
import { positionCapQty } from './rules/position-cap.js';
import type { SizedOrder } from './sized-order.js';
import { FRACTIONAL_QTY_DP, floorQty, maxQtyWithin } from './units.js';

/** The quantity the sizing mode alone gives, and how. */
export interface ModeSize {
  readonly qty: Decimal;
  readonly basis: string;
}

/** Quantity from the configured sizing mode, before the size fraction and the caps. */
export function modeSize(ctx: RiskContext, plan: EntryPlan, dp: number): ModeSize {
  const { limits } = ctx;
  const equity = ctx.facts.account.equity;
  if (limits.sizingMode === 'fixed') {
    return { qty: limits.fixedQty, basis: `fixed_qty ${limits.fixedQty.toString()} shares` };
  }
  if (limits.sizingMode === 'pct_equity') {
    const budget = equity.times(limits.maxPositionPct);
    const qty = maxQtyWithin(budget, plan.price, dp);
    return { qty, basis: `equity ${usd(equity)} × ${pct(limits.maxPositionPct)} = ${usd(budget)} / ${usd(plan.price)} = ${qty.toString()} shares` };
  }
  const byPct = equity.times(limits.maxRiskPerTradePct);
  const atRisk = Decimal.min(byPct, limits.maxRiskPerTradeAbs);
  const distance = plan.price.minus(plan.stop).abs();
  const qty = maxQtyWithin(atRisk, distance, dp);
  return {
    qty,
    basis: `min(${pct(limits.maxRiskPerTradePct)} of ${usd(equity)}, ${usd(limits.maxRiskPerTradeAbs)}) = ${usd(atRisk)} at risk / ${usd(distance)} stop distance = ${qty.toString()} shares`,
  };
}

/** Sizes an entry whose prices are planned: mode, size fraction, then the position and notional caps. */
export function sizeEntry(ctx: RiskContext, plan: EntryPlan): SizedOrder {
  const dp = qtyDecimals(ctx, plan.side, FRACTIONAL_QTY_DP);
  const mode = modeSize(ctx, plan, dp);
  const rawFraction = ctx.signal.intent.sizeFraction;
  const sizeFraction = rawFraction === undefined ? Decimal.ONE : (toFraction(rawFraction, false) ?? Decimal.ZERO);
  const sizedQty = floorQty(mode.qty.times(sizeFraction), dp);
  const existingExposure = exposureIn(ctx.facts, signalSymbol(ctx));
  const positionCap = positionCapQty(ctx, plan.price, existingExposure, dp);
  const notionalCap = notionalCapQty(ctx, plan.price, dp);
  // Research runs (risk rules off, backtests only) keep the size the mode gives; buying power still decides.
  const qty = ctx.limits.rulesOff ? sizedQty : Decimal.min(sizedQty, Decimal.min(positionCap.qty, notionalCap));
  return {
    plan,
    qtyDp: dp,
    modeQty: mode.qty,
    modeBasis: mode.basis,
    sizeFraction,
    sizedQty,
    existingExposure,
    positionBudget: positionCap.budget,
    positionCapQty: positionCap.qty,
    notionalCapQty: notionalCap,
    qty,
    notional: qty.times(plan.price),
  };
}

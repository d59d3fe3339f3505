// The risk engine (SPEC §6, DESIGN §3.9): runs every rule in order on one signal and answers approved (with
// the exact size and protective prices) or denied (the first refusing rule), recording every check.
// Entry limits never block exits or stop moves; the kill switch, the breaker, intent validity and market
// hours apply to every intent. Pure: same input, same decision (backtest and live agree).
// Must never: read the clock or the broker, approve a size above a cap or above buying power, or throw for
// an ordinary refusal (refusals are values; only broken inputs throw).
import { planEntry, type EntryPlan } from './entry-plan.js';
import { usd } from './format.js';
import { planHolding, type HoldingPlan } from './position-plan.js';
import { isEntry, signalSymbol, type RiskContext } from './risk-context.js';
import type { EntryApproval, RiskApproval, RiskCheck, RiskDecision, RiskDenied, RiskInput } from './risk-decision.js';
import { isDenial, type RiskDenial } from './risk-denial.js';
import { assertRiskFacts } from './risk-facts.js';
import { normalizeRiskLimits } from './risk-limits.js';
import type { RiskRuleName } from './risk-rule.js';
import { GATE_RULES, ORDER_RULES } from './rule-list.js';
import { sizeEntry } from './sizing.js';
import type { SizedOrder } from './sized-order.js';
import { tradingStateOf, type TradingStateReport } from './trading-state.js';

/** A denial with the rule that gave it. */
interface Refusal {
  readonly rule: RiskRuleName;
  readonly denial: RiskDenial;
}

function denied(ctx: RiskContext, refusal: Refusal, checks: RiskCheck[], state: TradingStateReport): RiskDenied {
  const { rule, denial } = refusal;
  checks.push({ rule, result: 'deny', note: `${denial.code}: ${denial.reason}` });
  return { approved: false, action: ctx.signal.intent.action, symbol: signalSymbol(ctx), denial, checks, state };
}

function capNote(order: SizedOrder, rule: 'position_cap' | 'notional_cap'): RiskCheck {
  const capQty = rule === 'position_cap' ? order.positionCapQty : order.notionalCapQty;
  const reduced = capQty.lt(order.sizedQty) && order.qty.eq(capQty);
  if (!reduced) return { rule, result: 'pass' };
  const what = rule === 'position_cap' ? `position cap room ${usd(order.positionBudget)}` : 'notional_max';
  return { rule, result: 'adjust', note: `reduced ${order.sizedQty.toString()} → ${capQty.toString()} shares to fit ${what} at ${usd(order.plan.price)}` };
}

function orderCheck(rule: RiskCheck['rule'], order: SizedOrder): RiskCheck {
  if (rule === 'position_cap' || rule === 'notional_cap') return capNote(order, rule);
  if (rule === 'sizing') return { rule, result: 'pass', note: order.modeBasis };
  return { rule, result: 'pass' };
}

function entryApproval(ctx: RiskContext, order: SizedOrder, checks: RiskCheck[], state: TradingStateReport): EntryApproval {
  const plan: EntryPlan = order.plan;
  const action = ctx.signal.intent.action as EntryApproval['action'];
  const symbol = signalSymbol(ctx);
  const tp = plan.takeProfit === undefined ? '' : `, take-profit ${usd(plan.takeProfit)}`;
  return {
    approved: true, action, symbol, side: plan.side, qty: order.qty, price: plan.price, notional: order.notional,
    stop: plan.stop, stopSource: plan.stopSource, takeProfit: plan.takeProfit, trail: plan.trail, checks, state,
    reason: `${action} ${symbol}: ${order.qty.toString()} shares at ${usd(plan.price)} = ${usd(order.notional)} (${ctx.limits.sizingMode}: ${order.modeBasis}), stop ${usd(plan.stop)}${tp}`,
  };
}

function holdingApproval(ctx: RiskContext, plan: HoldingPlan, checks: RiskCheck[], state: TradingStateReport): RiskApproval {
  const symbol = signalSymbol(ctx);
  const base = { approved: true as const, symbol, side: plan.side, qty: plan.qty, price: plan.price, notional: plan.qty.times(plan.price), checks, state };
  if (plan.stop !== undefined) {
    return { ...base, action: 'move_stop', stop: plan.stop, reason: `move_stop ${symbol}: ${plan.side} ${plan.qty.toString()} shares, stop to ${usd(plan.stop)}` };
  }
  return { ...base, action: 'exit', reason: `exit ${symbol}: close ${plan.side} ${plan.qty.toString()} shares near ${usd(plan.price)}` };
}

/** The rules a research run (`risk_rules: 'off'`, backtests only) still applies: validity, hours and cash. */
const KEPT_WHEN_OFF: ReadonlySet<RiskRuleName> = new Set(['intent_validity', 'market_hours', 'buying_power', 'sizing']);
const OFF_NOTE = 'risk rules off (backtest research run)';

function runGates(ctx: RiskContext, entry: boolean, checks: RiskCheck[]): Refusal | undefined {
  for (const rule of GATE_RULES) {
    if (ctx.limits.rulesOff && !KEPT_WHEN_OFF.has(rule.name)) {
      checks.push({ rule: rule.name, result: 'skip', note: OFF_NOTE });
      continue;
    }
    if (rule.appliesTo === 'entries' && !entry) {
      checks.push({ rule: rule.name, result: 'skip', note: 'entry limit: does not apply to exits and stop moves' });
      continue;
    }
    const denial = rule.check(ctx);
    if (denial !== undefined) return { rule: rule.name, denial };
    checks.push({ rule: rule.name, result: 'pass' });
  }
  return undefined;
}

function runOrderRules(ctx: RiskContext, order: SizedOrder, checks: RiskCheck[]): Refusal | undefined {
  for (const rule of ORDER_RULES) {
    if (ctx.limits.rulesOff && !KEPT_WHEN_OFF.has(rule.name)) {
      checks.push({ rule: rule.name, result: 'skip', note: OFF_NOTE });
      continue;
    }
    const denial = rule.check(ctx, order);
    if (denial !== undefined) return { rule: rule.name, denial };
    checks.push(orderCheck(rule.name, order));
  }
  return undefined;
}

/**
 * Decides one signal. Rules run in SPEC §6 order; the first denial is the answer.
 * @throws RiskLimitsError when a limit is out of range; RiskFactsError when the facts are malformed (see assertRiskFacts)
 */
export function evaluateRisk(input: RiskInput): RiskDecision {
  const limits = normalizeRiskLimits(input.limits);
  assertRiskFacts(input.facts);
  const ctx: RiskContext = { signal: input.signal, limits, facts: input.facts };
  const state = tradingStateOf(limits, input.facts);
  const checks: RiskCheck[] = [];
  const action = input.signal.intent.action;
  const entry = isEntry(action);
  const gate = runGates(ctx, entry, checks);
  if (gate !== undefined) return denied(ctx, gate, checks, state);
  if (!isEntry(action)) {
    for (const rule of ORDER_RULES) checks.push({ rule: rule.name, result: 'skip', note: 'sizing and caps apply to entries only' });
    const holding = planHolding(ctx, action);
    if (isDenial(holding)) return denied(ctx, { rule: 'intent_validity', denial: holding }, checks, state);
    return holdingApproval(ctx, holding, checks, state);
  }
  const plan = planEntry(ctx, action);
  if (isDenial(plan)) return denied(ctx, { rule: 'intent_validity', denial: plan }, checks, state);
  const order = sizeEntry(ctx, plan);
  const refusal = runOrderRules(ctx, order, checks);
  return refusal === undefined ? entryApproval(ctx, order, checks, state) : denied(ctx, refusal, checks, state);
}

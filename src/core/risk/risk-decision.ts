// What the risk engine answers for one signal: approved (with the exact quantity and protective prices) or
// denied (with the first refusing rule's denial), plus the checks that ran and the trading state, so the
// `signals` row and the log can say exactly why. Must never: carry a float quantity or price.
import type { Decimal } from '../../domain/decimal.js';
import type { Signal } from '../../domain/intent.js';
import type { TrailPlan } from './entry-plan.js';
import type { RiskDenial } from './risk-denial.js';
import type { RiskFacts, PositionSide } from './risk-facts.js';
import type { RiskLimits } from './risk-limits.js';
import type { RiskRuleName } from './risk-rule.js';
import type { TradingStateReport } from './trading-state.js';

/** Input of {@link evaluateRisk}. */
export interface RiskInput {
  readonly signal: Signal;
  readonly limits: RiskLimits;
  readonly facts: RiskFacts;
}

/** One rule's outcome: passed, denied, skipped (entry-only rule on an exit/stop move), or reduced the size. */
export interface RiskCheck {
  readonly rule: RiskRuleName;
  readonly result: 'pass' | 'deny' | 'skip' | 'adjust';
  readonly note?: string;
}

interface ApprovalBase {
  readonly approved: true;
  readonly symbol: string;
  readonly side: PositionSide;
  /** Exact quantity: whole shares unless fractional is on. Entries: the size; exits/stop moves: the open qty. */
  readonly qty: Decimal;
  /** Reference price (limit/stop entry price or signal close), tick-rounded. */
  readonly price: Decimal;
  /** qty × price. */
  readonly notional: Decimal;
  /** Human summary for the signals row. */
  readonly reason: string;
  readonly checks: readonly RiskCheck[];
  readonly state: TradingStateReport;
}

export interface EntryApproval extends ApprovalBase {
  readonly action: 'enter_long' | 'enter_short';
  /** Protective stop: the strategy's, else price ∓ stop_loss_pct, tick-rounded toward the entry. */
  readonly stop: Decimal;
  readonly stopSource: 'strategy' | 'stop_loss_pct';
  /** The strategy's, else price ± take_profit_pct, tick-rounded toward the entry (absent if ≤ 0). */
  readonly takeProfit: Decimal | undefined;
  readonly trail: TrailPlan;
}

export interface ExitApproval extends ApprovalBase {
  readonly action: 'exit';
}

export interface MoveStopApproval extends ApprovalBase {
  readonly action: 'move_stop';
  readonly stop: Decimal;
}

export type RiskApproval = EntryApproval | ExitApproval | MoveStopApproval;

export interface RiskDenied {
  readonly approved: false;
  readonly action: Signal['intent']['action'];
  readonly symbol: string;
  readonly denial: RiskDenial;
  readonly checks: readonly RiskCheck[];
  readonly state: TradingStateReport;
}

export type RiskDecision = RiskApproval | RiskDenied;

// The typed refusals of the risk engine (SPEC §6, DESIGN §3.9): a stable SCREAMING_SNAKE code, a human reason
// with the numbers that decided it, and a flat context for logs and the `signals` row.
// Must never: rename or remove a code (they are stored in SQLite and matched by dashboards and tests).

/** Every code a risk rule can deny with, in the order the engine runs the rules (see RISK_RULE_ORDER). */
export const RISK_CODES = [
  'KILL_SWITCH_ON',
  'BREAKER_TRIPPED',
  'INVALID_INTENT',
  'INVALID_STOP',
  'NO_POSITION',
  'LOSS_STREAK_PAUSE',
  'MARKET_CLOSED',
  'DAILY_TRADE_LIMIT',
  'DAY_TRADE_BUDGET',
  'DAILY_LOSS_LIMIT',
  'MAX_DRAWDOWN',
  'MAX_OPEN_POSITIONS',
  'CONFLICTING_POSITION',
  'INSUFFICIENT_BUYING_POWER',
  'EQUITY_BUFFER',
  'SIZE_ZERO',
  'POSITION_CAP',
  'NOTIONAL_CAP',
] as const;

/** A stable risk code. */
export type RiskCode = (typeof RISK_CODES)[number];

/** Flat, JSON-friendly facts behind a denial (decimals as canonical strings). */
export type RiskDenialContext = Readonly<Record<string, string | number | boolean | null>>;

/** Why a rule refused an intent. */
export interface RiskDenial {
  readonly code: RiskCode;
  /** Human sentence with the numbers, e.g. "today's P&L -$500.00 reached the daily loss limit -$500.00 (2% of $25,000.00)". */
  readonly reason: string;
  readonly context: RiskDenialContext;
}

/** Builds a frozen denial. */
export function deny(code: RiskCode, reason: string, context: RiskDenialContext = {}): RiskDenial {
  return Object.freeze({ code, reason, context: Object.freeze({ ...context }) });
}

/** True when a rule or planner returned a denial rather than a value. */
export function isDenial(value: unknown): value is RiskDenial {
  return typeof value === 'object' && value !== null && 'code' in value && 'reason' in value && 'context' in value;
}

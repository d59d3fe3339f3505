// The risk limits the engine enforces, as plain numbers mirroring `config.risk` (SPEC §3) plus the one safety
// flag it needs, and their exact-decimal form. Core cannot import config/, so the runtime maps
// `{ ...values.risk, allow_extended_hours: values.safety.allow_extended_hours }` onto this shape.
// Must never: accept a limit outside the SPEC §3 bounds (config checks first; this guard catches a mapping bug,
// so a loosened limit can never reach the engine), or do float maths with a limit.
import { Decimal } from '../../domain/decimal.js';

/** How an approved entry is sized (SPEC §6). */
export const RISK_SIZING_MODES = ['pct_equity', 'risk', 'fixed'] as const;
export type RiskSizingMode = (typeof RISK_SIZING_MODES)[number];

/** The limits, field for field as in `loadConfig(...).values.risk` (fractions, dollars, counts). */
export interface RiskLimits {
  readonly max_position_pct: number;
  readonly max_risk_per_trade_pct: number;
  readonly max_risk_per_trade_abs: number;
  readonly max_daily_loss_pct: number;
  readonly max_trades_per_day: number;
  readonly max_open_positions: number;
  readonly max_drawdown_pct: number;
  readonly min_equity_buffer_pct: number;
  readonly notional_max: number;
  readonly consecutive_loss_pause: number;
  readonly stop_loss_pct: number;
  readonly take_profit_pct: number;
  readonly trailing_stop_activation_pct: number;
  readonly sizing_mode: RiskSizingMode;
  readonly fixed_qty: number;
  /** From `values.safety.allow_extended_hours`: orders allowed 04:00–20:00 ET (entries then must be limit orders). */
  readonly allow_extended_hours: boolean;
  /** Fractional quantities (4 places) for long entries. Default false: whole shares. */
  readonly fractional_shares?: boolean;
  /** Day-trade budget: most same-day round trips per rolling 5 sessions; 0 or absent = off (SPEC §6). */
  readonly day_trade_budget?: number;
  /**
   * Backtests only (`--risk off`, SPEC §11): 'off' keeps intent validity, market hours, buying power (cash) and
   * the zero-size check and skips every other rule, for research runs comparable with other backtesters;
   * max_position_pct may then be up to 1. The live runtime never sets it. Default 'on'.
   */
  readonly risk_rules?: 'on' | 'off';
}

/** Thrown when a limit is outside its bounds; names the field, the value and the allowed range. */
export class RiskLimitsError extends Error {
  override readonly name = 'RiskLimitsError';
}

const show = (value: unknown): string =>
  value === undefined || typeof value === 'number' ? String(value) : JSON.stringify(value);

type Bound = readonly [min: number, max: number, kind: 'fraction' | 'integer' | 'number'];

// SPEC §3 bounds. Exposed so tests and the runtime can see exactly what the engine accepts.
export const RISK_LIMIT_BOUNDS = {
  max_position_pct: [0.01, 0.25, 'fraction'],
  max_risk_per_trade_pct: [0.001, 0.05, 'fraction'],
  max_risk_per_trade_abs: [10, 5000, 'number'],
  max_daily_loss_pct: [0.005, 0.1, 'fraction'],
  max_trades_per_day: [1, 500, 'integer'],
  max_open_positions: [1, 50, 'integer'],
  max_drawdown_pct: [0.02, 0.5, 'fraction'],
  min_equity_buffer_pct: [0, 0.5, 'fraction'],
  notional_max: [Number.MIN_VALUE, Number.MAX_SAFE_INTEGER, 'number'],
  consecutive_loss_pause: [2, 10, 'integer'],
  stop_loss_pct: [0.001, 0.2, 'fraction'],
  take_profit_pct: [0.001, 0.2, 'fraction'],
  trailing_stop_activation_pct: [0.001, 0.2, 'fraction'],
  fixed_qty: [1, 10000, 'integer'],
  day_trade_budget: [0, 100, 'integer'],
} as const satisfies Record<string, Bound>;

type BoundedKey = keyof typeof RISK_LIMIT_BOUNDS;

/** The limits as exact decimals, validated. Built once per evaluation by {@link normalizeRiskLimits}. */
export interface NormalizedRiskLimits {
  readonly maxPositionPct: Decimal;
  readonly maxRiskPerTradePct: Decimal;
  readonly maxRiskPerTradeAbs: Decimal;
  readonly maxDailyLossPct: Decimal;
  readonly maxTradesPerDay: number;
  readonly maxOpenPositions: number;
  readonly maxDrawdownPct: Decimal;
  readonly minEquityBufferPct: Decimal;
  readonly notionalMax: Decimal;
  readonly consecutiveLossPause: number;
  readonly stopLossPct: Decimal;
  readonly takeProfitPct: Decimal;
  readonly trailingStopActivationPct: Decimal;
  readonly sizingMode: RiskSizingMode;
  readonly fixedQty: Decimal;
  readonly allowExtendedHours: boolean;
  readonly fractionalShares: boolean;
  /** 0 = off. */
  readonly dayTradeBudget: number;
  /** `risk_rules: 'off'` (backtest research runs). */
  readonly rulesOff: boolean;
}

function checkBound(key: BoundedKey, value: unknown, bound: Bound = RISK_LIMIT_BOUNDS[key], note = ''): number {
  const [min, max, kind] = bound;
  const range = key === 'notional_max' ? '> 0' : `${min}–${max}${kind === 'integer' ? ' (whole number)' : ''}${note}`;
  const ok =
    typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max &&
    (kind !== 'integer' || Number.isInteger(value));
  if (!ok) throw new RiskLimitsError(`risk limit ${key} = ${show(value)} is out of range: allowed ${range}`);
  return value;
}

const frac = (key: BoundedKey, value: unknown, bound?: Bound, note?: string): Decimal => Decimal.fromNumber(checkBound(key, value, bound, note), 10);

/** With the risk rules off a research run may put up to all of its equity in one position. */
const RESEARCH_POSITION_PCT: Bound = [0.01, 1, 'fraction'];

function checkFlag(key: string, value: unknown, optional: boolean): boolean {
  if (optional && value === undefined) return false;
  if (typeof value !== 'boolean') throw new RiskLimitsError(`risk limit ${key} = ${show(value)} must be true or false`);
  return value;
}

/**
 * Validates the limits and converts them to exact decimals.
 * @throws RiskLimitsError naming the field, its value and the allowed range/values
 */
export function normalizeRiskLimits(limits: RiskLimits): NormalizedRiskLimits {
  const mode: unknown = limits.sizing_mode;
  if (!RISK_SIZING_MODES.includes(mode as RiskSizingMode)) {
    throw new RiskLimitsError(`risk limit sizing_mode = ${show(mode)} is not allowed: use one of ${RISK_SIZING_MODES.join(', ')}`);
  }
  const rules: unknown = limits.risk_rules ?? 'on';
  if (rules !== 'on' && rules !== 'off') throw new RiskLimitsError(`risk limit risk_rules = ${show(rules)} is not allowed: use on or off`);
  const rulesOff = rules === 'off';
  return {
    maxPositionPct: rulesOff ? frac('max_position_pct', limits.max_position_pct, RESEARCH_POSITION_PCT, ' with the risk rules off') : frac('max_position_pct', limits.max_position_pct),
    maxRiskPerTradePct: frac('max_risk_per_trade_pct', limits.max_risk_per_trade_pct),
    maxRiskPerTradeAbs: Decimal.fromNumber(checkBound('max_risk_per_trade_abs', limits.max_risk_per_trade_abs), 6),
    maxDailyLossPct: frac('max_daily_loss_pct', limits.max_daily_loss_pct),
    maxTradesPerDay: checkBound('max_trades_per_day', limits.max_trades_per_day),
    maxOpenPositions: checkBound('max_open_positions', limits.max_open_positions),
    maxDrawdownPct: frac('max_drawdown_pct', limits.max_drawdown_pct),
    minEquityBufferPct: frac('min_equity_buffer_pct', limits.min_equity_buffer_pct),
    notionalMax: Decimal.fromNumber(checkBound('notional_max', limits.notional_max), 6),
    consecutiveLossPause: checkBound('consecutive_loss_pause', limits.consecutive_loss_pause),
    stopLossPct: frac('stop_loss_pct', limits.stop_loss_pct),
    takeProfitPct: frac('take_profit_pct', limits.take_profit_pct),
    trailingStopActivationPct: frac('trailing_stop_activation_pct', limits.trailing_stop_activation_pct),
    sizingMode: mode as RiskSizingMode,
    fixedQty: Decimal.of(checkBound('fixed_qty', limits.fixed_qty)),
    allowExtendedHours: checkFlag('allow_extended_hours', limits.allow_extended_hours, false),
    fractionalShares: checkFlag('fractional_shares', limits.fractional_shares, true),
    dayTradeBudget: limits.day_trade_budget === undefined ? 0 : checkBound('day_trade_budget', limits.day_trade_budget),
    rulesOff,
  };
}

/** SPEC §3 defaults (with extended hours off), for callers and tests that want a baseline. */
export const DEFAULT_RISK_LIMITS: RiskLimits = Object.freeze({
  max_position_pct: 0.05,
  max_risk_per_trade_pct: 0.01,
  max_risk_per_trade_abs: 500,
  max_daily_loss_pct: 0.02,
  max_trades_per_day: 20,
  max_open_positions: 5,
  max_drawdown_pct: 0.1,
  min_equity_buffer_pct: 0.05,
  notional_max: 25000,
  consecutive_loss_pause: 3,
  stop_loss_pct: 0.015,
  take_profit_pct: 0.02,
  trailing_stop_activation_pct: 0.02,
  sizing_mode: 'pct_equity',
  fixed_qty: 1,
  allow_extended_hours: false,
});

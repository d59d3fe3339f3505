// Turns a backtest's sizing and risk switches into the engine's RiskLimits (SPEC §11: `--size fixed:N|pct:X|risk:X`,
// `--risk on|off`). With the risk rules off only cash decides, so the equity buffer is dropped too.
// Must never: loosen a limit when the risk rules are on (the bounds of SPEC §3 still apply and are checked by core).
import type { RiskLimits } from '../../core/risk/index.js';
import type { BacktestSizing, BacktestSpec } from './backtest-types.js';

/** Parses `fixed:N`, `pct:X` or `risk:X` (X a fraction; `pct:10%` also accepted). @throws RangeError naming the allowed forms */
export function parseSizing(text: string): BacktestSizing {
  const m = /^(fixed|pct|risk):(\d+(?:\.\d+)?)(%?)$/.exec(text.trim());
  if (!m) throw new RangeError(`--size ${JSON.stringify(text)} is not valid: use fixed:N (shares), pct:X (fraction of equity, e.g. pct:0.1) or risk:X (fraction of equity at risk, e.g. risk:0.01)`);
  const mode = m[1] as BacktestSizing['mode'];
  let value = Number(m[2]);
  if (m[3] === '%') value /= 100;
  if (mode === 'fixed' && !(Number.isInteger(value) && value >= 1 && value <= 10_000)) throw new RangeError(`--size fixed:${m[2] ?? ''}: shares must be a whole number from 1 to 10000`);
  if (mode !== 'fixed' && !(value > 0 && value <= 1)) throw new RangeError(`--size ${mode}:${m[2] ?? ''}${m[3] ?? ''}: the fraction must be in (0, 1] (0.1 = 10 %)`);
  return { mode, value };
}

/** The limits a run uses: the base (config) limits, the sizing override and the risk switch. */
export function backtestLimits(spec: Pick<BacktestSpec, 'limits' | 'sizing' | 'risk'>): RiskLimits {
  const off = spec.risk === 'off';
  let limits: RiskLimits = { ...spec.limits, risk_rules: off ? 'off' : 'on', ...(off ? { min_equity_buffer_pct: 0 } : {}) };
  const sizing = spec.sizing;
  if (sizing?.mode === 'fixed') limits = { ...limits, sizing_mode: 'fixed', fixed_qty: sizing.value };
  else if (sizing?.mode === 'pct') limits = { ...limits, sizing_mode: 'pct_equity', max_position_pct: sizing.value };
  else if (sizing?.mode === 'risk') limits = { ...limits, sizing_mode: 'risk', max_risk_per_trade_pct: sizing.value };
  return limits;
}

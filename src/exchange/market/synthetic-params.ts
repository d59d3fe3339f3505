// The knobs of the synthetic market: each symbol's character (price level, beta, volatility, liquidity)
// drawn once from (seed, symbol), the market factor's volatility, and the intraday volume and volatility
// profiles (U-shaped: busy at the open and the close). Exists to keep the generator's numbers in one place.
// Must never: depend on anything but the seed and the symbol (so a symbol's character never changes when
// other symbols are added).

import { Rng } from './prng.js';

/** Per-symbol character of a synthetic stock. */
export interface SymbolParams {
  /** Anchor price (the walk mean-reverts slowly towards it in log terms). */
  readonly p0: number;
  /** Exposure to the common market factor. */
  readonly beta: number;
  /** Long-run daily variance of the idiosyncratic part. */
  readonly idioVar: number;
  /** Mean regular-session volume per minute, in shares. */
  readonly minuteVolume: number;
  /** Mean shares per trade (for the trade count `n`). */
  readonly tradeSize: number;
}

/** Long-run daily variance of the market factor (≈ 16 % a year). */
export const MARKET_DAILY_VAR = 0.01 ** 2;
/** Share of the daily variance that happens overnight (the gap); the rest is intraday. */
export const OVERNIGHT_SHARE = 0.2;
/** Daily GARCH(1,1): variance' = ω + α·ε² + β·variance, with ω = (1−α−β)·long-run variance. */
export const DAILY_GARCH = { alpha: 0.08, beta: 0.9 } as const;
/** Intraday GARCH(1,1) on the unit-variance shock multiplier (unconditional mean 1). */
export const MINUTE_GARCH = { omega: 0.03, alpha: 0.12, beta: 0.85 } as const;
/** Chance of an earnings-like overnight jump per symbol and night, and its size range (log return). */
export const JUMP = { probability: 0.03, min: 0.02, max: 0.07 } as const;
/** Daily pull of log price back towards the anchor (keeps ten years of walk in a plausible range). */
export const MEAN_REVERSION = 0.003;
/** Regular-session minutes of a full day: the per-minute volatility scale is daily σ / √390. */
export const FULL_SESSION_MINUTES = 390;

/** Draws a symbol's character from (seed, symbol). */
export function symbolParams(seed: string, symbol: string): SymbolParams {
  const rng = new Rng(`${seed}|${symbol}|params`);
  const p0 = Math.round(Math.exp(rng.uniform(Math.log(15), Math.log(450))) * 100) / 100;
  const beta = rng.uniform(0.7, 1.4);
  const idioAnnual = rng.uniform(0.12, 0.35);
  const dollarVolume = Math.exp(rng.uniform(Math.log(3e8), Math.log(6e9)));
  return {
    p0,
    beta,
    idioVar: (idioAnnual * idioAnnual) / 252,
    minuteVolume: dollarVolume / p0 / FULL_SESSION_MINUTES,
    tradeSize: rng.uniform(60, 180),
  };
}

/**
 * Relative volume of regular-session minute `m` of `n` (mean ≈ 1 over a full day): several times the
 * midday level in the first and last minutes.
 */
export function volumeShape(m: number, n: number): number {
  const fromEnd = n - 1 - m;
  return 0.75 * (1 + 3 * Math.exp(-m / 12) + 0.8 * Math.exp(-m / 60) + 2 * Math.exp(-fromEnd / 8) + 0.6 * Math.exp(-fromEnd / 45));
}

/** Relative volatility of regular-session minute `m` of `n` (higher just after the open). */
export function volatilityShape(m: number, n: number): number {
  return 0.93 * (1 + 1.2 * Math.exp(-m / 15) + 0.3 * Math.exp(-(n - 1 - m) / 20));
}

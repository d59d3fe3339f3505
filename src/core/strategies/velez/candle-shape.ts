// Candle colours for velez: green, red, or doji (neither). Exists so every velez rule (strong candle, run of
// greens, pullback, continuation) classifies a candle the same way, with exact arithmetic: prices have at most
// 4 decimals, so bodies and ranges are compared as integers (a body of exactly 10 % of the range is not a doji,
// a body of exactly 50 % is strong — no floating-point surprise at the boundary).
// Must never: treat a doji as red or green, or compare ratios in floating point.

import type { Bar } from '../../../domain/bar.js';

/** 'doji': body below the doji fraction of the range (or a zero range); otherwise by close vs open. */
export type CandleColour = 'green' | 'red' | 'doji';

export interface CandleShape {
  readonly colour: CandleColour;
  /** |close − open| / (high − low); 0 for a zero range. For reasons only — decisions use exact integers. */
  readonly bodyRatio: number;
  /** Whether body ≥ `strongBodyPct` × range (exact). */
  readonly strongBody: boolean;
}

const PRICE_SCALE = 10_000;
const RATIO_SCALE = 1_000_000;

function ticks(price: number): number {
  return Math.round(price * PRICE_SCALE);
}

/** body × RATIO_SCALE ≥ round(fraction × RATIO_SCALE) × range, in integers (exact for 4-decimal prices). */
function bodyAtLeast(body: number, range: number, fraction: number): boolean {
  return body * RATIO_SCALE >= Math.round(fraction * RATIO_SCALE) * range;
}

/**
 * Classifies `bar`. A doji has a body below `dojiBodyPct` of its range (default rule 10 %), or no range at all.
 * @param dojiBodyPct fraction 0..1
 * @param strongBodyPct fraction 0..1 (velez: 0.5)
 */
export function candleShape(bar: Pick<Bar, 'open' | 'high' | 'low' | 'close'>, dojiBodyPct: number, strongBodyPct: number): CandleShape {
  const range = ticks(bar.high) - ticks(bar.low);
  const signedBody = ticks(bar.close) - ticks(bar.open);
  const body = Math.abs(signedBody);
  if (range <= 0) return { colour: 'doji', bodyRatio: 0, strongBody: false };
  const bodyRatio = body / range;
  const strongBody = bodyAtLeast(body, range, strongBodyPct);
  if (body === 0 || !bodyAtLeast(body, range, dojiBodyPct)) return { colour: 'doji', bodyRatio, strongBody };
  return { colour: signedBody > 0 ? 'green' : 'red', bodyRatio, strongBody };
}

/**
 * Consecutive green candles ending at the last of `candles` (oldest first). Dojis are skipped (they count as
 * neither colour, so they neither extend nor break a run); a red candle ends the run.
 */
export function greenRun(candles: readonly Bar[], dojiBodyPct: number): number {
  let run = 0;
  for (let i = candles.length - 1; i >= 0; i--) {
    const bar = candles[i];
    if (bar === undefined) break;
    const { colour } = candleShape(bar, dojiBodyPct, 1);
    if (colour === 'red') break;
    if (colour === 'green') run++;
  }
  return run;
}

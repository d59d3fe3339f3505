// Generates one synthetic session's 1-minute bars for one symbol: a GARCH(1,1) random walk whose shocks mix a
// common market factor with the symbol's own, bridged to the session's fixed open and close from the daily
// skeleton; U-shaped volume; cent prices; and, optionally, thinner pre- and post-market bars.
// Must never: draw from a stream other than the ones keyed by (seed, symbol, date, part), or produce a bar
// that breaks l ≤ min(o,c) ≤ max(o,c) ≤ h, l ≤ vw ≤ h, prices in whole cents.

import type { TradingSession } from '../../domain/calendar/index.js';
import type { ExchangeBar } from '../contracts.js';
import { MINUTE_MS } from './bar-source.js';
import { Rng } from './prng.js';
import { FULL_SESSION_MINUTES, MINUTE_GARCH, volatilityShape, volumeShape, type SymbolParams } from './synthetic-params.js';

/** What one session's generation needs, all precomputed by the market. */
export interface SessionInputs {
  readonly seed: string;
  readonly symbol: string;
  readonly session: TradingSession;
  readonly params: SymbolParams;
  /** Regular open and close prices (unrounded) from the skeleton. */
  readonly open: number;
  readonly close: number;
  /** The session's intraday σ of log returns, the volume multiplier. */
  readonly sigma: number;
  readonly volumeFactor: number;
  /** Correlation of minute shocks with the market factor. */
  readonly rho: number;
  /** The market factor's standard normal shock for each regular minute of this date (shared by all symbols). */
  readonly marketShocks: Float64Array;
  /** Where the pre-market starts (yesterday's after-hours end price) and the after-hours ends (towards tomorrow's gap). */
  readonly preMarketFrom: number;
  readonly afterHoursTo: number;
  readonly extendedHours: boolean;
}

const round2 = (x: number): number => Math.max(0.01, Math.round(x * 100) / 100);
const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/**
 * Turns open/close plus noise into a full bar (high/low excursion, trade count, vwap), all invariants kept.
 * `scale` is the minute's σ of log returns (≪ 1, so e^x ≈ 1 + x is exact to well under a cent).
 */
function makeBar(symbol: string, t: number, o: number, c: number, scale: number, volume: number, tradeSize: number, rng: Rng): ExchangeBar {
  const up = Math.max(o, c);
  const down = Math.min(o, c);
  const h = Math.max(up, round2(up * (1 + 0.6 * scale * Math.abs(rng.normal()))));
  const l = Math.min(down, round2(down * (1 - 0.6 * scale * Math.abs(rng.normal()))));
  const v = Math.max(1, Math.round(volume));
  const n = Math.max(1, Math.round(v / (tradeSize * (0.7 + 0.6 * rng.next()))));
  const vw = Math.min(h, Math.max(l, round4((o + h + l + c) / 4 + 0.3 * (h - l) * (rng.next() - 0.5))));
  return { symbol, t, o, h, l, c, v, vw, n };
}

/** Next bar's open: the last price, sometimes a cent away (as real minute bars often are). */
function nextOpen(prevClose: number, rng: Rng): number {
  const u = rng.next();
  if (u < 0.15) return round2(prevClose - 0.01);
  if (u < 0.3) return round2(prevClose + 0.01);
  return prevClose;
}

const shapeCache = new Map<number, { volume: Float64Array; volatility: Float64Array }>();

/** The intraday volume and volatility profiles of an n-minute session (cached: n is 390 or 210). */
function shapes(n: number): { volume: Float64Array; volatility: Float64Array } {
  let cached = shapeCache.get(n);
  if (cached === undefined) {
    cached = { volume: new Float64Array(n), volatility: new Float64Array(n) };
    for (let k = 0; k < n; k++) {
      cached.volume[k] = volumeShape(k, n);
      cached.volatility[k] = volatilityShape(k, n);
    }
    shapeCache.set(n, cached);
  }
  return cached;
}

/** The regular session 09:30 to the close (12:59 is the last bar on early-close days). */
function regularBars(input: SessionInputs): ExchangeBar[] {
  const { session, params, open, close, rho, marketShocks } = input;
  const n = Math.round((session.close - session.open) / MINUTE_MS);
  const rng = new Rng(`${input.seed}|${input.symbol}|${session.date}|regular`);
  const sigmaMin = input.sigma / Math.sqrt(FULL_SESSION_MINUTES);
  const own = Math.sqrt(1 - rho * rho);
  const path = new Float64Array(n + 1);
  const scale = new Float64Array(n);
  const shock = new Float64Array(n);
  const { omega, alpha, beta } = MINUTE_GARCH;
  const { volume: volumeProfile, volatility: volShape } = shapes(n);
  let h = Math.exp(0.3 * rng.normal());
  for (let k = 0; k < n; k++) {
    const e = Math.sqrt(h) * (rho * (marketShocks[k] ?? 0) + own * rng.normal());
    const s = sigmaMin * (volShape[k] ?? 1);
    shock[k] = e;
    scale[k] = s * Math.sqrt(h);
    path[k + 1] = (path[k] ?? 0) + s * e;
    h = omega + alpha * e * e + beta * h;
  }
  const drift = (Math.log(close / open) - (path[n] ?? 0)) / n;
  const bars: ExchangeBar[] = [];
  let last = round2(open);
  for (let k = 0; k < n; k++) {
    const o = k === 0 ? last : nextOpen(last, rng);
    const c = k === n - 1 ? round2(close) : round2(open * Math.exp((path[k + 1] ?? 0) + drift * (k + 1)));
    const intensity = 0.55 + 0.55 * Math.abs(shock[k] ?? 0);
    const volume = params.minuteVolume * input.volumeFactor * (volumeProfile[k] ?? 1) * intensity * Math.exp(0.35 * rng.normal() - 0.06125);
    bars.push(makeBar(input.symbol, session.open + k * MINUTE_MS, o, c, scale[k] ?? 0, volume, params.tradeSize, rng));
    last = c;
  }
  return bars;
}

interface ExtendedSpan {
  readonly part: 'pre' | 'post';
  readonly start: number;
  readonly minutes: number;
  readonly from: number;
  readonly to: number;
  /** Chance that minute m (of `minutes`) has any trade. */
  readonly activity: (m: number) => number;
}

/** Thin pre- or post-market bars: a quiet walk from `from` to `to`; only minutes with trades become bars. */
function extendedBars(input: SessionInputs, span: ExtendedSpan): ExchangeBar[] {
  const rng = new Rng(`${input.seed}|${input.symbol}|${input.session.date}|${span.part}`);
  const sigmaMin = (0.5 * input.sigma) / Math.sqrt(FULL_SESSION_MINUTES);
  const path = new Float64Array(span.minutes + 1);
  for (let k = 0; k < span.minutes; k++) path[k + 1] = (path[k] ?? 0) + sigmaMin * rng.normal();
  const drift = (Math.log(span.to / span.from) - (path[span.minutes] ?? 0)) / Math.max(1, span.minutes);
  const bars: ExchangeBar[] = [];
  let last = round2(span.from);
  for (let k = 0; k < span.minutes; k++) {
    const active = span.activity(k);
    const traded = rng.next() < active;
    const o = nextOpen(last, rng);
    const c = round2(span.from * Math.exp((path[k + 1] ?? 0) + drift * (k + 1)));
    const volume = input.params.minuteVolume * 0.04 * (0.3 + 2 * active) * Math.exp(0.5 * rng.normal());
    const bar = makeBar(input.symbol, span.start + k * MINUTE_MS, o, c, sigmaMin, volume, input.params.tradeSize, rng);
    if (traded) {
      bars.push(bar);
      last = c;
    }
  }
  return bars;
}

/** All bars of one symbol's session, ascending: [pre-market] + regular + [after-hours]. */
export function generateSession(input: SessionInputs): ExchangeBar[] {
  const regular = regularBars(input);
  if (!input.extendedHours) return regular;
  const { session } = input;
  const preMinutes = Math.round((session.open - session.extendedOpen) / MINUTE_MS);
  const postMinutes = Math.round((session.extendedClose - session.close) / MINUTE_MS);
  const pre = extendedBars(input, {
    part: 'pre', start: session.extendedOpen, minutes: preMinutes, from: input.preMarketFrom, to: input.open,
    activity: (m) => 0.1 + 0.8 * (m / Math.max(1, preMinutes - 1)) ** 2,
  });
  const post = extendedBars(input, {
    part: 'post', start: session.close, minutes: postMinutes, from: input.close, to: input.afterHoursTo,
    activity: (m) => 0.1 + 0.8 * (1 - m / Math.max(1, postMinutes - 1)) ** 2,
  });
  return [...pre, ...regular, ...post];
}

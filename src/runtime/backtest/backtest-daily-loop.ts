// The backtest's clock and feed for daily bars: session by session through a daily timeline, on the same engine
// and matching core as the minute loop, in the order ADR 0004 sets with the session as the unit:
//   next_open, session d: at d's open (09:30) the engine gets the previous session's completed bar (tick, bars →
//       1Day candles → strategies → risk → orders; the market is open, so orders go live at once); then the venue
//       takes d's bar (market orders fill at d's open, resting stops and limits trigger along open → nearer
//       extreme → other extreme → close); at d's close the venue's clock events (day orders expire).
//   close, session d: the venue takes d's bar at d's open (resting orders); one millisecond before d's close the
//       engine gets d's completed bar and decides, and a market order fills at once at d's close; then the clock
//       events of d's close.
// The venue takes a day's bar as two bars: the opening print (open = high = low = close = the day's open) at
// 09:30, then the day's path (open → extremes → close) one minute later. So a protective stop placed when an
// entry fills at the open works for the rest of that day, as it would live; for orders already resting the two
// bars match exactly like the single daily bar (the path starts at the open either way). Each of the two carries
// the day's volume (the partial-fill cap is per order per bar). After each close the day's closing prices mark
// the venue's and the ledger's positions (valuation only), and the equity curve gets one point.
// Protective stops are GTC orders (core/orders/position-exits.ts), so positions stay protected overnight; day
// entries and market exits expire at the close they were sent for.
// Must never: show the engine a day's bar before that day's close, fill an order at a price from before it was
// sent, or leave a trade update undelivered before the venue's next bar.
import { etDate, sessionClose, sessionOpen } from '../../domain/calendar/index.js';
import { Decimal } from '../../domain/decimal.js';
import type { Ticker } from '../../domain/ids.js';
import type { ExchangeBar } from '../../exchange/contracts.js';
import { startDay } from '../bot/startup.js';
import type { BacktestParts } from './backtest-parts.js';
import type { BacktestTimeline, DualBar } from './backtest-bars.js';
import type { FillModel } from './backtest-types.js';
import type { EquityRecorder } from './equity-recorder.js';
import { drain, type LoopHooks } from './backtest-loop.js';

const MINUTE = 60_000;
const PROGRESS_EVERY = 64;

export { DAILY_VENUE_BAR_MS, timeframeProblem } from './backtest-bar-size.js';

/** The span of a daily run: from the first session's open to the last session's close. */
export function dailySpan(timeline: BacktestTimeline): { readonly from: number; readonly to: number } {
  const first = timeline.starts[0] ?? 0;
  const last = timeline.starts[timeline.starts.length - 1] ?? 0;
  return { from: sessionOpen(etDate(first)), to: sessionClose(etDate(last)) };
}

function openingPrint(bar: DualBar, open: number): ExchangeBar {
  return { symbol: bar.symbol, t: open, o: bar.open, h: bar.open, l: bar.open, c: bar.open, v: bar.volume, vw: bar.open, n: bar.tradeCount ?? 0 };
}

function dayPath(bar: DualBar, open: number): ExchangeBar {
  return { symbol: bar.symbol, t: open + MINUTE, o: bar.open, h: bar.high, l: bar.low, c: bar.close, v: bar.volume, vw: bar.vwap ?? bar.close, n: bar.tradeCount ?? 0 };
}

/** The venue takes the session's bars: the opening prints at 09:30, then the day's paths at 09:31. */
async function matchSession(parts: BacktestParts, bars: readonly DualBar[], open: number): Promise<void> {
  for (const bar of bars) parts.venue.processBar(openingPrint(bar, open));
  await drain(parts);
  parts.clock.set(open + MINUTE);
  for (const bar of bars) parts.venue.processBar(dayPath(bar, open));
  await drain(parts);
}

/** The engine gets completed daily bars at `now` (a tick first, as the bot ticks before each bar). */
async function decide(parts: BacktestParts, bars: readonly DualBar[], now: number): Promise<void> {
  parts.clock.set(now);
  await parts.engine.onTime(now);
  await drain(parts);
  for (const bar of bars) {
    await parts.engine.onBar(bar);
    await drain(parts);
  }
}

/** d's close: closing prices mark the venue and the ledger (valuation only), then the venue's clock events. */
async function closeSession(parts: BacktestParts, bars: readonly DualBar[], close: number, last: Map<string, number>): Promise<void> {
  parts.clock.set(close);
  for (const bar of bars) {
    parts.venue.markPrice(bar.symbol, bar.close, close);
    if (parts.ledger.portfolio.position(bar.symbol as Ticker)) parts.ledger.mark(bar.symbol as Ticker, Decimal.fromNumber(bar.close, 4));
    last.set(bar.symbol, bar.close);
  }
  parts.venue.processTime(close);
  await drain(parts);
}

/**
 * Runs every session of a daily timeline through the venue and the engine (see the module header for the order).
 * @returns the last close of each symbol
 */
export async function runDailyTimeline(parts: BacktestParts, timeline: BacktestTimeline, equity: EquityRecorder, fill: FillModel, hooks: LoopHooks = {}): Promise<Map<string, number>> {
  const { clock, venue, ledger } = parts;
  const last = new Map<string, number>();
  const total = timeline.starts.length;
  for (let i = 0; i < total; i++) {
    const date = etDate(timeline.starts[i] ?? 0);
    const bars = timeline.minutes[i] ?? [];
    const open = sessionOpen(date);
    const close = sessionClose(date);
    clock.set(open);
    startDay(ledger, open, Decimal.of(venue.getAccount().equity));
    if (fill === 'next_open') await decide(parts, i > 0 ? timeline.minutes[i - 1] ?? [] : [], open);
    await matchSession(parts, bars, open);
    if (fill === 'close') await decide(parts, bars, close - 1);
    await closeSession(parts, bars, close, last);
    hooks.onMinute?.(bars);
    equity.record(close, ledger.portfolio.equity().toNumber(), ledger.portfolio.positionCount > 0);
    if (hooks.onProgress && (i % PROGRESS_EVERY === 0 || i === total - 1)) hooks.onProgress(i + 1, total);
  }
  return last;
}

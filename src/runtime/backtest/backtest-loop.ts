// The backtest's clock and feed: minute by minute through the timeline, in the order the embedded exchange's
// replay uses at speed max (ADR 0004), so a backtest and `sim` fill the same decision at the same price:
//   minute m: matching core takes the bars that start at m (processBar; fills → trade updates → engine)
//   close of m: the engine's tick at m+1, then m's bars (candles → strategies → risk → orders; a `close` fill
//               happens here), then the venue's clock events at m+1 (day orders expire at the close).
// Must never: show the engine a bar before its minute has closed, or leave a trade update undelivered before
// the next bar.
import { etDate, isTradingDay, nextTradingDay, sessionClose, sessionOpen } from '../../domain/calendar/index.js';
import { Decimal } from '../../domain/decimal.js';
import { startDay } from '../bot/startup.js';
import type { BacktestParts } from './backtest-parts.js';
import type { BacktestTimeline, DualBar } from './backtest-bars.js';
import type { EquityRecorder } from './equity-recorder.js';

const MINUTE = 60_000;
const PROGRESS_EVERY = 4096;

export interface LoopHooks {
  readonly onProgress?: (done: number, total: number) => void;
  /** Called with each minute's bars after the engine has seen them (report candles). */
  readonly onMinute?: (bars: readonly DualBar[]) => void;
}

/** Whether a trade update waits (most calls find none: checked without an await). */
/** Whether trade updates wait for the engine (checked before awaiting drain: most steps have none). */
export function hasPending(parts: BacktestParts): boolean {
  parts.client.flush();
  return parts.pending.length > 0;
}

/** Hands every queued trade update to the engine, including those its handling causes. */
export async function drain(parts: BacktestParts): Promise<void> {
  const pending = parts.pending;
  for (;;) {
    parts.client.flush();
    if (pending.length === 0) return;
    for (let k = 0; k < pending.length; k++) {
      const event = pending[k];
      if (event !== undefined) await parts.engine.onExecution(event);
    }
    pending.length = 0;
  }
}

function sessionCloseAt(t: number): number {
  const date = etDate(t);
  return isTradingDay(date) ? sessionClose(date) : t + MINUTE;
}

/** The equity as a number, converted only when the portfolio's equity object changed (fills, marks). */
function equityReader(parts: BacktestParts): () => number {
  let decimal: Decimal | undefined;
  let value = 0;
  return () => {
    const equity = parts.ledger.portfolio.equity();
    if (equity !== decimal) {
      decimal = equity;
      value = equity.toNumber();
    }
    return value;
  };
}

function equityNumber(parts: BacktestParts): number {
  return parts.ledger.portfolio.equity().toNumber();
}

/** Runs every minute of the timeline through the venue and the engine. @returns the last close of each symbol */
export async function runTimeline(parts: BacktestParts, timeline: BacktestTimeline, equity: EquityRecorder, hooks: LoopHooks = {}): Promise<Map<string, number>> {
  const { clock, venue, engine, ledger } = parts;
  const last = new Map<string, number>();
  let sessionEnd = -Infinity;
  const total = timeline.starts.length;
  const equityNow = equityReader(parts);
  for (let i = 0; i < total; i++) {
    const m = timeline.starts[i] ?? 0;
    const bars = timeline.minutes[i] ?? [];
    clock.set(m);
    if (m >= sessionEnd) {
      startDay(ledger, m, Decimal.of(venue.getAccount().equity));
      sessionEnd = sessionCloseAt(m);
    }
    for (const bar of bars) venue.processBar(bar);
    if (hasPending(parts)) await drain(parts);
    const close = m + MINUTE;
    clock.set(close);
    // The tick comes first, as the bot ticks before each bar: the candles reject a bar stamped more than 5 minutes
    // after the last tick as "from the future", which dropped the first bar of every session after the overnight gap.
    await engine.onTime(close);
    if (hasPending(parts)) await drain(parts);
    for (const bar of bars) {
      await engine.onBar(bar);
      if (hasPending(parts)) await drain(parts);
      last.set(bar.symbol, bar.close);
    }
    venue.processTime(close);
    if (hasPending(parts)) await drain(parts);
    hooks.onMinute?.(bars);
    equity.record(close, equityNow(), ledger.portfolio.positionCount > 0);
    if (hooks.onProgress && (i % PROGRESS_EVERY === 0 || i === total - 1)) hooks.onProgress(i + 1, total);
  }
  return last;
}

/** The first minute the venue matches after `t`: the next minute when the session is still open, else the next open. */
function nextMatchingMinute(t: number): number {
  const date = etDate(t);
  if (isTradingDay(date) && t >= sessionOpen(date) && t < sessionClose(date)) return t;
  const next = isTradingDay(date) && t < sessionOpen(date) ? date : nextTradingDay(date);
  return sessionOpen(next);
}

/**
 * `--liquidate`: closes every open position through the bot's own exit path at the end of the data. The exit
 * orders fill on one extra bar at the last close (open = high = low = close), so slippage and commission apply
 * exactly as on any other fill.
 */
export async function liquidate(parts: BacktestParts, lastClose: ReadonlyMap<string, number>, equity: EquityRecorder): Promise<void> {
  const open = parts.ledger.portfolio.positions();
  if (open.length === 0) return;
  for (const position of open) await parts.orders.exitPosition(position.symbol, 'end of backtest (--liquidate)');
  await drain(parts);
  const at = nextMatchingMinute(parts.clock.now());
  parts.clock.set(at);
  for (const position of open) {
    const price = lastClose.get(position.symbol);
    if (price === undefined) continue;
    const bar = { symbol: position.symbol, t: at, o: price, h: price, l: price, c: price, v: Number.MAX_SAFE_INTEGER, vw: price, n: 1 };
    parts.venue.processBar(bar);
  }
  await drain(parts);
  for (const position of open) {
    const price = lastClose.get(position.symbol);
    if (price !== undefined && parts.ledger.portfolio.position(position.symbol)) parts.ledger.mark(position.symbol, Decimal.fromNumber(price, 4));
  }
  equity.amendLast(equityNumber(parts));
}

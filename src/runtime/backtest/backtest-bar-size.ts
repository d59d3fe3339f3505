// Which strategy timeframes a run's bar size can feed, and the venue's bar length for daily runs. Apart from the
// loops so the composition root (backtest-parts.ts) can check a run before it starts without importing a loop.
// Must never: hold loop behaviour.
import type { InstanceSummary } from '../../core/strategies/index.js';
import type { TimelineBarSize } from './backtest-bars.js';

const MINUTE = 60_000;

/**
 * The venue's `barMs` for daily runs. Under the `close` fill model a market order fills at the close of its
 * symbol's last bar when bar.t + barMs ≤ now < bar.t + 2·barMs. Here the last bar is the day's path, stamped
 * 09:31, and the decision comes 1 ms before the close: 209 or 389 minutes later (a 13:00 early close or a full
 * session, the only lengths in the calendar). 200 minutes accepts both, and never a bar of an earlier session.
 * (`barMs` also times cls auctions, which the bot never sends.)
 */
export const DAILY_VENUE_BAR_MS = 200 * MINUTE;

/**
 * Why strategies on these timeframes cannot run on this data, or undefined when they can: 1Day candles take
 * daily bars only, intraday candles are built from 1-minute bars only.
 */
export function timeframeProblem(strategy: string, instances: readonly Pick<InstanceSummary, 'timeframe'>[], barSize: TimelineBarSize): string | undefined {
  const daily = instances.some((i) => i.timeframe === '1Day');
  if (barSize === '1Min' && daily) {
    return `strategy ${strategy} runs on 1Day candles, which need daily bars; the data holds 1-minute bars (for timeframes 1Min to 1Hour) — use --timeframe, or daily data (a CSV of dates)`;
  }
  const intraday = instances.find((i) => i.timeframe !== '1Day');
  if (barSize === '1Day' && intraday !== undefined) {
    return `the data holds daily bars (1Day), but strategy ${strategy} runs on ${intraday.timeframe} candles, which are built from 1-minute bars — use --timeframe 1Day, or 1-minute data`;
  }
  return undefined;
}

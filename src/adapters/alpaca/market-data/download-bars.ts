// `data fetch`'s work below the command line: history for each symbol in turn through a HistoricalBars
// (normally the cache decorator, so bars land in the `bars` table with their coverage), with progress.
// Must never: stop at the first failed symbol (each is reported), or count bars it did not receive.
import type { Timeframe } from '../../../domain/bar.js';
import type { BarsFetchFailure, HistoricalBars } from '../../../ports/market-data.js';

export interface DownloadProgress {
  readonly symbol: string;
  /** Symbols finished so far (this one included once `done`). */
  readonly completed: number;
  readonly total: number;
  /** Bars of this symbol so far. */
  readonly bars: number;
  readonly done: boolean;
}

export interface DownloadInput {
  readonly history: HistoricalBars;
  readonly symbols: readonly string[];
  readonly timeframe: Timeframe;
  readonly from: number;
  readonly to: number;
  readonly onProgress?: (progress: DownloadProgress) => void;
}

export interface DownloadedSeries {
  readonly symbol: string;
  readonly bars: number;
  readonly first: number | undefined;
  readonly last: number | undefined;
}

export interface DownloadResult {
  readonly series: readonly DownloadedSeries[];
  readonly failed: readonly BarsFetchFailure[];
}

/** Fetches each symbol's [from, to) bars; failures are collected, not thrown. */
export async function downloadBars(input: DownloadInput): Promise<DownloadResult> {
  const series: DownloadedSeries[] = [];
  const failed: BarsFetchFailure[] = [];
  let completed = 0;
  for (const symbol of input.symbols) {
    input.onProgress?.({ symbol, completed, total: input.symbols.length, bars: 0, done: false });
    const query = { symbols: [symbol], timeframe: input.timeframe, from: input.from, to: input.to };
    try {
      const report = input.history.fetchBarsReport ? await input.history.fetchBarsReport(query) : { bars: await input.history.fetchBars(query), failed: [] };
      failed.push(...report.failed);
      const bars = report.bars.get(symbol);
      if (bars) series.push({ symbol, bars: bars.length, first: bars[0]?.t, last: bars.at(-1)?.t });
      completed++;
      input.onProgress?.({ symbol, completed, total: input.symbols.length, bars: bars?.length ?? 0, done: true });
    } catch (error) {
      failed.push({ symbol, reason: error instanceof Error ? error.message : String(error), attempts: 1 });
      completed++;
    }
  }
  return { series, failed };
}

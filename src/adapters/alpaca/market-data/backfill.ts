// The REST backfill both feeds run: the 1-minute bars after each symbol's last seen bar, up to a cut-off.
// Symbols that cannot be fetched are logged as a WARNING and left to the live stream.
// Must never: throw (a failed backfill must not stop the feed), or return a bar at or before a watermark.
import type { Bar } from '../../../domain/bar.js';
import type { Logger } from '../../../ports/logger.js';
import type { HistoricalBars, HistoricalBarsReport } from '../../../ports/market-data.js';

export interface BackfillInput {
  readonly history: HistoricalBars;
  readonly logger: Logger;
  readonly symbols: readonly string[];
  /** Exclusive end (a minute mark: bars that have ended). */
  readonly to: number;
  /** Last bar seen per symbol; bars after it are fetched. */
  readonly watermark: (symbol: string) => number | undefined;
  /** Called once, before the request, when there is something to fetch. */
  readonly onStart?: (from: number) => void;
}

export interface BackfillResult {
  readonly bars: ReadonlyMap<string, readonly Bar[]>;
  /** False when there was nothing to fetch. */
  readonly fetched: boolean;
  /** Symbols that could not be fetched (all of them when the request failed). */
  readonly failed: readonly string[];
  /** Why the request failed as a whole, when it did. */
  readonly error?: string;
}

const MINUTE_MS = 60_000;

/** Fetches the missed bars; never throws. */
export async function backfillBars(input: BackfillInput): Promise<BackfillResult> {
  const due = input.symbols
    .map((symbol) => ({ symbol, after: input.watermark(symbol) }))
    .filter((s): s is { symbol: string; after: number } => s.after !== undefined && s.after + MINUTE_MS < input.to);
  if (due.length === 0) return { bars: new Map(), fetched: false, failed: [] };
  const from = Math.min(...due.map((s) => s.after + MINUTE_MS));
  input.onStart?.(from);
  let report: HistoricalBarsReport;
  try {
    const query = { symbols: due.map((s) => s.symbol), timeframe: '1Min' as const, from, to: input.to };
    report = input.history.fetchBarsReport
      ? await input.history.fetchBarsReport(query)
      : { bars: await input.history.fetchBars(query), failed: [] };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    input.logger.warn('backfill request failed', { symbols: due.map((s) => s.symbol), error: message });
    return { bars: new Map(), fetched: true, failed: due.map((s) => s.symbol), error: message };
  }
  for (const failure of report.failed) {
    input.logger.warn('backfill skipped a symbol after retries', { symbol: failure.symbol, reason: failure.reason, attempts: failure.attempts });
  }
  const bars = new Map<string, readonly Bar[]>();
  for (const { symbol, after } of due) bars.set(symbol, (report.bars.get(symbol) ?? []).filter((b) => b.t > after && b.t < input.to));
  return { bars, fetched: true, failed: report.failed.map((f) => f.symbol) };
}

// Historical bars over Alpaca's REST API (`GET /v2/stocks/bars` through the SDK's generated StockApi, so the
// configured basePath applies): [from, to) semantics over Alpaca's inclusive `end`, `next_page_token`
// paging, and SPEC §7's rule "Bars — retry 3× (2 s), then skip the symbol's warm-up with a WARNING".
// Must never: return half a symbol (a symbol whose page failed is reported, not returned), retry a
// definitive 4xx, or put a credential into an error or log line.
import { errors, type marketData } from '@alpacahq/alpaca-trade-api';
import type { Bar } from '../../../domain/bar.js';
import type { Logger } from '../../../ports/logger.js';
import type { BarsFetchFailure, HistoricalBars, HistoricalBarsQuery, HistoricalBarsReport } from '../../../ports/market-data.js';
import { BarMappingError, barFromRest } from './md-bar-mapper.js';

/** Options of {@link AlpacaHistoricalBars}. */
export interface AlpacaHistoricalBarsOptions {
  /** The SDK client (`createStockApi(settings)`); anything with `stockBars` in tests. */
  readonly api: Pick<marketData.StockApi, 'stockBars'>;
  readonly feed: 'iex' | 'sip';
  readonly logger: Logger;
  /** Retries after the first request of a page. Default 3 (SPEC §7). */
  readonly retries?: number;
  /** Wait between attempts, ms. Default 2 000 (SPEC §7); a longer Retry-After on 429 is honoured (up to 60 s). */
  readonly retryDelayMs?: number;
  /** Real-time wait. Default setTimeout. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Bars per page (Alpaca: 1..10 000, counted across symbols). Default 10 000. */
  readonly pageLimit?: number;
  /** Symbols per request. Default 50. */
  readonly symbolsPerRequest?: number;
  /** Price adjustment. Default 'raw' (what the stream sends). */
  readonly adjustment?: 'raw' | 'split' | 'dividend' | 'all';
  /** Called after each page with the bars received so far per symbol of the request (progress bars). */
  readonly onPage?: (received: ReadonlyMap<string, number>) => void;
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

function isRetryable(error: unknown): boolean {
  if (error instanceof errors.ApiError) return RETRYABLE_STATUS.has(error.status) || error.status >= 500;
  return true; // network failures, timeouts
}

function describe(error: unknown): string {
  if (error instanceof errors.ApiError) return `HTTP ${error.status}${error.code === undefined ? '' : ` (code ${String(error.code)})`}: ${error.message}`;
  if (error instanceof errors.FetchError) return `network error: ${error.cause.message}`;
  return error instanceof Error ? error.message : String(error);
}

class PageFailure extends Error {
  constructor(readonly reason: string, readonly attempts: number) {
    super(reason);
  }
}

/** REST implementation of {@link HistoricalBars}. */
export class AlpacaHistoricalBars implements HistoricalBars {
  readonly #o: AlpacaHistoricalBarsOptions;

  constructor(options: AlpacaHistoricalBarsOptions) {
    this.#o = options;
  }

  /** Logs a WARNING per failed symbol and returns the rest. */
  async fetchBars(query: HistoricalBarsQuery): Promise<ReadonlyMap<string, readonly Bar[]>> {
    const report = await this.fetchBarsReport(query);
    for (const f of report.failed) {
      this.#o.logger.warn('bars could not be fetched after retries: this symbol is skipped', { symbol: f.symbol, reason: f.reason, attempts: f.attempts });
    }
    return report.bars;
  }

  /** Every requested symbol is either in `bars` (complete, maybe empty) or in `failed`. Does not log failures. */
  async fetchBarsReport(query: HistoricalBarsQuery): Promise<HistoricalBarsReport> {
    if (!(query.from < query.to)) throw new RangeError(`bars query: from (${query.from}) must be before to (${query.to})`);
    const symbols = [...new Set(query.symbols)];
    const bars = new Map<string, readonly Bar[]>();
    const failed: BarsFetchFailure[] = [];
    const size = this.#o.symbolsPerRequest ?? 50;
    for (let i = 0; i < symbols.length; i += size) {
      const batch = symbols.slice(i, i + size);
      try {
        for (const [symbol, series] of await this.#fetchBatch(batch, query)) bars.set(symbol, series);
      } catch (error) {
        if (!(error instanceof PageFailure) && !(error instanceof BarMappingError)) throw error;
        const attempts = error instanceof PageFailure ? error.attempts : 1;
        for (const symbol of batch) failed.push({ symbol, reason: error.message, attempts });
      }
    }
    return { bars, failed };
  }

  async #fetchBatch(symbols: readonly string[], query: HistoricalBarsQuery): Promise<Map<string, Bar[]>> {
    const out = new Map<string, Bar[]>(symbols.map((s) => [s, []]));
    const seenTokens = new Set<string>();
    let pageToken: string | undefined;
    for (;;) {
      const page = await this.#page({
        symbols: symbols.join(','), timeframe: query.timeframe, start: new Date(query.from),
        end: new Date(query.to - 1), // Alpaca's end is inclusive: [from, to) ends 1 ms before `to`
        limit: this.#o.pageLimit ?? 10_000, feed: this.#o.feed, adjustment: this.#o.adjustment ?? 'raw', sort: 'asc',
        ...(pageToken === undefined ? {} : { pageToken }),
      });
      for (const [symbol, list] of Object.entries(page.bars)) {
        const series = out.get(symbol);
        if (!series) continue;
        for (const raw of list) {
          const bar = barFromRest(symbol, raw, query.timeframe);
          if (bar.t >= query.from && bar.t < query.to) series.push(bar);
        }
      }
      this.#o.onPage?.(new Map([...out].map(([s, list]) => [s, list.length])));
      const next = page.nextPageToken;
      if (next === null || next === '' || seenTokens.has(next)) break;
      seenTokens.add(next);
      pageToken = next;
    }
    for (const series of out.values()) series.sort((a, b) => a.t - b.t);
    return out;
  }

  async #page(request: marketData.StockBarsRequest): Promise<marketData.StockBarsResp> {
    const retries = this.#o.retries ?? 3;
    const delay = this.#o.retryDelayMs ?? 2_000;
    const sleep = this.#o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#o.api.stockBars(request);
      } catch (error) {
        if (!isRetryable(error) || attempt > retries) throw new PageFailure(describe(error), attempt);
        const retryAfter = error instanceof errors.ApiError ? error.retryAfterMs ?? 0 : 0;
        this.#o.logger.debug('bars request failed; retrying', { attempt, error: describe(error) });
        await sleep(Math.max(delay, Math.min(retryAfter, 60_000)));
      }
    }
  }
}

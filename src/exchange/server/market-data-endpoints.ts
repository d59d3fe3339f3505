// The market side the server serves: Market Data REST v2 plus the trading host's clock, calendar and assets.
// One method per endpoint, taking the raw query and validating it as Alpaca does. The composition root adapts
// the market's `MarketData` to this shape, so the server never depends on how the market is built.
import type { ApiResult } from '../contracts.js';
import type { RawQuery } from './query.js';

export interface MarketDataEndpoints {
  /** `GET /v2/stocks/bars` → `{bars:{SYM:[…]}, next_page_token}`. */
  bars(query: RawQuery): ApiResult<unknown>;
  /** `GET /v2/stocks/{symbol}/bars` → `{bars:[…], symbol, next_page_token}`. */
  barsSingle(symbol: string, query: RawQuery): ApiResult<unknown>;
  /** `GET /v2/stocks/bars/latest` → `{bars:{SYM:Bar}}`. */
  latestBars(query: RawQuery): ApiResult<unknown>;
  /** `GET /v2/stocks/{symbol}/bars/latest` → `{symbol, bar}`. */
  latestBar(symbol: string, query: RawQuery): ApiResult<unknown>;
  latestQuotes(query: RawQuery): ApiResult<unknown>;
  latestQuote(symbol: string, query: RawQuery): ApiResult<unknown>;
  latestTrades(query: RawQuery): ApiResult<unknown>;
  latestTrade(symbol: string, query: RawQuery): ApiResult<unknown>;
  /** `GET /v2/stocks/snapshots` → un-wrapped `{SYM: Snapshot}`. */
  snapshots(query: RawQuery): ApiResult<unknown>;
  /** `GET /v2/stocks/{symbol}/snapshot` → `Snapshot` with `symbol`. */
  snapshot(symbol: string, query: RawQuery): ApiResult<unknown>;
  /** `GET /v2/clock` (trading host). */
  clock(): ApiResult<unknown>;
  /** `GET /v2/calendar` (trading host). */
  calendar(query: RawQuery): ApiResult<unknown>;
  /** `GET /v2/assets` (trading host). */
  assets(query: RawQuery): ApiResult<unknown>;
  /** `GET /v2/assets/{symbol_or_asset_id}` (trading host). */
  asset(symbolOrAssetId: string): ApiResult<unknown>;
}

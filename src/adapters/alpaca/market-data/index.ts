// Public surface of the Alpaca market-data adapter: settings from config, the stream and polling feeds,
// REST history (plain and cached), and one factory that builds what `data.provider` asks for.
// Must never: export the SDK connection internals for use outside this folder's tests.
import type { Config } from '../../../config/index.js';
import type { Clock } from '../../../ports/clock.js';
import type { Logger } from '../../../ports/logger.js';
import type { HistoricalBars, MarketDataFeed } from '../../../ports/market-data.js';
import type { FeedTimers } from './feed-timers.js';
import { AlpacaHistoricalBars } from './historical-bars.js';
import { sdkBarStreamFactory } from './md-bar-stream.js';
import type { ReconnectPolicy } from './md-reconnect-policy.js';
import { createStockApi, marketDataSettings, warnAboutDataEndpoints } from './md-settings.js';
import { AlpacaPollingFeed, type PollingFeedOptions } from './polling-feed.js';
import { AlpacaStreamFeed, type StreamFeedOptions } from './stream-feed.js';

export { AlpacaHistoricalBars, type AlpacaHistoricalBarsOptions } from './historical-bars.js';
export { CachedHistoricalBars, type CachedHistoricalBarsOptions } from './bar-cache.js';
export { AlpacaStreamFeed, type StreamFeedOptions } from './stream-feed.js';
export { AlpacaPollingFeed, type PollingFeedOptions } from './polling-feed.js';
export { sdkBarStreamFactory, StreamConnectError, type BarStreamFactory, type SdkBarStreamOptions } from './md-bar-stream.js';
export { BarMappingError, barFromRest, barFromStream } from './md-bar-mapper.js';
export { DEFAULT_RECONNECT_POLICY, backoffDelay, reconnectPolicy, stallSilence, type ReconnectPolicy } from './md-reconnect-policy.js';
export { REAL_TIMERS, type FeedTimers } from './feed-timers.js';
export {
  ALPACA_DATA_REST_URL, ALPACA_DATA_STREAM_HOST, createStockApi, marketDataSettings, MissingCredentialsError,
  stockApiConfiguration, streamUrlFor, warnAboutDataEndpoints, type MarketDataSettings,
} from './md-settings.js';

/** What {@link createMarketData} needs besides the config. */
export interface MarketDataDeps {
  readonly clock: Pick<Clock, 'now'>;
  readonly logger: Logger;
  /** Wraps the REST history (e.g. in a CachedHistoricalBars over the store). Default: as is. */
  readonly wrapHistory?: (rest: HistoricalBars) => HistoricalBars;
  readonly policy?: Partial<ReconnectPolicy>;
  readonly timers?: FeedTimers;
  /** Stream feed only: how often the watchdog looks (wall ms, default 1 000) and the jitter source. */
  readonly stream?: Pick<StreamFeedOptions, 'watchdogCheckMs' | 'random' | 'isMarketOpen'>;
  /** Polling feed only: offset after the minute mark and the longest wait. */
  readonly polling?: Pick<PollingFeedOptions, 'pollOffsetMs' | 'maxWaitMs'>;
}

/**
 * The feed `data.provider` selects (stream or polling) and the REST history it backfills from, pointed at the
 * configured endpoints (a WARNING is logged for each non-Alpaca one).
 * @throws MissingCredentialsError when no key/secret is configured
 */
export function createMarketData(config: Pick<Config, 'alpaca' | 'data'>, deps: MarketDataDeps): { feed: MarketDataFeed; history: HistoricalBars } {
  const settings = marketDataSettings(config);
  const logger = deps.logger.child({ component: 'market-data' });
  warnAboutDataEndpoints(config, logger);
  const rest = new AlpacaHistoricalBars({ api: createStockApi(settings), feed: settings.feed, logger });
  const history = deps.wrapHistory ? deps.wrapHistory(rest) : rest;
  const common = { history, clock: deps.clock, logger, ...(deps.policy ? { policy: deps.policy } : {}), ...(deps.timers ? { timers: deps.timers } : {}) };
  const feed = config.data.provider === 'polling'
    ? new AlpacaPollingFeed({ ...common, ...deps.polling })
    : new AlpacaStreamFeed({ ...common, ...deps.stream, connect: sdkBarStreamFactory({ url: settings.streamUrl, keyId: settings.keyId, secret: settings.secret }) });
  return { feed, history };
}

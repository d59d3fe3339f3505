// Where market data comes from and with which credentials: built once from the loaded config (SPEC §3
// endpoint overrides), turned into SDK configurations here and nowhere else. This is how the bot reaches the
// embedded exchange: ALPACA_DATA_BASE_URL / ALPACA_DATA_STREAM_URL point the SDK at it.
// Must never: log or put a key/secret into an error, or silently talk to a non-Alpaca host (a WARNING is logged).
import { marketData } from '@alpacahq/alpaca-trade-api';
import { endpointWarnings, type Config } from '../../../config/index.js';
import type { Logger } from '../../../ports/logger.js';

/** Alpaca's market-data REST host (the SDK default). */
export const ALPACA_DATA_REST_URL = 'https://data.alpaca.markets';
/** Alpaca's market-data stream host; the feed path `/v2/{feed}` is appended. */
export const ALPACA_DATA_STREAM_HOST = 'wss://stream.data.alpaca.markets';

export type StockFeedName = 'iex' | 'sip';

/** Everything the market-data adapters need to connect. Holds secrets: never log it whole. */
export interface MarketDataSettings {
  readonly keyId: string;
  readonly secret: string;
  /** REST base (no trailing slash). */
  readonly restBaseUrl: string;
  /** Full stream URL including the feed path. */
  readonly streamUrl: string;
  readonly feed: StockFeedName;
}

/** Thrown when market data is asked for without credentials. The message names the settings to set. */
export class MissingCredentialsError extends Error {
  override readonly name = 'MissingCredentialsError';
}

/**
 * The stream URL for `feed`: an override with no path (or `/`) gets `/v2/{feed}`, one ending in `/v2` gets
 * `/{feed}`, anything else is used as given (it names its own feed path).
 */
export function streamUrlFor(override: string, feed: StockFeedName): string {
  if (override === '') return `${ALPACA_DATA_STREAM_HOST}/v2/${feed}`;
  const trimmed = override.replace(/\/+$/, '');
  const path = new URL(trimmed.length > 0 ? trimmed : override).pathname;
  if (path === '' || path === '/') return `${trimmed}/v2/${feed}`;
  if (path.endsWith('/v2')) return `${trimmed}/${feed}`;
  return trimmed;
}

/**
 * Builds the settings from the loaded config. @throws MissingCredentialsError when the key or secret is empty
 */
export function marketDataSettings(config: Pick<Config, 'alpaca' | 'data'>): MarketDataSettings {
  const { api_key: keyId, secret_key: secret, data_base_url: rest, data_stream_url: stream } = config.alpaca;
  if (keyId === '' || secret === '') {
    throw new MissingCredentialsError(
      'market data needs Alpaca credentials: set ALPACA_API_KEY and ALPACA_SECRET_KEY (or APCA_API_KEY_ID / APCA_API_SECRET_KEY) in the environment, .env or config.yaml',
    );
  }
  return {
    keyId,
    secret,
    restBaseUrl: (rest === '' ? ALPACA_DATA_REST_URL : rest).replace(/\/+$/, ''),
    streamUrl: streamUrlFor(stream, config.data.feed),
    feed: config.data.feed,
  };
}

/** Logs one WARNING per market-data endpoint override that is not Alpaca's (URLs only, never keys). */
export function warnAboutDataEndpoints(config: Pick<Config, 'alpaca'>, logger: Logger): string[] {
  const warnings = endpointWarnings(config).filter((w) => w.startsWith('ALPACA_DATA_'));
  for (const warning of warnings) logger.warn(warning, { component: 'market-data' });
  return warnings;
}

/**
 * The SDK market-data REST configuration: explicit basePath (so overrides win), credentials, and **no SDK
 * retry** (SPEC §7's bar retry policy is ours, in AlpacaHistoricalBars).
 */
export function stockApiConfiguration(settings: Pick<MarketDataSettings, 'keyId' | 'secret' | 'restBaseUrl'>): marketData.Configuration {
  return new marketData.Configuration({ basePath: settings.restBaseUrl, keyId: settings.keyId, secret: settings.secret });
}

/** A generated StockApi client for these settings. */
export function createStockApi(settings: Pick<MarketDataSettings, 'keyId' | 'secret' | 'restBaseUrl'>): marketData.StockApi {
  return new marketData.StockApi(stockApiConfiguration(settings));
}

// Where the execution client connects and with which keys: from the loaded configuration (`alpaca.*`) or from
// explicit settings (tests, the sim composition). Empty endpoint overrides fall back to Alpaca's paper or live
// hosts (PROTOCOL §1); a trading REST override without a stream override derives the stream from it.
// Must never: put a key or secret into an error message (errors name the setting, never its value).
import type { Config } from '../../../config/index.js';
import { ExecutionConfigError } from './execution-errors.js';

/** Explicit connection settings. */
export interface AlpacaExecutionSettings {
  readonly keyId: string;
  readonly secret: string;
  readonly tradingBaseUrl: string;
  readonly tradingStreamUrl: string;
  readonly paper: boolean;
}

/** The slice of the loaded configuration the execution client reads (`loadConfig(...).values`). */
export interface AlpacaConfigValues {
  readonly alpaca: Pick<Config['alpaca'], 'api_key' | 'secret_key' | 'paper' | 'api_base_url' | 'trading_stream_url'>;
}

export const ALPACA_TRADING_HOSTS = {
  paper: { rest: 'https://paper-api.alpaca.markets', stream: 'wss://paper-api.alpaca.markets/stream' },
  live: { rest: 'https://api.alpaca.markets', stream: 'wss://api.alpaca.markets/stream' },
} as const;

function checkUrl(name: string, url: string, schemes: readonly string[]): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new ExecutionConfigError(`${name}: not a URL: ${JSON.stringify(url)} (expected e.g. ${schemes[0] ?? 'https:'}//host:port)`);
  }
  if (!schemes.includes(protocol)) throw new ExecutionConfigError(`${name}: scheme ${protocol} not allowed in ${JSON.stringify(url)} (allowed: ${schemes.join(', ')})`);
}

/** Stream URL of a REST base: http→ws, https→wss, path `/stream`. */
export function streamUrlFor(restBaseUrl: string): string {
  const url = new URL(restBaseUrl);
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  url.pathname = '/stream';
  return url.toString();
}

function fromConfig(config: AlpacaConfigValues): AlpacaExecutionSettings {
  const a = config.alpaca;
  const hosts = a.paper ? ALPACA_TRADING_HOSTS.paper : ALPACA_TRADING_HOSTS.live;
  const tradingBaseUrl = a.api_base_url === '' ? hosts.rest : a.api_base_url;
  const tradingStreamUrl = a.trading_stream_url !== '' ? a.trading_stream_url : a.api_base_url === '' ? hosts.stream : streamUrlFor(a.api_base_url);
  return { keyId: a.api_key, secret: a.secret_key, paper: a.paper, tradingBaseUrl, tradingStreamUrl };
}

/**
 * Settings from either form, validated.
 * @throws ExecutionConfigError naming the empty key (ALPACA_API_KEY / ALPACA_SECRET_KEY) or the malformed URL
 */
export function resolveExecutionSettings(config: AlpacaConfigValues | AlpacaExecutionSettings): AlpacaExecutionSettings {
  const settings = 'alpaca' in config ? fromConfig(config) : config;
  if (settings.keyId === '') throw new ExecutionConfigError('alpaca.api_key (ALPACA_API_KEY) is empty: the execution client needs an API key id');
  if (settings.secret === '') throw new ExecutionConfigError('alpaca.secret_key (ALPACA_SECRET_KEY) is empty: the execution client needs the API secret');
  checkUrl('alpaca.api_base_url (trading REST)', settings.tradingBaseUrl, ['https:', 'http:']);
  checkUrl('alpaca.trading_stream_url (trade updates)', settings.tradingStreamUrl, ['wss:', 'ws:']);
  return settings;
}

// Checks on endpoint overrides and other settings that are legal but worth a warning. Returns warnings as
// text; logging them is the caller's job. Must never put a secret into a warning.
import type { Config } from './config-schema.js';

const ENDPOINTS = [
  { key: 'api_base_url', env: 'ALPACA_API_BASE_URL' },
  { key: 'data_base_url', env: 'ALPACA_DATA_BASE_URL' },
  { key: 'data_stream_url', env: 'ALPACA_DATA_STREAM_URL' },
  { key: 'trading_stream_url', env: 'ALPACA_TRADING_STREAM_URL' },
] as const;

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

/** True when `url` is an https/wss (or http/ws) URL on alpaca.markets or one of its subdomains. */
export function isAlpacaEndpoint(url: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host === 'alpaca.markets' || host.endsWith('.alpaca.markets');
  } catch {
    return false;
  }
}

/** One warning per endpoint override that does not point at Alpaca (or is not encrypted). */
export function endpointWarnings(config: Pick<Config, 'alpaca'>): string[] {
  const warnings: string[] = [];
  for (const { key, env } of ENDPOINTS) {
    const url = config.alpaca[key];
    if (url === '') continue;
    if (!isAlpacaEndpoint(url)) warnings.push(`${env} (alpaca.${key}) = ${url} is not an Alpaca endpoint: orders, keys and data go to that host`);
    else if (/^(http|ws):/.test(url)) warnings.push(`${env} (alpaca.${key}) = ${url} is not encrypted (use https:// or wss://)`);
  }
  return warnings;
}

/** Warnings about a dashboard reachable from other machines. */
export function webWarnings(config: Pick<Config, 'web'>): string[] {
  if (LOOPBACK.has(config.web.host)) return [];
  const base = `WEB_HOST (web.host) = ${config.web.host} exposes the dashboard beyond this machine`;
  return [config.web.dashboard_token === '' ? `${base}, and no DASHBOARD_TOKEN is set: anyone who can reach it can read your account` : base];
}

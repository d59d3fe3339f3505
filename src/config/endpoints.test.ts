import { describe, expect, it } from 'vitest';
import { ConfigSchema } from './config-schema.js';
import { endpointWarnings, isAlpacaEndpoint, webWarnings } from './endpoints.js';

describe('endpoint overrides', () => {
  it('isAlpacaEndpoint accepts alpaca.markets and its subdomains only', () => {
    for (const url of ['https://api.alpaca.markets', 'https://paper-api.alpaca.markets/v2', 'wss://stream.data.alpaca.markets/v2/iex', 'https://data.alpaca.markets']) expect(isAlpacaEndpoint(url)).toBe(true);
    for (const url of ['https://alpaca.markets.evil.com', 'https://evilalpaca.markets', 'http://127.0.0.1:5100', 'not a url']) expect(isAlpacaEndpoint(url)).toBe(false);
  });

  it('warns once per non-Alpaca or unencrypted override, naming the env variable', () => {
    const c = ConfigSchema.parse({ alpaca: { api_base_url: 'http://127.0.0.1:5100', data_stream_url: 'ws://stream.data.alpaca.markets', data_base_url: 'https://data.alpaca.markets' } });
    const w = endpointWarnings(c);
    expect(w).toHaveLength(2);
    expect(w[0]).toMatch(/^ALPACA_API_BASE_URL .*is not an Alpaca endpoint/);
    expect(w[1]).toMatch(/^ALPACA_DATA_STREAM_URL .*not encrypted/);
    expect(endpointWarnings(ConfigSchema.parse({}))).toEqual([]);
  });

  it('warns when the dashboard listens beyond this machine, louder without a token', () => {
    expect(webWarnings(ConfigSchema.parse({}))).toEqual([]);
    expect(webWarnings(ConfigSchema.parse({ web: { host: '0.0.0.0' } }))[0]).toMatch(/no DASHBOARD_TOKEN/);
  });
});

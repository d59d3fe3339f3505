// Proves the endpoint factory: Alpaca's hosts by default, overrides win (with the feed path added when the
// override is a bare host), missing credentials are a clear error, and the WARNING for a non-Alpaca
// endpoint names the URL but never a key.
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../logging/memory-logger.js';
import { marketDataSettings, stockApiConfiguration, streamUrlFor, warnAboutDataEndpoints } from './md-settings.js';

const config = (overrides: { data_base_url?: string; data_stream_url?: string; api_key?: string } = {}, feed: 'iex' | 'sip' = 'iex') => ({
  alpaca: { api_key: 'PKTESTKEY123', secret_key: 'SECRET-abc-987', paper: true, api_base_url: '', trading_stream_url: '', data_base_url: '', data_stream_url: '', ...overrides },
  data: { feed, provider: 'stream' as const, bar_timeframe: '1Min' as const },
});

describe('market-data settings', () => {
  it("defaults to Alpaca's hosts and the configured feed", () => {
    expect(marketDataSettings(config())).toMatchObject({ restBaseUrl: 'https://data.alpaca.markets', streamUrl: 'wss://stream.data.alpaca.markets/v2/iex', feed: 'iex' });
    expect(marketDataSettings(config({}, 'sip')).streamUrl).toBe('wss://stream.data.alpaca.markets/v2/sip');
  });

  it('uses the overrides; a bare host gets the feed path', () => {
    const s = marketDataSettings(config({ data_base_url: 'http://127.0.0.1:5100/', data_stream_url: 'ws://127.0.0.1:5100' }));
    expect(s.restBaseUrl).toBe('http://127.0.0.1:5100');
    expect(s.streamUrl).toBe('ws://127.0.0.1:5100/v2/iex');
    expect(streamUrlFor('ws://h:1/v2', 'sip')).toBe('ws://h:1/v2/sip');
    expect(streamUrlFor('ws://h:1/v2/test', 'iex')).toBe('ws://h:1/v2/test');
    expect(stockApiConfiguration(s).basePath).toBe('http://127.0.0.1:5100');
  });

  it('without credentials: an error naming the settings to set', () => {
    expect(() => marketDataSettings(config({ api_key: '' }))).toThrow(/set ALPACA_API_KEY and ALPACA_SECRET_KEY/);
  });

  it('warns once per non-Alpaca data endpoint, without keys', () => {
    const logger = new MemoryLogger();
    const warnings = warnAboutDataEndpoints(config({ data_base_url: 'http://127.0.0.1:5100', data_stream_url: 'wss://stream.data.alpaca.markets' }), logger);
    expect(warnings).toHaveLength(1);
    expect(logger.entries.map((e) => [e.level, e.msg])).toEqual([['warn', expect.stringContaining('ALPACA_DATA_BASE_URL') as string]]);
    expect(JSON.stringify(logger.entries)).not.toMatch(/PKTESTKEY123|SECRET-abc-987/);
    expect(warnAboutDataEndpoints(config(), new MemoryLogger())).toEqual([]);
  });
});

// Settings resolution and the factory: paper/live hosts by default, overrides (a REST override alone derives
// the stream URL), errors that name the setting and never its value, and a factory whose log line carries the
// endpoints but no credential.
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../logging/memory-logger.js';
import { createAlpacaExecutionClient } from './create-alpaca-execution-client.js';
import { ExecutionConfigError } from './execution-errors.js';
import { resolveExecutionSettings, streamUrlFor } from './execution-settings.js';
import { fakeClock, TEST_KEY, TEST_SECRET } from './testing/test-kit.js';

const values = (alpaca: Partial<{ api_key: string; secret_key: string; paper: boolean; api_base_url: string; trading_stream_url: string }> = {}) => ({
  alpaca: { api_key: TEST_KEY, secret_key: TEST_SECRET, paper: true, api_base_url: '', trading_stream_url: '', ...alpaca },
});

describe('resolveExecutionSettings', () => {
  it('uses the paper or live hosts when no override is set', () => {
    expect(resolveExecutionSettings(values())).toMatchObject({ tradingBaseUrl: 'https://paper-api.alpaca.markets', tradingStreamUrl: 'wss://paper-api.alpaca.markets/stream', paper: true });
    expect(resolveExecutionSettings(values({ paper: false }))).toMatchObject({ tradingBaseUrl: 'https://api.alpaca.markets', tradingStreamUrl: 'wss://api.alpaca.markets/stream' });
  });

  it('derives the stream from a REST override, and an explicit stream override wins', () => {
    expect(resolveExecutionSettings(values({ api_base_url: 'http://127.0.0.1:5100' })).tradingStreamUrl).toBe('ws://127.0.0.1:5100/stream');
    expect(resolveExecutionSettings(values({ api_base_url: 'http://127.0.0.1:5100', trading_stream_url: 'ws://127.0.0.1:6000/stream' })).tradingStreamUrl).toBe('ws://127.0.0.1:6000/stream');
    expect(streamUrlFor('https://example.test/api')).toBe('wss://example.test/stream');
  });

  it('accepts explicit settings as they are', () => {
    const explicit = { keyId: 'k', secret: 's', tradingBaseUrl: 'http://127.0.0.1:1', tradingStreamUrl: 'ws://127.0.0.1:1/stream', paper: true };
    expect(resolveExecutionSettings(explicit)).toEqual(explicit);
  });

  it('names the missing key or the bad URL, never a secret value', () => {
    expect(() => resolveExecutionSettings(values({ api_key: '' }))).toThrow(/alpaca\.api_key \(ALPACA_API_KEY\) is empty/);
    expect(() => resolveExecutionSettings(values({ secret_key: '' }))).toThrow(ExecutionConfigError);
    const error = (() => { try { resolveExecutionSettings(values({ trading_stream_url: 'ftp://x' })); return undefined; } catch (e) { return e as Error; } })();
    expect(error?.message).toMatch(/trading_stream_url.*ftp:.*allowed: wss:, ws:/);
    expect(error?.message).not.toContain(TEST_SECRET);
  });
});

describe('createAlpacaExecutionClient', () => {
  it('logs the endpoints, not the credentials', () => {
    const logger = new MemoryLogger();
    createAlpacaExecutionClient({ config: values(), clock: fakeClock(), logger });
    const text = JSON.stringify(logger.entries);
    expect(text).toContain('paper-api.alpaca.markets');
    expect(text).not.toContain(TEST_KEY);
    expect(text).not.toContain(TEST_SECRET);
  });
});

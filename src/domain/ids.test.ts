import { describe, expect, it } from 'vitest';
import { IdError, parseClientOrderId, parseStrategyId, parseTicker } from './ids.js';

describe('branded ids', () => {
  it('accepts watchlist symbols per SPEC §3 and rejects others naming the rule', () => {
    for (const ok of ['A', 'AAPL', 'GOOGL', 'BRK.B']) expect(parseTicker(ok)).toBe(ok);
    for (const bad of ['', 'aapl', 'TOOLONG', 'BRK.', 'BRK.BB', 'A1', ' AAPL']) {
      expect(() => parseTicker(bad)).toThrow(IdError);
    }
    expect(() => parseTicker('aapl')).toThrow(/1–5 capital letters/);
  });

  it('client order ids follow Alpaca: 1–128 printable characters', () => {
    expect(parseClientOrderId('25955abf83b03dae')).toBe('25955abf83b03dae');
    expect(() => parseClientOrderId('x'.repeat(129))).toThrow(/1–128/);
    expect(() => parseClientOrderId('has space')).toThrow(IdError);
  });

  it('strategy ids are lower_snake_case', () => {
    expect(parseStrategyId('sma_crossover')).toBe('sma_crossover');
    expect(() => parseStrategyId('SMA-Crossover')).toThrow(/lower_snake_case/);
  });
});

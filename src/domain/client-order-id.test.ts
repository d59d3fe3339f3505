import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalSignalTs, clientOrderIdInput, deriveClientOrderId } from './client-order-id.js';

const base = { strategy: 'sma_crossover', symbol: 'AAPL', timeframe: '1Min', signalTs: '2025-03-10T14:30:00.000Z', side: 'buy', role: 'entry' } as const;

describe('deterministic client_order_id (SPEC S4)', () => {
  it('is the first 16 hex chars of sha256(strategy|symbol|timeframe|signal_ts|side|role) — vectors computed with Python hashlib', () => {
    expect(clientOrderIdInput(base)).toBe('sma_crossover|AAPL|1Min|2025-03-10T14:30:00.000Z|buy|entry');
    expect(deriveClientOrderId(base)).toBe('25955abf83b03dae');
    expect(deriveClientOrderId({ strategy: 'velez', symbol: 'BRK.B', timeframe: '2Min', signalTs: Date.parse('2025-11-28T17:58:00Z'), side: 'sell', role: 'stop' })).toBe('1a86981c8b904d7c');
  });

  it('normalises the signal timestamp: epoch ms, Date, ISO with offset all give the same id', () => {
    const ms = Date.parse('2025-03-10T14:30:00Z');
    const ids = [ms, new Date(ms), '2025-03-10T10:30:00-04:00', '2025-03-10T14:30:00Z'].map((signalTs) => deriveClientOrderId({ ...base, signalTs }));
    expect(new Set(ids).size).toBe(1);
    expect(canonicalSignalTs('2025-03-10T10:30:00-04:00')).toBe('2025-03-10T14:30:00.000Z');
  });

  it('differs when any part differs, and each role of one signal has its own id', () => {
    const roles = ['entry', 'stop', 'take_profit', 'exit'] as const;
    const ids = roles.map((role) => deriveClientOrderId({ ...base, role }));
    expect(new Set(ids).size).toBe(roles.length);
    expect(deriveClientOrderId({ ...base, side: 'sell' })).not.toBe(deriveClientOrderId(base));
    expect(deriveClientOrderId({ ...base, timeframe: '2Min' })).not.toBe(deriveClientOrderId(base));
  });

  it('is stable and 16 lowercase hex chars for any input (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/), fc.stringMatching(/^[A-Z]{1,5}$/), fc.integer({ min: 0, max: 4_102_444_800_000 }), (strategy, symbol, ts) => {
        const parts = { ...base, strategy, symbol, signalTs: ts };
        const id = deriveClientOrderId(parts);
        expect(id).toMatch(/^[0-9a-f]{16}$/);
        expect(deriveClientOrderId({ ...parts })).toBe(id);
      }),
    );
  });

  it('rejects a part containing the separator and an invalid timestamp', () => {
    expect(() => deriveClientOrderId({ ...base, strategy: 'a|b' })).toThrow(/must not contain "\|"/);
    expect(() => deriveClientOrderId({ ...base, signalTs: 'not a date' })).toThrow(/invalid signal timestamp/);
  });
});

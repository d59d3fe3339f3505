// Proves the daily summary from a real SQLite store: counts, wins/losses, exact realized P&L, fills, signals by
// decision and denial code, equity start/end; activity of the neighbouring day is excluded; bad dates rejected.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/sqlite/open-store.js';
import { etDateTime } from '../../domain/calendar/index.js';
import type { Store } from '../../ports/store.js';
import { computeDailySummary, formatDailySummary } from './daily-summary.js';
import { seedTradingDay } from './lifecycle-test-kit.js';

let store: Store | undefined;
afterEach(() => store?.close());

describe('computeDailySummary', () => {
  it('summarizes one ET day from the store', () => {
    let now = etDateTime('2025-11-28', '10:00');
    store = openStore(':memory:', { now: () => now });
    seedTradingDay(store, '2025-11-28');
    now = etDateTime('2025-11-26', '10:00');
    seedTradingDay(store, '2025-11-26');
    const s = computeDailySummary(store, '2025-11-28');
    expect(s).toMatchObject({
      date: '2025-11-28', from: '2025-11-28T05:00:00.000Z', to: '2025-11-29T05:00:00.000Z',
      trades: 3, wins: 1, losses: 1, breakeven: 1, realized_pnl: '80.25', commission: '0.15', best_trade: '120.5', worst_trade: '-40.25',
      fills: 4,
      signals: { total: 5, approved: 2, denied: 2, pending: 1, denied_by_code: { KILL_SWITCH: 1, MAX_POSITIONS: 1 } },
      equity: { start: '25000', end: '25080.25', change: '80.25' },
      by_strategy: { sma_crossover: { trades: 2, realized_pnl: '80.25' }, velez: { trades: 1, realized_pnl: '0' } },
    });
    const text = formatDailySummary(s);
    expect(text).toContain('realized P&L: 80.25');
    expect(text).toContain('denied by code: KILL_SWITCH 1, MAX_POSITIONS 1');
  });

  it('an empty day has zeros and no equity; a malformed date is refused', () => {
    store = openStore(':memory:');
    expect(computeDailySummary(store, '2025-12-01')).toMatchObject({ trades: 0, realized_pnl: '0', fills: 0, equity: null, signals: { total: 0 } });
    expect(() => computeDailySummary(store!, '2025-13-45')).toThrow(/date must be YYYY-MM-DD, got '2025-13-45'/);
    expect(() => computeDailySummary(store!, 'today')).toThrow(/got 'today'/);
  });
});

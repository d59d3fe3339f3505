// Regression: the loop ticked the engine only after a minute's bars, so after the overnight gap the first bar of a
// session was more than 5 minutes past the last tick and the candles rejected it as "from the future" — every
// session of a multi-day backtest lost its 09:30 bar (found by the backtest ↔ sim parity test).
import { describe, expect, it } from 'vitest';
import { runBacktest } from './run-backtest.js';
import { baseSpec, sessionBars } from './sweep/testing/sweep-test-kit.js';
import type { BacktestLogLine } from './backtest-logger.js';

describe('backtest loop across sessions', () => {
  it('keeps the first bar of every session (no FUTURE_BAR after the overnight gap, no skipped window)', async () => {
    const lines: BacktestLogLine[] = [];
    const spec = baseSpec({ SPY: sessionBars('SPY', '2024-01-02', '2024-01-05', 3) }, { fast: 3, slow: 8 });
    const result = await runBacktest(spec, { onLog: (line) => { lines.push(line); } });
    expect(result.bars).toBe(4 * 390);
    const dropped = lines.filter((l) => /FUTURE_BAR|EMPTY_WINDOW_SKIPPED/.test(JSON.stringify(l)));
    expect(dropped.map((l) => l.msg)).toEqual([]);
  });
});

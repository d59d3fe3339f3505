// The daily loop on real data (../shared/data/daily, Yahoo SPY 2007-12-31 … 2017-12-29, 2,519 sessions):
// sma_crossover 10/30 on 1Day candles, checked against the file itself — every entry is the session after an
// upward cross of the SMAs computed here independently, filled at that session's open from the file; every fill
// is on a trading day at 09:30 (market orders, gapped stops) or 09:31 (stops inside the day's range); one
// equity point per session at its close. Skips cleanly when the shared data is absent.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { etDate, etDateTime, isTradingDay, sessionClose, sessionOpen } from '../../domain/calendar/index.js';
import { DEFAULT_RISK_LIMITS } from '../../core/risk/index.js';
import { runBacktest } from './run-backtest.js';

const FILE = fileURLToPath(new URL('../../../../shared/data/daily/SPY_daily_2007-12-31_2017-12-29_yahoo.csv', import.meta.url));
const present = existsSync(FILE);

interface Row { readonly date: string; readonly open: number; readonly high: number; readonly low: number; readonly close: number }

/** The file's rows, prices at 4 decimals (as the loader rounds them). */
function rows(): Row[] {
  const r4 = (x: string): number => Math.round(Number(x) * 10_000) / 10_000;
  return readFileSync(FILE, 'utf8').trim().split('\n').slice(1).map((line) => {
    const [date = '', open = '', high = '', low = '', close = ''] = line.split(',');
    return { date, open: r4(open), high: r4(high), low: r4(low), close: r4(close) };
  });
}

/** Indexes of the candles on which SMA(10) crosses above SMA(30), exactly (a tie is not a cross). */
function crossesUp(closes: readonly number[]): number[] {
  const scaled = closes.map((c) => Math.round(c * 10_000));
  const out: number[] = [];
  let last = 0;
  for (let i = 29; i < scaled.length; i++) {
    const sum = (n: number): number => scaled.slice(i - n + 1, i + 1).reduce((a, b) => a + b, 0);
    const sign = Math.sign(3 * sum(10) - sum(30)); // fast/10 − slow/30, times 30
    if (sign === 0) continue;
    if (last !== 0 && sign !== last && sign > 0) out.push(i);
    last = sign;
  }
  return out;
}

describe.skipIf(!present)('daily loop on real SPY 2007–2017 (shared)', () => {
  it('sma_crossover 10/30 on 1Day: entries the session after each cross up, at its open; fills on trading days; one equity point per session', async () => {
    const file = rows();
    const r = await runBacktest({
      strategy: 'sma_crossover', params: { fast: 10, slow: 30 }, timeframe: '1Day', data: { kind: 'csv', path: FILE, symbol: 'SPY' }, fill: 'next_open',
      cash: '100000', commissionPerShare: '0', commissionPerOrder: '0', slippage: '0', sizing: { mode: 'fixed', value: 100 }, risk: 'off', liquidate: false,
      limits: DEFAULT_RISK_LIMITS,
    });
    expect(r.bars).toBe(2519);
    expect(r.timeframe).toBe('1Day');
    const byDate = new Map(file.map((row, i) => [row.date, { ...row, i }]));

    const expectedEntries = crossesUp(file.map((row) => row.close)).filter((i) => i + 1 < file.length).map((i) => file[i + 1]!);
    const entries = r.fills.filter((f) => f.role === 'entry');
    expect(expectedEntries.length).toBeGreaterThan(20);
    expect(entries.map((f) => [etDate(f.t), f.t, Number(f.price)])).toEqual(expectedEntries.map((row) => [row.date, sessionOpen(row.date), row.open]));

    for (const f of r.fills) {
      const date = etDate(f.t);
      const row = byDate.get(date);
      expect(isTradingDay(date) && row !== undefined, date).toBe(true);
      const price = Number(f.price);
      if (f.role === 'stop' && f.t === sessionOpen(date) + 60_000) {
        expect(price <= row!.open && price >= row!.low, `${date} stop ${price}`).toBe(true);
      } else {
        expect([f.t, price], `${date} ${f.role}`).toEqual([sessionOpen(date), row!.open]);
      }
    }
    expect(r.trades.length).toBe(entries.length - r.openPositions.length);

    expect(r.equity.t.length).toBe(2519);
    expect([...r.equity.t]).toEqual(file.map((row) => sessionClose(row.date)));
    expect(r.from).toBe(etDateTime('2007-12-31', '09:30'));
    expect(r.to).toBe(etDateTime('2017-12-29', '16:00'));
  }, 120_000);
});

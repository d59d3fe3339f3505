// Agreement with TA-Lib on real market data from ../shared/data (see its SOURCES.md): IBKR SPY 1-minute bars
// (2025-09-15 → 2026-03-19, ~50k bars, 4-decimal prices) for every TA-Lib indicator, and the Polygon-layout
// SPY file (with a per-bar vwap column) for the session VWAP. Skips cleanly when ../shared is absent.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import type { Bar } from '../../domain/bar.js';
import { etDate, etDateTime } from '../../domain/calendar/index.js';
import { disagreements, relativelyClose } from './agreement.js';
import { Atr } from './atr.js';
import { BollingerBands } from './bollinger-bands.js';
import { Ema } from './ema.js';
import { Macd } from './macd.js';
import { Rsi } from './rsi.js';
import { SessionVwap } from './session-vwap.js';
import { Sma } from './sma.js';
import { talib } from './talib-oracle.js';
import { VolumeAverage } from './volume-average.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = join(repoRoot, '../shared/data');
const ibkrFile = join(dataDir, 'intraday-1min/ibkr-2025-26/SPY_1min.csv');
const polygonFile = join(dataDir, 'intraday-1min/polygon-like/SPY_1min_2024-02-20_2024-05-17.csv');

function rows(file: string): string[][] {
  return readFileSync(file, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
}

function bar(t: number, cols: string[]): Bar {
  const [open, high, low, close, volume, vwap] = cols.slice(1).map(Number);
  return { symbol: 'SPY', timeframe: '1Min', t, open: open!, high: high!, low: low!, close: close!, volume: volume!, ...(vwap === undefined ? {} : { vwap }) };
}

/** IBKR timestamps are naive US/Eastern bar starts ('2025-09-15 09:30:00'). */
function loadIbkr(): Bar[] {
  return rows(ibkrFile).map((cols) => {
    const [date = '', time = ''] = (cols[0] ?? '').split(' ');
    return bar(etDateTime(date, time.slice(0, 5)), cols);
  });
}

/** Plain-loop session VWAP: one pass, sums reset whenever the ET date changes. */
function referenceVwap(bars: readonly Bar[], price: (b: Bar) => number): number[] {
  let date = '';
  let pv = 0;
  let v = 0;
  return bars.map((b) => {
    const d = etDate(b.t);
    if (d !== date) {
      date = d;
      pv = 0;
      v = 0;
    }
    pv += price(b) * b.volume;
    v += b.volume;
    return pv / v;
  });
}

describe.skipIf(!existsSync(ibkrFile))('real series: IBKR SPY 1-minute bars', () => {
  let bars: Bar[] = [];
  let closes: number[] = [];
  beforeAll(() => {
    bars = loadIbkr();
    closes = bars.map((b) => b.close);
  });

  it('SMA, EMA, RSI, MACD, ATR and volume average agree with TA-Lib within 1e-9 on every bar', async () => {
    const ta = await talib();
    const id = (v: number): number => v;
    expect(bars.length).toBeGreaterThan(40_000);
    expect(disagreements(new Sma(20), closes, [{ name: 'SMA20', pick: id, expected: ta.sma(closes, 20) }], 1e-9)).toEqual([]);
    expect(disagreements(new Sma(200), closes, [{ name: 'SMA200', pick: id, expected: ta.sma(closes, 200) }], 1e-9)).toEqual([]);
    expect(disagreements(new Ema(20), closes, [{ name: 'EMA20', pick: id, expected: ta.ema(closes, 20) }], 1e-9)).toEqual([]);
    expect(disagreements(new Rsi(14), closes, [{ name: 'RSI14', pick: id, expected: ta.rsi(closes, 14) }], 1e-9)).toEqual([]);
    expect(disagreements(new Atr(14), bars, [{ name: 'ATR14', pick: id, expected: ta.atr(bars, 14) }], 1e-9)).toEqual([]);
    const volumes = bars.map((b) => b.volume);
    expect(disagreements(new VolumeAverage(20), volumes, [{ name: 'VolSMA20', pick: id, expected: ta.sma(volumes, 20) }], 1e-9)).toEqual([]);
    const m = ta.macd(closes, 12, 26, 9);
    const macdOutputs = [
      { name: 'macd', pick: (v: { macd: number }) => v.macd, expected: m.macd },
      { name: 'signal', pick: (v: { signal: number }) => v.signal, expected: m.signal },
      { name: 'histogram', pick: (v: { histogram: number }) => v.histogram, expected: m.histogram },
    ];
    expect(disagreements(new Macd(), closes, macdOutputs, 1e-9)).toEqual([]);
  });

  it('Bollinger Bands (20, 2) agree with TA-Lib within 1e-6 on every bar', async () => {
    const ta = await talib();
    const b = ta.bbands(closes, 20, 2, 2);
    const outputs = [
      { name: 'upper', pick: (v: { upper: number }) => v.upper, expected: b.upper },
      { name: 'middle', pick: (v: { middle: number }) => v.middle, expected: b.middle },
      { name: 'lower', pick: (v: { lower: number }) => v.lower, expected: b.lower },
    ];
    expect(disagreements(new BollingerBands(), closes, outputs, 1e-6)).toEqual([]);
  });

  it('session VWAP (typical price) equals the plain-loop reference on every bar', () => {
    const want = referenceVwap(bars, (b) => (b.high + b.low + b.close) / 3);
    const vwap = new SessionVwap();
    const bad = bars.map((b) => vwap.add(b)).filter((v, i) => v === undefined || !relativelyClose(v, want[i]!, 1e-9));
    expect(bad).toEqual([]);
  });
});

describe.skipIf(!existsSync(polygonFile))('real series: Polygon-layout SPY with per-bar vwap (extended hours)', () => {
  it("session VWAP from the bars' own vwap equals the plain-loop reference, resetting at each ET date", () => {
    const bars = rows(polygonFile).map((cols) => bar(Date.parse((cols[0] ?? '').replace(' ', 'T')), cols));
    const want = referenceVwap(bars, (b) => b.vwap ?? Number.NaN);
    const vwap = new SessionVwap({ source: 'bar-vwap' });
    const bad = bars.map((b) => vwap.add(b)).filter((v, i) => v === undefined || !relativelyClose(v, want[i]!, 1e-9));
    expect(bars.length).toBeGreaterThan(40_000);
    expect(bad).toEqual([]);
  });
});

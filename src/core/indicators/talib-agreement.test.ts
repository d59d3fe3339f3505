// Agreement with TA-Lib's own C code (WebAssembly build, see talib-oracle.ts) on random 4-decimal series and
// random periods: same indices defined (isStable = TA-Lib outputs a value), values within relative 1e-9
// (Bollinger 1e-6). Also checks that a series fed with forming-bar replaces agrees on the final series.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import type { Bar } from '../../domain/bar.js';
import { disagreements } from './agreement.js';
import { Atr } from './atr.js';
import { BollingerBands } from './bollinger-bands.js';
import { Ema } from './ema.js';
import { barSeries, priceSeries } from './indicator-arbitraries.js';
import { Macd } from './macd.js';
import { Rsi } from './rsi.js';
import { Sma } from './sma.js';
import { talib } from './talib-oracle.js';
import { VolumeAverage } from './volume-average.js';

type Talib = Awaited<ReturnType<typeof talib>>;
let ta: Talib;
beforeAll(async () => {
  ta = await talib();
});

const RUNS = { seed: 4_2025, numRuns: 80 };
const TOL = 1e-9;
const prices = priceSeries({ minLength: 0, maxLength: 400 });
const volatile = priceSeries({ minLength: 0, maxLength: 400, start: 5, step: 5_000 });
const anyPrices = fc.oneof(prices, volatile);
const period = fc.integer({ min: 2, max: 60 });
const same = (v: number): number => v;

describe('agreement with TA-Lib on random series', () => {
  it('SMA', () => {
    fc.assert(fc.property(anyPrices, period, (x, p) => {
      expect(disagreements(new Sma(p), x, [{ name: 'SMA', pick: same, expected: ta.sma(x, p) }], TOL)).toEqual([]);
    }), RUNS);
  });

  it('EMA (seeded with the SMA of the first period inputs)', () => {
    fc.assert(fc.property(anyPrices, period, (x, p) => {
      expect(disagreements(new Ema(p), x, [{ name: 'EMA', pick: same, expected: ta.ema(x, p) }], TOL)).toEqual([]);
    }), RUNS);
  });

  it('RSI (Wilder, seeded with simple averages), including long flat stretches (TA_EPSILON zero rule)', () => {
    const withFlats = fc.tuple(anyPrices, fc.integer({ min: 0, max: 800 })).map(([x, n]) => [...x.slice(0, 20), ...Array<number>(n).fill(x[20] ?? 50), ...x.slice(20)]);
    fc.assert(fc.property(withFlats, period, (x, p) => {
      expect(disagreements(new Rsi(p), x, [{ name: 'RSI', pick: same, expected: ta.rsi(x, p) }], TOL)).toEqual([]);
    }), RUNS);
  });

  it('MACD line, signal and histogram (TA-Lib EMA alignment)', () => {
    const periods = fc.tuple(fc.integer({ min: 2, max: 30 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 20 }));
    fc.assert(fc.property(anyPrices, periods, (x, [fast, extra, signal]) => {
      const slow = fast + extra;
      const want = ta.macd(x, fast, slow, signal);
      const outputs = [
        { name: 'macd', pick: (v: { macd: number }) => v.macd, expected: want.macd },
        { name: 'signal', pick: (v: { signal: number }) => v.signal, expected: want.signal },
        { name: 'histogram', pick: (v: { histogram: number }) => v.histogram, expected: want.histogram },
      ];
      expect(disagreements(new Macd({ fast, slow, signal }), x, outputs, TOL)).toEqual([]);
    }), RUNS);
  });

  it('Bollinger Bands (population σ) within 1e-6', () => {
    const devs = fc.tuple(fc.double({ min: 0.5, max: 3, noNaN: true }), fc.double({ min: 0.5, max: 3, noNaN: true }));
    fc.assert(fc.property(anyPrices, period, devs, (x, p, [up, down]) => {
      const want = ta.bbands(x, p, up, down);
      const outputs = [
        { name: 'upper', pick: (v: { upper: number }) => v.upper, expected: want.upper },
        { name: 'middle', pick: (v: { middle: number }) => v.middle, expected: want.middle },
        { name: 'lower', pick: (v: { lower: number }) => v.lower, expected: want.lower },
      ];
      expect(disagreements(new BollingerBands({ period: p, devUp: up, devDown: down }), x, outputs, 1e-6)).toEqual([]);
    }), RUNS);
  });

  it('Bollinger Bands on flat and nearly flat windows (σ = 0 rule) within 1e-6', () => {
    const nearlyFlat = fc.tuple(fc.integer({ min: 1, max: 10_000_000 }), fc.array(fc.integer({ min: -1, max: 1 }), { maxLength: 200 }))
      .map(([base, ds]) => ds.map((d) => (base + (d === 1 ? 1 : 0)) / 10_000));
    fc.assert(fc.property(nearlyFlat, period, (x, p) => {
      const want = ta.bbands(x, p, 2, 2);
      const outputs = [
        { name: 'upper', pick: (v: { upper: number }) => v.upper, expected: want.upper },
        { name: 'lower', pick: (v: { lower: number }) => v.lower, expected: want.lower },
      ];
      expect(disagreements(new BollingerBands({ period: p }), x, outputs, 1e-6)).toEqual([]);
    }), RUNS);
  });

  it('ATR (Wilder; first true range at index 1), periods from 1', () => {
    fc.assert(fc.property(barSeries({ minLength: 0, maxLength: 400 }), fc.integer({ min: 1, max: 60 }), (bars: Bar[], p) => {
      expect(disagreements(new Atr(p), bars, [{ name: 'ATR', pick: same, expected: ta.atr(bars, p) }], TOL)).toEqual([]);
    }), RUNS);
  });

  it('volume average = TA-Lib SMA of volume', () => {
    fc.assert(fc.property(barSeries({ minLength: 0, maxLength: 300 }), period, (bars: Bar[], p) => {
      const v = bars.map((b) => b.volume);
      expect(disagreements(new VolumeAverage(p), v, [{ name: 'VolumeAverage', pick: same, expected: ta.sma(v, p) }], TOL)).toEqual([]);
    }), RUNS);
  });

  it('forming-bar replaces leave every indicator where TA-Lib is on the final series', () => {
    fc.assert(fc.property(prices, fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 1, maxLength: 4 }), (x, wiggles) => {
      const rsi = new Rsi(14);
      const macd = new Macd();
      for (const close of x) {
        rsi.add(Math.round((close + wiggles[0]! / 10_000) * 10_000) / 10_000);
        macd.add(close + 1);
        for (const w of wiggles.slice(1)) rsi.replace(Math.max(0.0001, Math.round((close + w / 10_000) * 10_000) / 10_000));
        rsi.replace(close);
        macd.replace(close);
      }
      const last = x.length - 1;
      expect(rsi.value).toBe(ta.rsi(x, 14)[last]);
      expect(macd.value?.macd).toBe(ta.macd(x, 12, 26, 9).macd[last]);
    }), RUNS);
  });
});

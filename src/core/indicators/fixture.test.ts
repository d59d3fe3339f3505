// The committed, hand-checked fixture (test/fixtures/indicators/talib-60.json, see its README): our indicators
// equal TA-Lib's outputs on it (relative 1e-9, Bollinger 1e-6), and the file still equals the TA-Lib build.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { relativelyClose } from './agreement.js';
import { Atr } from './atr.js';
import { BollingerBands, type BollingerValue } from './bollinger-bands.js';
import { Ema } from './ema.js';
import type { Indicator } from './indicator.js';
import { Macd, type MacdValue } from './macd.js';
import { Rsi } from './rsi.js';
import { SessionVwap } from './session-vwap.js';
import { Sma } from './sma.js';
import { talib, type Series } from './talib-oracle.js';
import { VolumeAverage } from './volume-average.js';

type Column = (number | null)[];
interface Fixture {
  bars: { t: number; open: number; high: number; low: number; close: number; volume: number }[];
  outputs: {
    sma10: Column;
    ema10: Column;
    rsi14: Column;
    macd_12_26_9: { macd: Column; signal: Column; histogram: Column };
    bbands_20_2_2: { upper: Column; middle: Column; lower: Column };
    atr14: Column;
    volumeSma20: Column;
    sessionVwapTypical: Column;
  };
}

const file = join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/indicators/talib-60.json');
const fixture = JSON.parse(readFileSync(file, 'utf8')) as Fixture;
const bars = fixture.bars.map((b) => ({ ...b, symbol: 'FIX', timeframe: '1Min' as const }));
const closes = bars.map((b) => b.close);
const out = fixture.outputs;

function series<In, Out>(indicator: Indicator<In, Out>, inputs: readonly In[], pick: (v: Out) => number): Column {
  return inputs.map((x) => {
    const v = indicator.add(x);
    return v === undefined ? null : pick(v);
  });
}

function expectColumn(actual: Column, expected: Column, tol: number): void {
  expect(actual.map((v) => v === null)).toEqual(expected.map((v) => v === null));
  actual.forEach((v, i) => {
    const want = expected[i];
    if (v !== null && want !== null && want !== undefined && !relativelyClose(v, want, tol)) {
      expect.fail(`index ${i}: got ${v}, fixture ${want}`);
    }
  });
}

const id = (v: number): number => v;

describe('committed TA-Lib fixture (60 bars)', () => {
  it('SMA, EMA, RSI, ATR, volume average equal TA-Lib within 1e-9', () => {
    expectColumn(series(new Sma(10), closes, id), out.sma10, 1e-9);
    expectColumn(series(new Ema(10), closes, id), out.ema10, 1e-9);
    expectColumn(series(new Rsi(14), closes, id), out.rsi14, 1e-9);
    expectColumn(series(new Atr(14), bars, id), out.atr14, 1e-9);
    expectColumn(series(new VolumeAverage(20), bars.map((b) => b.volume), id), out.volumeSma20, 1e-9);
  });

  it('MACD line, signal, histogram equal TA-Lib within 1e-9', () => {
    for (const key of ['macd', 'signal', 'histogram'] as const) {
      expectColumn(series(new Macd(), closes, (v: MacdValue) => v[key]), out.macd_12_26_9[key], 1e-9);
    }
  });

  it('Bollinger Bands equal TA-Lib within 1e-6', () => {
    for (const key of ['upper', 'middle', 'lower'] as const) {
      expectColumn(series(new BollingerBands(), closes, (v: BollingerValue) => v[key]), out.bbands_20_2_2[key], 1e-6);
    }
  });

  it('session VWAP equals the plain-loop reference and resets at the second session', () => {
    expectColumn(series(new SessionVwap(), bars, id), out.sessionVwapTypical, 1e-12);
    const b45 = bars[45]!;
    expect(out.sessionVwapTypical[45]).toBeCloseTo((b45.high + b45.low + b45.close) / 3, 10);
  });

  it('the hand-checked values of the README hold', () => {
    expect(out.sma10[9]).toBeCloseTo(187.26088, 10);
    expect(out.ema10[10]).toBeCloseTo(187.308447272727, 10);
    expect(out.rsi14[14]).toBeCloseTo((100 * 1.0217) / (1.0217 + 1.04), 10);
    expect(out.macd_12_26_9.macd.findIndex((v) => v !== null)).toBe(33);
  });

  it('the file still equals what the TA-Lib build outputs', async () => {
    const ta = await talib();
    const asColumn = (s: Series): Column => s.map((v) => v ?? null);
    expect(asColumn(ta.sma(closes, 10))).toEqual(out.sma10);
    expect(asColumn(ta.rsi(closes, 14))).toEqual(out.rsi14);
    expect(asColumn(ta.atr(bars, 14))).toEqual(out.atr14);
    expect(asColumn(ta.macd(closes, 12, 26, 9).signal)).toEqual(out.macd_12_26_9.signal);
    expect(asColumn(ta.bbands(closes, 20, 2, 2).upper)).toEqual(out.bbands_20_2_2.upper);
  });
});

// Runs the indicator contract suite (indicator-contract.ts) for every indicator, with short and TA-Lib
// default periods, on random 4-decimal price walks and time-ordered bars.
import type { Bar } from '../../domain/bar.js';
import { Atr } from './atr.js';
import { BollingerBands } from './bollinger-bands.js';
import { Ema } from './ema.js';
import { barSeries, priceSeries } from './indicator-arbitraries.js';
import { describeIndicatorContract } from './indicator-contract.js';
import { Macd } from './macd.js';
import { Rsi } from './rsi.js';
import { SessionVwap } from './session-vwap.js';
import { Sma } from './sma.js';
import { VolumeAverage } from './volume-average.js';

const prices = priceSeries({ minLength: 1, maxLength: 80 });
const bars = barSeries({ minLength: 1, maxLength: 80 });
const badPrices = [
  { input: Number.NaN, field: 'input' },
  { input: Number.POSITIVE_INFINITY, field: 'input' },
  { input: Number.NEGATIVE_INFINITY, field: 'input' },
];
const badPeriods = (make: (p: number) => unknown, param = 'period'): { make: () => unknown; param: string }[] =>
  [0, -1, 2.5, Number.NaN, 100_001].map((p) => ({ make: () => make(p), param }));
const takeValue = (_: number, other: number): number => other;
/** A revised forming bar: same time, the other bar's prices and volume. */
const reviseBar = (bar: Bar, other: Bar): Bar => ({ ...other, t: bar.t });
const badBars = (bar: Bar): { input: Bar; field: string }[] => [
  { input: { ...bar, t: bar.t + 1e12, high: Number.NaN }, field: 'high' },
  { input: { ...bar, t: bar.t + 1e12, low: Number.POSITIVE_INFINITY }, field: 'low' },
  { input: { ...bar, t: bar.t + 1e12, close: Number.NaN }, field: 'close' },
];
const someBar: Bar = { symbol: 'X', timeframe: '1Min', t: Date.UTC(2030, 0, 2, 15), open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 };

for (const period of [2, 5, 30]) {
  describeIndicatorContract({
    name: `SMA(${period})`,
    create: () => new Sma(period),
    series: prices,
    revise: takeValue,
    badInputs: [...badPrices, { input: 1.23456, field: 'input' }, { input: 1e13, field: 'input' }],
    badConstructions: [...badPeriods((p) => new Sma(p)), { make: () => new Sma(5, { decimals: 9 }), param: 'decimals' }],
  });
  describeIndicatorContract({
    name: `EMA(${period})`,
    create: () => new Ema(period),
    series: prices,
    revise: takeValue,
    badInputs: badPrices,
    badConstructions: badPeriods((p) => new Ema(p)),
  });
  describeIndicatorContract({
    name: `RSI(${period})`,
    create: () => new Rsi(period),
    series: prices,
    revise: takeValue,
    badInputs: badPrices,
    badConstructions: badPeriods((p) => new Rsi(p)),
  });
  describeIndicatorContract({
    name: `ATR(${period})`,
    create: () => new Atr(period),
    series: bars,
    revise: reviseBar,
    badInputs: badBars(someBar),
    badConstructions: badPeriods((p) => new Atr(p)),
  });
  describeIndicatorContract({
    name: `BollingerBands(${period})`,
    create: () => new BollingerBands({ period, devUp: 2, devDown: 1.5 }),
    series: prices,
    revise: takeValue,
    badInputs: [...badPrices, { input: 0.00001, field: 'input' }],
    badConstructions: [
      ...badPeriods((p) => new BollingerBands({ period: p })),
      { make: () => new BollingerBands({ devUp: Number.NaN }), param: 'devUp' },
      { make: () => new BollingerBands({ devDown: Number.POSITIVE_INFINITY }), param: 'devDown' },
    ],
  });
  describeIndicatorContract({
    name: `VolumeAverage(${period})`,
    create: () => new VolumeAverage(period),
    series: bars.map((b) => b.map((bar) => bar.volume)),
    revise: takeValue,
    badInputs: [...badPrices.map((b) => ({ ...b, field: 'volume' })), { input: -1, field: 'volume' }, { input: 10.5, field: 'input' }],
    badConstructions: badPeriods((p) => new VolumeAverage(p)),
  });
}

for (const [fast, slow, signal] of [[2, 3, 1], [3, 7, 4], [12, 26, 9]] as const) {
  describeIndicatorContract({
    name: `MACD(${fast},${slow},${signal})`,
    create: () => new Macd({ fast, slow, signal }),
    series: prices,
    revise: takeValue,
    badInputs: badPrices,
    badConstructions: [
      ...badPeriods((p) => new Macd({ fast: p }), 'fast'),
      ...badPeriods((p) => new Macd({ slow: p }), 'slow'),
      ...[0, -3, 1.5].map((p) => ({ make: () => new Macd({ signal: p }), param: 'signal' })),
      { make: () => new Macd({ fast: 26, slow: 12 }), param: 'fast' },
    ],
  });
}

for (const source of ['typical', 'bar-vwap'] as const) {
  describeIndicatorContract({
    name: `SessionVwap(${source})`,
    create: () => new SessionVwap({ source }),
    series: bars.map((b) => b.map((bar) => ({ ...bar, volume: bar.volume + 1, vwap: (bar.high + bar.low) / 2 }))),
    revise: reviseBar,
    badInputs: [
      ...badBars(someBar),
      { input: { ...someBar, t: Number.NaN }, field: 't' },
      { input: { ...someBar, volume: -5 }, field: 'volume' },
      { input: { ...someBar, t: 0 }, field: 't' },
    ],
    badConstructions: [{ make: () => new SessionVwap({ source: 'close' as 'typical' }), param: 'source' }],
  });
}

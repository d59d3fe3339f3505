// Indicator updates per second (SPEC §17, `npm run bench`): each indicator fed ~1M bars of a deterministic
// 4-decimal random walk (Park–Miller LCG, no Math.random), plus the forming-bar path (add + 3 replaces).
import { performance } from 'node:perf_hooks';

import type { Bar } from '../src/domain/bar.js';
import { Atr, BollingerBands, Ema, Macd, Rsi, SessionVwap, Sma, VolumeAverage, type Indicator } from '../src/core/indicators/index.js';
import type { BenchResult } from './run.js';

const UPDATES = 1_000_000;

function makeBars(n: number): Bar[] {
  let state = 20_250_310;
  const next = (): number => {
    state = (state * 48_271) % 2_147_483_647;
    return state / 2_147_483_647;
  };
  let close = 1_874_500;
  const start = Date.UTC(2025, 2, 10, 13, 30);
  return Array.from({ length: n }, (_, i) => {
    const open = Math.max(100, close + Math.round((next() - 0.5) * 1_000));
    close = Math.max(100, open + Math.round((next() - 0.5) * 6_000));
    const high = Math.max(open, close) + Math.round(next() * 2_500);
    const low = Math.max(1, Math.min(open, close) - Math.round(next() * 2_500));
    const t = start + Math.floor(i / 390) * 86_400_000 + (i % 390) * 60_000; // 390 bars a session
    return { symbol: 'B', timeframe: '1Min', t, open: open / 1e4, high: high / 1e4, low: low / 1e4, close: close / 1e4, volume: 1_000 + Math.round(next() * 9_000) };
  });
}

function rate<In>(make: () => Indicator<In, unknown>, inputs: readonly In[]): number {
  const warm = make();
  for (let i = 0; i < Math.min(inputs.length, 20_000); i++) warm.add(inputs[i] as In);
  const indicator = make();
  const start = performance.now();
  for (let i = 0; i < inputs.length; i++) indicator.add(inputs[i] as In);
  return Math.round(inputs.length / ((performance.now() - start) / 1000));
}

function formingRate(make: () => Indicator<number, unknown>, inputs: readonly number[]): number {
  const indicator = make();
  const start = performance.now();
  for (const x of inputs) {
    indicator.add(x);
    indicator.replace(x);
    indicator.replace(x);
    indicator.replace(x);
  }
  return Math.round((inputs.length * 4) / ((performance.now() - start) / 1000));
}

export function benchIndicators(): Promise<BenchResult[]> {
  const bars = makeBars(UPDATES);
  const closes = bars.map((b) => b.close);
  const volumes = bars.map((b) => b.volume);
  const cases: Array<[string, () => number]> = [
    ['SMA(20) updates per second', () => rate(() => new Sma(20), closes)],
    ['SMA(200) updates per second', () => rate(() => new Sma(200), closes)],
    ['EMA(20) updates per second', () => rate(() => new Ema(20), closes)],
    ['RSI(14) updates per second', () => rate(() => new Rsi(14), closes)],
    ['MACD(12,26,9) updates per second', () => rate(() => new Macd(), closes)],
    ['Bollinger(20,2) updates per second', () => rate(() => new BollingerBands(), closes)],
    ['ATR(14) updates per second', () => rate(() => new Atr(14), bars)],
    ['session VWAP updates per second', () => rate(() => new SessionVwap(), bars)],
    ['volume average(20) updates per second', () => rate(() => new VolumeAverage(20), volumes)],
    ['SMA(20) forming-bar updates (add + 3 replace) per second', () => formingRate(() => new Sma(20), closes)],
  ];
  return Promise.resolve(cases.map(([name, fn]) => ({ name, value: fn(), unit: 'updates/s' })));
}

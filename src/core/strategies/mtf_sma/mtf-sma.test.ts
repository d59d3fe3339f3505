import { describe, expect, it } from 'vitest';
import { StrategyRegistry } from '../strategy-registry.js';
import { StrategyRunner } from '../strategy-runner.js';
import { candlesOf, FakeStrategyStore } from '../strategy-test-kit.js';
import { mtfSma } from './mtf-sma.js';

describe('mtf_sma golden series (2/3/4 candles for 10/30/90)', () => {
  // Hand-computed: index 7 crosses up while SMA3 101.33 < SMA4 101.5 (no trend: nothing); 8 trend turns up but
  // no cross (nothing); 9 crosses down (exit); 10 exact tie SMA2 = SMA3 = 102 (nothing); 11 crosses up with
  // SMA3 103.33 > SMA4 103 (enter); 14 crosses down (exit); 15 crosses up with SMA3 108.33 < SMA4 108.5 (nothing).
  const closes = [110, 108, 106, 104, 102, 100, 101, 103, 102, 101, 103, 106, 109, 108, 107, 110];

  it('enters only on a cross up with the 30 above the 90, exits on every cross down', () => {
    const store = new FakeStrategyStore();
    const runner = new StrategyRunner({ registry: new StrategyRegistry([mtfSma]), store });
    expect(runner.configure([{ name: 'mtf_sma', enabled: true, params: { fast: 2, medium: 3, slow: 4 } }], ['QQQ'])).toEqual([]);
    const out: string[] = [];
    candlesOf('QQQ', closes).forEach((candle, index) => {
      for (const s of runner.onCandle(candle).signals) out.push(`${index}:${s.signal.intent.action}`);
    });
    expect(out).toEqual(['9:exit', '11:enter_long', '14:exit']);
    expect(store.rows.map((r) => r.reason)).toEqual([
      'SMA(2) 101.5000 crossed below SMA(3) 102.0000: exit the long (no long held: recorded so entries and exits alternate)',
      'SMA(2) 104.5000 crossed above SMA(3) 103.3333 while SMA(3) is above SMA(4) 103.0000',
      'SMA(2) 107.5000 crossed below SMA(3) 108.0000: exit the long (no long held: recorded so entries and exits alternate)',
    ]);
  });

  it('defaults are 10/30/90 on 1-minute candles and must increase', () => {
    expect(mtfSma.params.parse({})).toEqual({ fast: 10, medium: 30, slow: 90 });
    expect(mtfSma.defaultTimeframe).toBe('1Min');
    expect(mtfSma.warmUp({ fast: 10, medium: 30, slow: 90 })).toBe(90);
    expect(mtfSma.params.safeParse({ medium: 100 }).success).toBe(false);
  });
});

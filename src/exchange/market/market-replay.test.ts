import { describe, expect, it } from 'vitest';

import { etDateTime } from '../../domain/calendar/index.js';
import type { ExchangeBar, MarketEvent } from '../contracts.js';
import { ArrayBarSource } from './array-bar-source.js';
import { MarketReplay } from './market-replay.js';
import { SyntheticMarket } from './synthetic-market.js';
import { VirtualClock } from './virtual-clock.js';

const MIN = 60_000;
const day = '2025-03-05';
const at = (hhmm: string): number => etDateTime(day, hhmm);

function bar(symbol: string, t: number, v = 100): ExchangeBar {
  return { symbol, t, o: 10, h: 10.5, l: 9.5, c: 10.2, v, vw: 10.1, n: 3 };
}

function describeEvent(e: MarketEvent): string {
  const time = (t: number): string => new Date(t).toISOString().slice(11, 16);
  switch (e.kind) {
    case 'bar':
    case 'updatedBar':
    case 'dailyBar':
      return `${e.kind} ${e.bar.symbol} ${time(e.bar.t)}`;
    default:
      return `${e.kind} ${e.symbol} ${time(e.t)}`;
  }
}

describe('MarketReplay', () => {
  it('per minute: bars of T−1, daily bars, barrier, onTime(T), onMinuteStart(bars of T), then quote and trade of T', async () => {
    const source = new ArrayBarSource([bar('BBB', at('10:00')), bar('AAA', at('10:00')), bar('AAA', at('10:01')), bar('BBB', at('10:01'))]);
    const clock = new VirtualClock({ start: at('10:00'), speed: 'max' });
    const log: string[] = [];
    const replay = new MarketReplay({
      source, clock,
      beforeNextMinute: () => { log.push('barrier'); return Promise.resolve(); },
      onTime: (t) => { log.push(`onTime ${new Date(t).toISOString().slice(11, 16)}`); },
      onMinuteStart: (bars, t) => { log.push(`minuteStart ${new Date(t).toISOString().slice(11, 16)} [${bars.map((b) => b.symbol).join(',')}]`); },
    });
    replay.onEvent((e) => log.push(describeEvent(e)));
    expect(await replay.step()).toBe(at('10:00'));
    expect(await replay.step()).toBe(at('10:01'));
    expect(clock.now()).toBe(at('10:01'));
    expect(log).toEqual([
      'barrier', 'onTime 15:00', 'minuteStart 15:00 [AAA,BBB]',
      'quote AAA 15:00', 'trade AAA 15:00', 'quote BBB 15:00', 'trade BBB 15:00',
      'bar AAA 15:00', 'bar BBB 15:00', 'dailyBar AAA 05:00', 'dailyBar BBB 05:00',
      'barrier', 'onTime 15:01', 'minuteStart 15:01 [AAA,BBB]',
      'quote AAA 15:01', 'trade AAA 15:01', 'quote BBB 15:01', 'trade BBB 15:01',
    ]);
  });

  it('awaits the barrier before starting the next minute, at speed max', async () => {
    const source = new ArrayBarSource([bar('AAA', at('10:00')), bar('AAA', at('10:01')), bar('AAA', at('10:02'))]);
    const clock = new VirtualClock({ start: at('10:01'), speed: 'max' });
    let release: () => void = () => undefined;
    const started: number[] = [];
    const replay = new MarketReplay({
      source, clock,
      beforeNextMinute: () => new Promise<void>((resolve) => { release = resolve; }),
      onMinuteStart: (_bars, t) => { started.push(t); },
    });
    const bars: number[] = [];
    replay.onEvent((e) => { if (e.kind === 'bar') bars.push(e.bar.t); });
    const done = replay.run();
    await new Promise((r) => setTimeout(r, 50));
    expect(bars).toEqual([at('10:00')]); // bar of 10:00 is out at 10:01 …
    expect(started).toEqual([]); // … but minute 10:01 waits for the barrier
    release();
    await new Promise((r) => setTimeout(r, 50));
    expect(started[0]).toBe(at('10:01'));
    for (let i = 0; i < 5; i++) {
      release();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(await done).toBe('end-of-data');
    expect(bars).toEqual([at('10:00'), at('10:01'), at('10:02')]);
  });

  it('ends the session at an early close (last bar 12:59) and continues at the next pre-open', async () => {
    const source = new SyntheticMarket({ seed: 3, symbols: ['AAA'] });
    const clock = new VirtualClock({ start: etDateTime('2025-11-28', '12:57'), speed: 'max' });
    const replay = new MarketReplay({ source, clock });
    const bars: number[] = [];
    const times: number[] = [];
    replay.onEvent((e) => { if (e.kind === 'bar') bars.push(e.bar.t); });
    const n = await replay.runUntil(etDateTime('2025-12-01', '09:31'));
    expect(n).toBe(7); // 12:57, 12:58, 12:59, 13:00, then Monday 09:29, 09:30, 09:31
    times.push(clock.now());
    expect(bars).toEqual([
      etDateTime('2025-11-28', '12:56'), etDateTime('2025-11-28', '12:57'), etDateTime('2025-11-28', '12:58'),
      etDateTime('2025-11-28', '12:59'), etDateTime('2025-12-01', '09:30'),
    ]);
    expect(times).toEqual([etDateTime('2025-12-01', '09:31')]);
  });

  it('builds running daily bars from the whole regular session, even when started mid-day', async () => {
    const source = new SyntheticMarket({ seed: 11, symbols: ['AAA'] });
    const clock = new VirtualClock({ start: at('11:00'), speed: 'max' });
    const replay = new MarketReplay({ source, clock });
    const daily: ExchangeBar[] = [];
    replay.onEvent((e) => { if (e.kind === 'dailyBar') daily.push(e.bar); });
    await replay.runUntil(at('11:02'));
    const session = source.barsForSession('AAA', day);
    const upTo1101 = session.filter((b) => b.t <= at('11:01'));
    expect(daily).toHaveLength(3);
    expect(daily[2]).toMatchObject({
      t: etDateTime(day, '00:00'), o: session[0]!.o, c: upTo1101[upTo1101.length - 1]!.c,
      v: upTo1101.reduce((s, b) => s + b.v, 0), h: Math.max(...upTo1101.map((b) => b.h)),
    });
  });

  it('emits nothing while paused, resumes, and stops (numeric speed, real timers)', async () => {
    const source = new SyntheticMarket({ seed: 1, symbols: ['AAA'] });
    const clock = new VirtualClock({ start: at('10:00'), speed: 6_000 });
    clock.pause();
    const frozen = clock.now();
    const replay = new MarketReplay({ source, clock });
    const events: MarketEvent[] = [];
    replay.onEvent((e) => events.push(e));
    const done = replay.run();
    await new Promise((r) => setTimeout(r, 150));
    // only the boundary at the exact start (10:00) may run before time moves; nothing after it
    expect(events.filter((e) => e.kind === 'bar' && e.bar.t >= at('10:00'))).toEqual([]);
    expect(clock.now()).toBe(frozen);
    clock.resume();
    const deadline = Date.now() + 20_000;
    while (events.filter((e) => e.kind === 'bar').length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    replay.stop();
    expect(await done).toBe('stopped');
    const bars = events.flatMap((e) => (e.kind === 'bar' ? [e.bar.t] : []));
    expect(bars.length).toBeGreaterThanOrEqual(3);
    expect(bars.every((t, i) => i === 0 || t === (bars[i - 1] ?? 0) + MIN)).toBe(true);
  });

  it('abandons a pending barrier on stop()', async () => {
    const source = new ArrayBarSource([bar('AAA', at('10:00'))]);
    const clock = new VirtualClock({ start: at('10:01'), speed: 'max' });
    let onMinute = 0;
    const replay = new MarketReplay({ source, clock, beforeNextMinute: () => new Promise<void>(() => undefined), onMinuteStart: () => { onMinute++; } });
    const done = replay.run();
    await new Promise((r) => setTimeout(r, 20));
    replay.stop();
    expect(await done).toBe('stopped');
    expect(onMinute).toBe(0);
  });

  it('replays only the clock\'s market hours: pre/post-market bars only when the clock runs extended hours', async () => {
    const times = ['04:00', '09:28', '09:29', '09:30', '15:59', '16:00', '19:59'].map((h) => at(h));
    const source = new ArrayBarSource(times.map((t) => bar('AAA', t)));
    const seen = async (extendedHours: boolean): Promise<string[]> => {
      const clock = new VirtualClock({ start: at('03:00'), speed: 'max', extendedHours });
      const replay = new MarketReplay({ source, clock });
      const out: string[] = [];
      replay.onEvent((e) => { if (e.kind === 'bar') out.push(new Date(e.bar.t).toISOString().slice(11, 16)); });
      const started: number[] = [];
      const withHook = new MarketReplay({ source, clock: new VirtualClock({ start: at('03:00'), speed: 'max', extendedHours }), onMinuteStart: (bars) => { started.push(bars.length); } });
      await Promise.all([replay.runUntil(at('20:00')), withHook.runUntil(at('20:00'))]);
      expect(started.reduce((a, b) => a + b, 0)).toBe(out.length);
      return out;
    };
    expect(await seen(false)).toEqual(['14:30', '20:59']);
    expect(await seen(true)).toEqual(['09:00', '14:28', '14:29', '14:30', '20:59', '21:00', '00:59']);
  });

  it('rejects symbols the source does not have', () => {
    const source = new ArrayBarSource([bar('AAA', at('10:00'))]);
    const clock = new VirtualClock({ start: at('10:00'), speed: 'max' });
    expect(() => new MarketReplay({ source, clock, symbols: ['AAA', 'ZZZ'] })).toThrow(/no bars for symbol\(s\) ZZZ/);
  });
});

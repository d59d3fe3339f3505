// The aggregator on real 1-minute data (../shared/data, polygon-like SPY 2024-02-20 … 2024-05-17: extended
// hours, real gaps, the March DST change), driven like a live engine (clock tick, then bar). Every
// regular-session bar lands in exactly one candle whose OHLCV matches an independent reference; nothing
// else is reported than what such data should cause. Skips cleanly when the shared data is absent.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import type { Bar } from '../../domain/bar.js';
import { etDate, session } from '../../domain/calendar/index.js';
import { CandleAggregator } from './candle-aggregator.js';
import { candlesOf, diagnosticsOf, MINUTE, referenceOhlcv, shuffled } from './candle-test-kit.js';

const FILE = fileURLToPath(new URL('../../../../shared/data/intraday-1min/polygon-like/SPY_1min_2024-02-20_2024-05-17.csv', import.meta.url));
const present = existsSync(FILE);

function load(): Bar[] {
  const [, ...lines] = readFileSync(FILE, 'utf8').trim().split('\n');
  return lines.map((line) => {
    const [ts, open, high, low, close, volume, vwap, trades] = line.split(',');
    return { symbol: 'SPY', timeframe: '1Min', t: Date.parse(ts!.replace(' ', 'T')), open: Number(open), high: Number(high), low: Number(low), close: Number(close), volume: Number(volume), vwap: Number(vwap), tradeCount: Number(trades) };
  });
}

/** Window start of a regular-session bar, computed directly from the calendar (independent of SessionGrid). */
function windowOf(t: number, minutes: number): number | undefined {
  const s = session(etDate(t));
  if (s === undefined || t < s.open || t >= s.close) return undefined;
  return s.open + Math.floor((t - s.open) / (minutes * MINUTE)) * minutes * MINUTE;
}

describe.skipIf(!present)('real SPY 1-minute data (shared, 63 sessions)', () => {
  it('15-minute candles: every regular bar in exactly one candle, OHLCV as the reference, order-independent within a session', () => {
    const bars = load();
    const run = (input: readonly Bar[], clock: boolean) => {
      const agg = new CandleAggregator({ symbol: 'SPY', timeframe: '15Min', fetchEmptyWindows: false });
      const events = input.flatMap((b) => (clock ? [...agg.onTime(b.t + MINUTE), ...agg.onBar(b)] : agg.onBar(b)));
      events.push(...agg.onTime(input.reduce((m, b) => Math.max(m, b.t), 0) + 24 * 3_600_000));
      return events;
    };
    const events = run(bars, true);
    const candles = candlesOf(events);
    const groups = new Map<number, Bar[]>();
    for (const b of bars) {
      const w = windowOf(b.t, 15);
      if (w === undefined) continue;
      const group = groups.get(w);
      if (group === undefined) groups.set(w, [b]);
      else group.push(b);
    }
    expect(candles.map((c) => c.t)).toEqual([...groups.keys()]);
    for (const c of candles) {
      const inside = groups.get(c.t)!;
      expect(c).toMatchObject(referenceOhlcv(inside));
      expect(c.partial).toBe(inside.length < (c.end - c.t) / MINUTE);
      const pv = inside.reduce((s, b) => s + b.vwap! * b.volume, 0);
      expect(c.vwap!).toBeCloseTo(pv / c.volume, 6);
    }
    const kinds = new Set(diagnosticsOf(events).map((d) => d.code));
    expect([...kinds].every((k) => ['OUT_OF_SESSION', 'PARTIAL_WINDOW', 'EMPTY_WINDOW_SKIPPED'].includes(k))).toBe(true);
    const regular = [...groups.values()].reduce((n, g) => n + g.length, 0);
    expect(diagnosticsOf(events, 'OUT_OF_SESSION')).toHaveLength(bars.length - regular);
    // each session's bars shuffled, with no clock until the end, give the same candles (one session at a
    // time: a bar of the next session closes the previous one)
    const byDay = new Map<string, Bar[]>();
    for (const b of bars) {
      const day = byDay.get(etDate(b.t));
      if (day === undefined) byDay.set(etDate(b.t), [b]);
      else day.push(b);
    }
    const scrambled = candlesOf(run([...byDay.values()].flatMap((day, i) => shuffled(day, i)), false));
    expect(scrambled.map(({ vwap: _v, ...c }) => c)).toEqual(candles.map(({ vwap: _v, ...c }) => c));
  });
});

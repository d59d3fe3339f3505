// Golden test of velez on the committed 500-candle series (test/fixtures/strategies/velez-500.json, written by
// make-velez-series.ts): candles in → exact intents out, including the reasons' key numbers.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import type { Bar } from '../../../domain/bar.js';
import { driveStrategy, intentSteps } from '../../../../test/fixtures/strategies/strategy-driver.js';
import { VELEZ_SERIES_META, velezSeries } from '../../../../test/fixtures/strategies/velez-series.js';
import { velez } from './velez.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = JSON.parse(readFileSync(join(here, '../../../../test/fixtures/strategies/velez-500.json'), 'utf8')) as {
  symbol: string;
  timeframe: '2Min';
  candles: Omit<Bar, 'symbol' | 'timeframe'>[];
};
const candles: Bar[] = fixture.candles.map((c) => ({ ...c, symbol: fixture.symbol, timeframe: fixture.timeframe }));

function bar(i: number): Bar {
  const c = candles[i];
  if (c === undefined) throw new Error(`no candle ${i}`);
  return c;
}

/** SPEC §5, computed here independently of the strategy: low − max(0.1 % of the price, $0.02), 4 decimals. */
function expectedStop(signal: Bar): number {
  return Math.round((signal.low - Math.max(0.001 * signal.high, 0.02)) * 10_000) / 10_000;
}

const run = driveStrategy(velez, candles);
const byIndex = new Map(intentSteps(run).map((s) => [s.index, s.intents]));

describe('velez on the 500-candle golden series', () => {
  it('the committed file equals its generator (velez-series.ts), and is 500 two-minute candles', () => {
    expect(fixture).toEqual({ ...VELEZ_SERIES_META, candles: velezSeries() });
    expect(candles).toHaveLength(500);
  });

  it('acts only after the SMA200 warm-up', () => {
    expect(run.steps[0]?.index).toBe(200);
  });

  it('emits exactly: entry 249, raise 255, raise 258, flat exit 387, entry 412', () => {
    expect([...byIndex.entries()].map(([i, intents]) => [i, intents.map((x) => x.action)])).toEqual([
      [249, ['enter_long']],
      [255, ['move_stop']],
      [258, ['move_stop']],
      [387, ['exit']],
      [412, ['enter_long']],
    ]);
    expect(run.events).toEqual([
      { index: 250, kind: 'fill', price: 100.96 },
      { index: 388, kind: 'exited', price: bar(388).open },
      { index: 413, kind: 'expired', price: 101.9 },
    ]);
  });

  it('finds convergence + strong candle + divergence; buy-stop at the high, stop at low − max(0.1 %, $0.02)', () => {
    const signal = bar(249);
    const [intent] = byIndex.get(249) ?? [];
    expect(intent).toMatchObject({
      action: 'enter_long',
      symbol: 'VLZ',
      entry: { type: 'stop', price: signal.high, expiresAfterCandles: 1 },
      stop: expectedStop(signal),
    });
    expect(intent?.stop).toBe(100.259); // 100.36 − 0.10096
    expect(intent?.reason).toBe(
      'SMA20 100.40 within 0.35% of SMA200 100.0534; strong candle body 83%; divergence widening ' +
        '(SMA20 100.425 rising, gap 0.3467 -> 0.3671); green run 1/3; buy-stop at 100.96, stop 100.259',
    );
    const second = byIndex.get(412)?.[0];
    expect(second).toMatchObject({ entry: { type: 'stop', price: 101.9, expiresAfterCandles: 1 }, stop: expectedStop(bar(412)) });
    expect(second?.stop).toBe(101.3181); // 101.42 − 0.1019
    expect(second?.reason).toContain('green run 3/3'); // a run of 3 is allowed
  });

  it('expires the buy-stop after 1 candle: state forgets the setup and nothing re-enters', () => {
    expect(run.steps.find((s) => s.index === 412)?.state).toMatchObject({ pending: { signalTs: bar(412).t, entry: 101.9 } });
    for (const s of run.steps.filter((x) => x.index >= 413)) {
      expect(s.state).toEqual({ pending: null, trade: null });
      if (s.index < 481) expect(s.intents).toEqual([]);
    }
  });

  it('trails after a pullback and 2 continuations (a doji counts as neither), never lowering the stop', () => {
    expect(byIndex.get(255)).toEqual([
      {
        action: 'move_stop',
        symbol: 'VLZ',
        stop: bar(252).low,
        reason: 'pullback low 100.90 followed by 2 continuation candles (close 101.25); raise stop 100.259 -> 100.90',
      },
    ]);
    // 254 is a doji with close < open and a lower low than 253: as a red it would restart the pullback at 100.93,
    // as a green it would raise the stop one candle early. It does neither.
    expect(byIndex.has(254)).toBe(false);
    expect(byIndex.get(258)?.[0]).toMatchObject({ action: 'move_stop', stop: bar(256).low });
    const stops = run.steps.filter((s) => s.position.side === 'long').map((s) => s.position.stop ?? -Infinity);
    expect(stops.length).toBeGreaterThan(100);
    stops.forEach((stop, i) => {
      expect(stop).toBeGreaterThanOrEqual(stops[i - 1] ?? -Infinity);
    });
  });

  it('goes flat on the candle ending 4 minutes before the close (15:54–15:56 ET)', () => {
    const step = run.steps.find((s) => s.index === 387);
    expect(step?.session).toMatchObject({ date: '2025-04-09', minutesToClose: 4, isLastCandle: false });
    expect(new Date(bar(387).t).toISOString()).toBe('2025-04-09T19:54:00.000Z');
    expect(step?.intents).toEqual([
      {
        action: 'exit',
        symbol: 'VLZ',
        reason: 'flat before the close: candle ends 4 min before the session close (window 5 min); exit long at market',
      },
    ]);
    expect(run.steps.find((s) => s.index === 386)?.intents).toEqual([]);
  });

  it('a 4th consecutive green is not a signal (candle 223), but is with max_run_candles 4', () => {
    expect(byIndex.has(223)).toBe(false);
    const relaxed = driveStrategy(velez, candles, { max_run_candles: 4 });
    const at223 = relaxed.steps.find((s) => s.index === 223)?.intents[0];
    expect(at223).toMatchObject({ action: 'enter_long', entry: { price: 100.52 }, stop: expectedStop(bar(223)) });
    expect(at223?.reason).toContain('green run 4/4');
  });

  it('a strong candle with divergence but no convergence is not a signal (481), unless tightness allows it', () => {
    expect(byIndex.has(481)).toBe(false);
    const loose = driveStrategy(velez, candles, { tightness_pct: 0.05 });
    expect(loose.steps.find((s) => s.index === 481)?.intents[0]?.reason).toMatch(/^SMA20 104\.5755 within 2\.53% of SMA200/);
  });

  it('is deterministic: a second run gives the same steps and events', () => {
    expect(JSON.stringify(driveStrategy(velez, candles))).toBe(JSON.stringify(run));
  });
});

// rsi_mean_reversion parameter schema: defaults equal SPEC §5/§6; bad values are rejected with key, value, range.
import { describe, expect, it } from 'vitest';

import { rsiMeanReversion } from './rsi-mean-reversion.js';
import { rsiMeanReversionParams } from './rsi-mean-reversion-params.js';

function issues(input: unknown): string[] {
  const result = rsiMeanReversionParams.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('rsi_mean_reversion params', () => {
  it('an empty object gives the SPEC defaults; warm-up covers the first RSI and the one before the cross', () => {
    const p = rsiMeanReversionParams.parse({});
    expect(p).toEqual({ period: 14, oversold: 30, overbought: 70, stop_loss_pct: 0.015, take_profit_pct: 0.02 });
    expect(rsiMeanReversion.warmUp(p)).toBe(16);
    expect(rsiMeanReversion.defaultTimeframe).toBe('1Min');
  });

  it('rejects out-of-range values naming the key, the value and the allowed range', () => {
    expect(issues({ period: 1 })).toEqual(['period: invalid value 1: expected an integer from 2 to 500']);
    expect(issues({ oversold: 0 })).toEqual(['oversold: invalid value 0: expected a number from 1 to 99']);
    expect(issues({ take_profit_pct: 0.3 })).toEqual(['take_profit_pct: invalid value 0.3: expected a number from 0.001 to 0.2']);
    expect(issues({ period: '14' })).toEqual(['period: invalid value "14": expected an integer from 2 to 500']);
  });

  it('rejects overbought ≤ oversold and unknown keys', () => {
    expect(issues({ oversold: 70, overbought: 70 })).toEqual(['overbought: invalid value 70: overbought must be greater than oversold']);
    expect(issues({ rsi_period: 10 })).toEqual([': Unrecognized key: "rsi_period"']);
  });
});

// momentum_breakout parameter schema: defaults equal SPEC §5/§6; bad values are rejected with key, value, range.
import { describe, expect, it } from 'vitest';

import { momentumBreakout } from './momentum-breakout.js';
import { momentumBreakoutParams } from './momentum-breakout-params.js';

function issues(input: unknown): string[] {
  const result = momentumBreakoutParams.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('momentum_breakout params', () => {
  it('an empty object gives the SPEC defaults', () => {
    const p = momentumBreakoutParams.parse({});
    expect(p).toEqual({
      vwap_buffer_pct: 0.001,
      vwap_source: 'typical',
      volume_multiple: 1.5,
      volume_period: 20,
      min_price: 10,
      max_price: 500,
      stop_loss_pct: 0.015,
      take_profit_pct: 0.02,
      trailing_activation_pct: 0.02,
      trail_pct: 0.015,
    });
    expect(momentumBreakout.warmUp(p)).toBe(21);
    expect(momentumBreakout.defaultTimeframe).toBe('1Min');
  });

  it('rejects out-of-range values naming the key, the value and the allowed range', () => {
    expect(issues({ stop_loss_pct: 0.5 })).toEqual(['stop_loss_pct: invalid value 0.5: expected a number from 0.001 to 0.2']);
    expect(issues({ volume_period: 1 })).toEqual(['volume_period: invalid value 1: expected an integer from 2 to 500']);
    expect(issues({ volume_multiple: 0.5 })).toEqual(['volume_multiple: invalid value 0.5: expected a number from 1 to 20']);
    expect(issues({ vwap_source: 'close' })).toEqual(['vwap_source: invalid value "close": expected one of typical, bar-vwap']);
  });

  it('rejects an empty price band and unknown keys', () => {
    expect(issues({ min_price: 600 })).toEqual(['max_price: invalid value 500: max_price must be greater than min_price']);
    expect(issues({ stop_pct: 0.01 })).toEqual([': Unrecognized key: "stop_pct"']);
  });
});

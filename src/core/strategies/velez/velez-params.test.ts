// velez parameter schema: defaults equal SPEC §5; bad values are rejected naming the key, value and range.
import { describe, expect, it } from 'vitest';

import { velez } from './velez.js';
import { velezParams } from './velez-params.js';

function issues(input: unknown): string[] {
  const result = velezParams.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('velez params', () => {
  it('an empty object gives the SPEC §5 defaults', () => {
    expect(velezParams.parse({})).toEqual({
      fast: 20,
      slow: 200,
      tightness_pct: 0.02,
      strong_body_pct: 0.5,
      doji_body_pct: 0.1,
      max_run_candles: 3,
      stop_buffer_pct: 0.001,
      stop_buffer_min: 0.02,
      entry_expiry_candles: 1,
      continuation_candles: 2,
      flat_minutes_before_close: 5,
    });
    expect(velez.defaultTimeframe).toBe('2Min');
    expect(velez.warmUp(velezParams.parse({}))).toBe(201);
  });

  it('rejects out-of-range values naming the key, the value and the allowed range', () => {
    expect(issues({ fast: 1 })).toEqual(['fast: invalid value 1: expected an integer from 2 to 1000']);
    expect(issues({ max_run_candles: 2.5 })).toEqual(['max_run_candles: invalid value 2.5: expected an integer from 1 to 20']);
    expect(issues({ tightness_pct: 2 })).toEqual(['tightness_pct: invalid value 2: expected a number from 0.0001 to 0.2']);
    expect(issues({ stop_buffer_min: '0.02' })).toEqual(['stop_buffer_min: invalid value "0.02": expected a number from 0 to 5']);
    expect(issues({ tightness_pct: Number.NaN })).toHaveLength(1);
  });

  it('rejects slow ≤ fast, a doji threshold not below the strong one, and unknown keys', () => {
    expect(issues({ fast: 50, slow: 50 })).toEqual(['slow: invalid value 50: slow must be greater than fast']);
    expect(issues({ doji_body_pct: 0.5, strong_body_pct: 0.5 })).toEqual([
      'doji_body_pct: invalid value 0.5: doji_body_pct must be below strong_body_pct',
    ]);
    expect(issues({ tightnes_pct: 0.01 })).toEqual([': Unrecognized key: "tightnes_pct"']);
  });
});

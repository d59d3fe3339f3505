// checkDecision's no-intents path (taken without zod on most candles) must judge exactly as the full schema does.
import { describe, expect, it } from 'vitest';
import { checkDecision } from './decision-check.js';
import { findNonJson } from './json-state.js';

const ctx = { symbol: 'AAPL', close: 100, positionSide: 'flat' } as const;

describe('checkDecision: a decision with no intents', () => {
  it('accepts { intents: [], state } with a JSON state and returns that state', () => {
    const state = { lastSign: 1, list: [1, 'a', null, { b: true }] };
    const check = checkDecision({ intents: [], state }, ctx);
    expect(check).toEqual({ ok: true, intents: [], state });
    if (check.ok) expect(check.state).toBe(state);
  });

  it('refuses a state that is not JSON, naming the path', () => {
    expect(checkDecision({ intents: [], state: { x: Number.NaN } }, ctx)).toEqual({ ok: false, problem: 'state.x: NaN is not a finite number' });
    expect(checkDecision({ intents: [], state: { d: new Date(0) } }, ctx)).toMatchObject({ ok: false, problem: expect.stringContaining('state.d: a Date instance') as unknown });
  });

  it('refuses a missing state and an unknown key (strict), as the schema does', () => {
    expect(checkDecision({ intents: [] }, ctx).ok).toBe(false);
    expect(checkDecision({ intents: [], state: 1, stopLoss: 5 }, ctx)).toMatchObject({ ok: false, problem: expect.stringContaining('stopLoss') as unknown });
  });

  it('sends anything else through the schema: a non-array intents, a class instance, null', () => {
    expect(checkDecision({ intents: {}, state: 1 }, ctx).ok).toBe(false);
    expect(checkDecision(null, ctx).ok).toBe(false);
    class Out { intents = []; state = 1; }
    expect(checkDecision(new Out(), ctx)).toEqual(checkDecision({ intents: [], state: 1 }, ctx));
  });
});

describe('findNonJson (the state check)', () => {
  it('names the path of a cycle, accepts an object reached twice without a cycle, and looks inside arrays', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop['self'] = { back: loop };
    expect(findNonJson(loop)).toBe('state.self.back: circular reference');
    const shared = { x: 1 };
    expect(findNonJson({ left: shared, right: shared, list: [shared, [shared]] })).toBeUndefined();
    expect(findNonJson({ list: [{ ok: 1 }, { bad: Number.POSITIVE_INFINITY }] })).toBe('state.list[1].bad: Infinity is not a finite number');
    const arr: unknown[] = [];
    arr.push([arr]);
    expect(findNonJson({ arr })).toBe('state.arr[0][0]: circular reference');
    expect(findNonJson({ skip: undefined, n: null, s: 's', b: false })).toBeUndefined();
    expect(findNonJson({ f: () => 1 })).toBe('state.f: a function is not JSON');
  });
});

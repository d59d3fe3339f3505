import { describe, expect, it } from 'vitest';
import { isOneOf, isTerminalState, OPEN_STATES, ORDER_STATES, TERMINAL_STATES } from './order.js';

describe('order vocabulary', () => {
  it('open and terminal states partition the states of SPEC §7', () => {
    expect([...OPEN_STATES, ...TERMINAL_STATES].sort()).toEqual([...ORDER_STATES].sort());
    expect(TERMINAL_STATES).toEqual(['FILLED', 'CANCELED', 'EXPIRED', 'REJECTED', 'SUBMIT_FAILED']);
  });

  it('isTerminalState agrees with TERMINAL_STATES', () => {
    for (const state of ORDER_STATES) expect(isTerminalState(state)).toBe((TERMINAL_STATES as readonly string[]).includes(state));
  });

  it('isOneOf narrows only members', () => {
    expect(isOneOf(ORDER_STATES, 'FILLED')).toBe(true);
    expect(isOneOf(ORDER_STATES, 'filled')).toBe(false);
  });
});

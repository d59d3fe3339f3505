import { describe, expect, it } from 'vitest';
import type { Intent, SignalContext } from '../../domain/intent.js';
import { evaluateRisk } from './evaluate-risk.js';
import type { RiskDecision } from './risk-decision.js';
import { RISK_CODES, type RiskCode } from './risk-denial.js';
import { RiskFactsError, type RiskFacts } from './risk-facts.js';
import { RiskLimitsError, type RiskLimits } from './risk-limits.js';
import { RISK_RULE_ORDER, type RiskRuleName } from './risk-rule.js';
import { account, d, etDateTime, position, roundTrip, testFacts, testLimits, testSignal } from './risk-test-kit.js';
import { toSignalDecision } from './signal-decision.js';

interface Scenario {
  readonly intent: Partial<Intent>;
  readonly context: Partial<SignalContext>;
  readonly limits: Partial<RiskLimits>;
  readonly facts: Partial<RiskFacts>;
}
const EMPTY: Scenario = { intent: {}, context: {}, limits: {}, facts: {} };
const mon = (hhmm: string) => etDateTime('2025-01-06', hhmm);

function merge(a: Scenario, b: Scenario): Scenario {
  return {
    intent: { ...a.intent, ...b.intent },
    context: { ...a.context, ...b.context },
    limits: { ...a.limits, ...b.limits },
    facts: {
      ...a.facts, ...b.facts,
      openPositions: [...(a.facts.openPositions ?? []), ...(b.facts.openPositions ?? [])],
      recentRoundTrips: [...(a.facts.recentRoundTrips ?? []), ...(b.facts.recentRoundTrips ?? [])],
    },
  };
}

function run(s: Scenario): RiskDecision {
  return evaluateRisk({ signal: testSignal('enter_long', s.intent, s.context), limits: testLimits(s.limits), facts: testFacts(s.facts) });
}

const part = (p: Partial<Scenario>): Scenario => ({ ...EMPTY, ...p });

// For each rule, a change to the default (approvable) AAPL long entry that makes exactly that rule refuse.
const DENIERS: readonly (readonly [RiskRuleName, RiskCode, Scenario])[] = [
  ['kill_switch', 'KILL_SWITCH_ON', part({ facts: { killSwitch: { on: true, reason: 'test' } } })],
  ['failure_breaker', 'BREAKER_TRIPPED', part({ facts: { breaker: { tripped: true, reason: 'test' } } })],
  ['intent_validity', 'INVALID_INTENT', part({ intent: { symbol: 'MSFT' } })],
  ['loss_streak_pause', 'LOSS_STREAK_PAUSE', part({ facts: { recentRoundTrips: [roundTrip(mon('09:40'), -1), roundTrip(mon('09:45'), -1), roundTrip(mon('09:50'), -1)] } })],
  ['market_hours', 'MARKET_CLOSED', part({ facts: { now: mon('16:30') } })],
  ['daily_trade_count', 'DAILY_TRADE_LIMIT', part({ facts: { entriesToday: 20 } })],
  ['day_trade_budget', 'DAY_TRADE_BUDGET', part({ limits: { day_trade_budget: 1 }, facts: { recentRoundTrips: [roundTrip(mon('09:35'), 5, mon('09:30'))] } })],
  ['daily_loss_limit', 'DAILY_LOSS_LIMIT', part({ facts: { pnlToday: d(-600) } })],
  ['max_drawdown', 'MAX_DRAWDOWN', part({ facts: { peakEquity: d(30000) } })],
  ['open_positions', 'MAX_OPEN_POSITIONS', part({ facts: { openPositions: ['A', 'B', 'C', 'D', 'E'].map((s) => position(s, 'long', 1, 10)) } })],
  ['conflicting_position', 'CONFLICTING_POSITION', part({ facts: { openPositions: [position('AAPL', 'short', 1, 10)] } })],
  ['buying_power', 'INSUFFICIENT_BUYING_POWER', part({ facts: { account: account(25000, 1000) } })],
  ['sizing', 'SIZE_ZERO', part({ intent: { sizeFraction: 0 } })],
  ['position_cap', 'POSITION_CAP', part({ limits: { sizing_mode: 'fixed' }, context: { price: 2000 } })],
  ['notional_cap', 'NOTIONAL_CAP', part({ limits: { notional_max: 5 } })],
];

// Pairs that cannot both refuse by construction: a held AAPL is not a new position; the buying-power rule
// weighs the final size, so it cannot refuse an order that sizing or a cap already cut to zero.
const EXCLUSIVE = new Set(['open_positions+conflicting_position', 'buying_power+sizing', 'buying_power+position_cap', 'buying_power+notional_cap']);

const codeOf = (decision: RiskDecision) => (decision.approved ? 'APPROVED' : decision.denial.code);

describe('evaluateRisk: order of the rules (SPEC §6)', () => {
  it('approves the baseline entry', () => {
    expect(codeOf(run(EMPTY))).toBe('APPROVED');
  });

  it('the deniers follow RISK_RULE_ORDER and each alone gives its code', () => {
    expect(DENIERS.map(([rule]) => rule)).toEqual([...RISK_RULE_ORDER]);
    for (const [, code, scenario] of DENIERS) expect(codeOf(run(scenario))).toBe(code);
  });

  it('when two rules would refuse, the earlier one in SPEC order gives the reason', () => {
    let pairs = 0;
    for (let i = 0; i < DENIERS.length; i++) {
      for (let j = i + 1; j < DENIERS.length; j++) {
        const [first, code, a] = DENIERS[i]!;
        const [second, , b] = DENIERS[j]!;
        if (EXCLUSIVE.has(`${first}+${second}`)) continue;
        expect(codeOf(run(merge(a, b))), `${first} before ${second}`).toBe(code);
        pairs++;
      }
    }
    expect(pairs).toBe(101);
  });

  it('all refusals at once: the kill switch wins', () => {
    const all = DENIERS.map(([, , s]) => s).reduce(merge, EMPTY);
    expect(codeOf(run(all))).toBe('KILL_SWITCH_ON');
  });
});

describe('evaluateRisk: recorded checks', () => {
  it('an approved entry records every rule in order', () => {
    const decision = run(EMPTY);
    expect(decision.checks.map((c) => c.rule)).toEqual([...RISK_RULE_ORDER]);
    expect(decision.checks.every((c) => c.result === 'pass' || c.result === 'adjust')).toBe(true);
  });

  it('a denial records the rules that passed and the refusing one, then stops', () => {
    const decision = run(part({ facts: { entriesToday: 20 } }));
    expect(decision.checks.map((c) => `${c.rule}:${c.result}`)).toEqual([
      'kill_switch:pass', 'failure_breaker:pass', 'intent_validity:pass', 'loss_streak_pause:pass', 'market_hours:pass', 'daily_trade_count:deny',
    ]);
    expect(decision.checks.at(-1)?.note).toContain('DAILY_TRADE_LIMIT');
  });

  it('an exit skips the entry limits, sizing and caps', () => {
    const facts = testFacts({ openPositions: [position('AAPL', 'long', 40, 10)], entriesToday: 99, pnlToday: d(-5000) });
    const decision = evaluateRisk({ signal: testSignal('exit'), limits: testLimits(), facts });
    expect(decision.approved).toBe(true);
    const ran = decision.checks.filter((c) => c.result === 'pass').map((c) => c.rule);
    expect(ran).toEqual(['kill_switch', 'failure_breaker', 'intent_validity', 'market_hours']);
    expect(decision.checks.filter((c) => c.result === 'skip')).toHaveLength(RISK_RULE_ORDER.length - 4);
  });
});

describe('evaluateRisk: the signals row and bad input', () => {
  it('maps approved and denied decisions onto the signals columns', () => {
    const ok = toSignalDecision(run(EMPTY));
    expect(ok).toMatchObject({ decision: 'approved', code: null });
    expect(ok.qty?.toString()).toBe('125');
    expect(ok.reason).toContain('125 shares at $10.00');
    const no = toSignalDecision(run(part({ facts: { pnlToday: d(-600) } })));
    expect(no).toMatchObject({ decision: 'denied', code: 'DAILY_LOSS_LIMIT', qty: null });
    expect(no.reason).toContain('-$600.00');
  });

  it('every denial code is one of RISK_CODES', () => {
    for (const [, code] of DENIERS) expect(RISK_CODES).toContain(code);
  });

  it('throws a clear error for an out-of-range limit or malformed facts (a runtime bug, not a refusal)', () => {
    expect(() => evaluateRisk({ signal: testSignal(), limits: testLimits({ max_position_pct: 0.5 }), facts: testFacts() })).toThrow(
      new RiskLimitsError('risk limit max_position_pct = 0.5 is out of range: allowed 0.01–0.25'),
    );
    expect(() => evaluateRisk({ signal: testSignal(), limits: testLimits(), facts: testFacts({ entriesToday: -1 }) })).toThrow(RiskFactsError);
    expect(() => evaluateRisk({ signal: testSignal(), limits: testLimits(), facts: testFacts({ now: Number.NaN }) })).toThrow(/now = NaN/);
  });
});

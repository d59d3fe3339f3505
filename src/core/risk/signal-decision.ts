// Maps a risk decision onto the `signals` row's decision columns (SPEC §9: risk_decision, risk_code,
// risk_reason, qty), so every signal — approved or not — is recorded the same way.
// Must never: drop the reason of a denial or record a quantity for one.
import type { SignalDecision } from '../../ports/store-records.js';
import type { RiskDecision } from './risk-decision.js';

/** The columns to complete the signal's row with (the client_order_id is added by the order manager). */
export function toSignalDecision(decision: RiskDecision): SignalDecision {
  if (!decision.approved) {
    return { decision: 'denied', code: decision.denial.code, reason: decision.denial.reason, qty: null };
  }
  return { decision: 'approved', code: null, reason: decision.reason, qty: decision.qty };
}

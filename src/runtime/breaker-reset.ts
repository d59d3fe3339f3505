// Startup handling of the failure circuit breaker (SPEC S3, §10 "breaker check"): CIRCUIT_BREAKER_RESET=true
// clears a tripped breaker once, recording and logging who and when; otherwise a tripped breaker is reported
// so startup can refuse to trade.
// Must never: reset the breaker without the flag, or stay silent about a tripped breaker.
import { userInfo } from 'node:os';
import type { BreakerState, Store } from '../ports/store.js';

export type BreakerLogLevel = 'info' | 'warn' | 'error';
export type BreakerLog = (level: BreakerLogLevel, msg: string, fields: Record<string, unknown>) => void;

export interface BreakerStartupInput {
  readonly store: Pick<Store, 'breaker'>;
  /** CIRCUIT_BREAKER_RESET from the configuration. */
  readonly resetFlag: boolean;
  /** Who is starting the bot (recorded as reset_by), e.g. `osUserName()`. */
  readonly who: string;
  readonly log: BreakerLog;
}

export interface BreakerStartupResult {
  /** The breaker after startup handling; trading must not start while `state.tripped`. */
  readonly state: BreakerState;
  /** True when this call cleared a tripped breaker. */
  readonly reset: boolean;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The OS user name, or `unknown-user` when the system cannot tell (some containers). */
export function osUserName(env: Readonly<Record<string, string | undefined>> = process.env): string {
  try {
    const name = userInfo().username;
    if (name !== '') return name;
  } catch {
    // No passwd entry for this uid: fall back to the environment.
  }
  return env.USER ?? env.USERNAME ?? 'unknown-user';
}

/**
 * Applies CIRCUIT_BREAKER_RESET at startup and logs the outcome.
 * - flag set, breaker tripped: reset it (reset_by = `${who} via CIRCUIT_BREAKER_RESET`), WARN with who/when/why.
 * - flag set, not tripped: INFO, nothing changes.
 * - flag not set, tripped: ERROR naming the reason and how to reset; the caller refuses to trade.
 * In both flag cases the log reminds to unset the flag, so a later trip is not silently cleared by a restart.
 */
export function applyBreakerResetAtStartup(input: BreakerStartupInput): BreakerStartupResult {
  const { store, resetFlag, who, log } = input;
  const current = store.breaker.readBreaker();
  if (!resetFlag) {
    if (current.tripped) {
      log('error', 'failure circuit breaker is tripped: trading is refused until a person resets it (alpaca-bot breaker reset, or CIRCUIT_BREAKER_RESET=true at startup)', {
        reason: current.reason,
        tripped_at: iso(current.trippedAt),
      });
    }
    return { state: current, reset: false };
  }
  if (!current.tripped) {
    log('info', 'CIRCUIT_BREAKER_RESET=true but the failure circuit breaker is not tripped: nothing to reset; unset CIRCUIT_BREAKER_RESET', { who });
    return { state: current, reset: false };
  }
  const { state } = store.breaker.resetBreaker(`${who} via CIRCUIT_BREAKER_RESET`);
  log('warn', 'failure circuit breaker reset at startup by CIRCUIT_BREAKER_RESET=true; unset it so the next trip is not cleared by a restart', {
    reset_by: state.resetBy,
    reset_at: iso(state.resetAt),
    previous_reason: current.reason,
    previous_tripped_at: iso(current.trippedAt),
  });
  return { state, reset: true };
}

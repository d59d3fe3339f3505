// The failure circuit breaker (SPEC S3), persisted in bot_state under the key `breaker` so it survives restarts
// and is seen by every process (the bot, `alpaca-bot breaker`, the dashboard). Each change is one IMMEDIATE
// transaction (read, count, write), so concurrent processes never lose a count.
// Must never: reset itself (only a person resets it), or read an unreadable row as "not tripped": a row that
// cannot be parsed reads as tripped, fail-safe.
import * as z from 'zod';
import {
  BREAKER_ORDER_FAILURE_LIMIT,
  BREAKER_RECONNECT_FAILURE_LIMIT,
  InvalidStoreValueError,
  type BreakerStateRepo,
} from '../../ports/store.js';
import type { BreakerChange, BreakerReset, BreakerState, JsonObject } from '../../ports/store-records.js';
import type { SqliteBotStateRepo } from './bot-state-repo.js';
import type { SqliteContext } from './sqlite-context.js';

/** The bot_state key holding the breaker; deleting that row resets it (SPEC S3). */
export const BREAKER_KEY = 'breaker';
const MAX_DETAIL = 500;

/** The state of a breaker that has never tripped. */
export const BREAKER_CLEAR: BreakerState = Object.freeze({
  tripped: false,
  reason: null,
  trippedAt: null,
  consecutiveOrderFailures: 0,
  consecutiveReconnectFailures: 0,
  resetBy: null,
  resetAt: null,
});

const storedSchema = z.object({
  tripped: z.boolean(),
  reason: z.string().nullable(),
  tripped_at: z.number().int().nullable(),
  consecutive_order_failures: z.number().int().min(0),
  consecutive_reconnect_failures: z.number().int().min(0),
  reset_by: z.string().nullable(),
  reset_at: z.number().int().nullable(),
});

/** Decodes the stored JSON; absent → clear, unreadable → tripped (fail-safe). */
export function decodeBreaker(value: unknown): BreakerState {
  if (value === undefined) return BREAKER_CLEAR;
  const parsed = storedSchema.safeParse(value);
  if (!parsed.success) {
    const problem = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    return { ...BREAKER_CLEAR, tripped: true, reason: `breaker state in bot_state is unreadable (${problem}); treated as tripped until reset` };
  }
  const s = parsed.data;
  return {
    tripped: s.tripped,
    reason: s.reason,
    trippedAt: s.tripped_at,
    consecutiveOrderFailures: s.consecutive_order_failures,
    consecutiveReconnectFailures: s.consecutive_reconnect_failures,
    resetBy: s.reset_by,
    resetAt: s.reset_at,
  };
}

/** The JSON stored in bot_state (snake_case, epoch-ms times). */
export function encodeBreaker(state: BreakerState): JsonObject {
  return {
    tripped: state.tripped,
    reason: state.reason,
    tripped_at: state.trippedAt,
    consecutive_order_failures: state.consecutiveOrderFailures,
    consecutive_reconnect_failures: state.consecutiveReconnectFailures,
    reset_by: state.resetBy,
    reset_at: state.resetAt,
  };
}

function checkLimit(limit: number, name: string): number {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new InvalidStoreValueError(`${name} must be a positive integer, got ${String(limit)}`);
  return limit;
}

function withDetail(summary: string, detail: string | undefined): string {
  if (detail === undefined || detail === '') return summary;
  return `${summary}; last: ${detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL)}…` : detail}`;
}

/** SQLite implementation of {@link BreakerStateRepo}. Detail texts must not contain secrets (they are stored). */
export class SqliteBreakerStateRepo implements BreakerStateRepo {
  readonly #ctx: SqliteContext;
  readonly #botState: SqliteBotStateRepo;

  constructor(ctx: SqliteContext, botState: SqliteBotStateRepo) {
    this.#ctx = ctx;
    this.#botState = botState;
  }

  readBreaker(): BreakerState {
    return decodeBreaker(this.#botState.get(BREAKER_KEY));
  }

  recordOrderFailure(detail?: string, limit = BREAKER_ORDER_FAILURE_LIMIT): BreakerChange {
    checkLimit(limit, 'order failure limit');
    return this.#change((s, now) => {
      const count = s.consecutiveOrderFailures + 1;
      const next = { ...s, consecutiveOrderFailures: count };
      return count >= limit ? trip(next, withDetail(`${String(count)} consecutive order failures`, detail), now) : next;
    });
  }

  recordOrderSuccess(): BreakerState {
    return this.#change((s) => ({ ...s, consecutiveOrderFailures: 0 })).state;
  }

  recordReconnectFailure(detail?: string, limit = BREAKER_RECONNECT_FAILURE_LIMIT): BreakerChange {
    checkLimit(limit, 'reconnect failure limit');
    return this.#change((s, now) => {
      const count = s.consecutiveReconnectFailures + 1;
      const next = { ...s, consecutiveReconnectFailures: count };
      return count >= limit ? trip(next, withDetail(`${String(count)} consecutive stream reconnect failures`, detail), now) : next;
    });
  }

  recordReconnectSuccess(): BreakerState {
    return this.#change((s) => ({ ...s, consecutiveReconnectFailures: 0 })).state;
  }

  tripBreaker(reason: string): BreakerChange {
    if (reason.trim() === '') throw new InvalidStoreValueError('breaker trip reason must not be empty');
    return this.#change((s, now) => trip(s, withDetail(reason, undefined), now));
  }

  resetBreaker(by: string): BreakerReset {
    if (by.trim() === '') throw new InvalidStoreValueError('breaker reset must name who reset it');
    return this.#ctx.tx(() => {
      const previous = this.readBreaker();
      const state: BreakerState = {
        ...previous,
        tripped: false,
        consecutiveOrderFailures: 0,
        consecutiveReconnectFailures: 0,
        resetBy: by,
        resetAt: this.#ctx.now(),
      };
      this.#botState.set(BREAKER_KEY, encodeBreaker(state));
      return { previous, state };
    });
  }

  #change(update: (state: BreakerState, now: number) => BreakerState): BreakerChange {
    return this.#ctx.tx(() => {
      const previous = this.readBreaker();
      const state = update(previous, this.#ctx.now());
      // A success with nothing to clear is the common case: skip the write (and its fsync).
      if (JSON.stringify(encodeBreaker(state)) !== JSON.stringify(encodeBreaker(previous))) this.#botState.set(BREAKER_KEY, encodeBreaker(state));
      return { state, trippedNow: !previous.tripped && state.tripped };
    });
  }
}

/** Trips `state`; an already tripped breaker keeps its first reason and time. */
function trip(state: BreakerState, reason: string, now: number): BreakerState {
  if (state.tripped) return state;
  return { ...state, tripped: true, reason: reason.slice(0, MAX_DETAIL * 2), trippedAt: now };
}

// The strategy side of persistence (SPEC §5, §9): the decision log (`signals`: every intent with its reason,
// risk columns left for the execution side's recordDecision), the last action per (strategy, symbol) in
// bot_state so a duplicate consecutive signal is suppressed across restarts, and the strategy's state so a
// restart resumes. All writes of one candle go in one transaction.
// Must never: swallow a store error (if the store cannot be written the engine halts, DESIGN §3.6), or let a
// suppressed intent reach the log as a signal.
import type { Timeframe } from '../../domain/bar.js';
import { Decimal } from '../../domain/decimal.js';
import { parseStrategyId, parseTicker } from '../../domain/ids.js';
import { INTENT_ACTIONS, type Intent, type IntentAction, type Signal } from '../../domain/intent.js';
import type { JsonValue, Store } from '../../ports/store.js';
import { deriveCorrelationId } from './correlation-id.js';
import { candleTime, type SignalSuppressed } from './strategy-events.js';

/** The slice of the store the strategy runtime writes (DESIGN §3.4). */
export type StrategyStore = Pick<Store, 'botState' | 'signals' | 'transaction'>;

/** bot_state value under `last_signal:{strategy}:{symbol}`. */
export interface LastSignal {
  readonly action: IntentAction;
  /** Candle start of that signal, epoch ms. */
  readonly signalTs: number;
  readonly timeframe: string;
  readonly correlationId: string;
  readonly signalId: number;
}

/** bot_state value under `strategy_state:{strategy}:{symbol}`. */
export interface PersistedState {
  readonly stateVersion: number;
  readonly timeframe: string;
  /** The validated params the state was built with (JSON text), so other params start fresh. */
  readonly params: string;
  /** The last candle decided on, epoch ms. */
  readonly candleTs: number;
  /** The state as JSON text. */
  readonly state: string;
}

/** A logged signal, ready for the risk engine and the order manager. */
export interface RecordedSignal {
  /** Row id in `signals`: pass it to `signals.recordDecision` with the risk decision. */
  readonly signalId: number;
  readonly signal: Signal;
}

export const lastSignalKey = (strategy: string, symbol: string): string => `last_signal:${strategy}:${symbol}`;
export const strategyStateKey = (strategy: string, symbol: string): string => `strategy_state:${strategy}:${symbol}`;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a last_signal row; an unreadable one reads as none (it is only a guard against repeats). */
export function readLastSignal(store: StrategyStore, strategy: string, symbol: string): LastSignal | undefined {
  const raw = store.botState.get(lastSignalKey(strategy, symbol));
  if (!isObject(raw) || typeof raw.action !== 'string' || typeof raw.signalTs !== 'number') return undefined;
  if (!(INTENT_ACTIONS as readonly string[]).includes(raw.action)) return undefined;
  return raw as unknown as LastSignal;
}

/** Reads a persisted state row, or undefined when absent or unreadable. */
export function readPersistedState(store: StrategyStore, strategy: string, symbol: string): PersistedState | undefined {
  const raw = store.botState.get(strategyStateKey(strategy, symbol));
  if (!isObject(raw) || typeof raw.state !== 'string' || typeof raw.candleTs !== 'number' || typeof raw.params !== 'string') return undefined;
  return raw as unknown as PersistedState;
}

export interface CandleDecision {
  readonly strategy: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly candleTs: number;
  readonly close: number;
  readonly intents: readonly Intent[];
  /** Set when the state changed and must be persisted. */
  readonly state?: PersistedState;
}

/** What a journal write returns: the logged signals, and the intents suppressed as repeats. */
export interface JournalOutcome {
  readonly recorded: readonly RecordedSignal[];
  readonly suppressed: readonly SignalSuppressed[];
}

const NOTHING_RECORDED: JournalOutcome = Object.freeze({ recorded: Object.freeze([]), suppressed: Object.freeze([]) });

function price(value: number | undefined): Decimal | null {
  return value === undefined ? null : Decimal.fromNumber(value, 6);
}

/**
 * Dedupe + decision log + persistence for the strategy runtime, over the Store port. Last signals are cached
 * after the first read (this runner is the only writer of those keys).
 */
export class SignalJournal {
  readonly #store: StrategyStore;
  /** strategy → symbol → last signal (null: none); nested so the per-candle lookup builds no key string. */
  readonly #last = new Map<string, Map<string, LastSignal | null>>();

  constructor(store: StrategyStore) {
    this.#store = store;
  }

  /** The last recorded action of (strategy, symbol), loaded from bot_state the first time. */
  lastSignal(strategy: string, symbol: string): LastSignal | undefined {
    let cached = this.#last.get(strategy)?.get(symbol);
    if (cached === undefined) {
      cached = readLastSignal(this.#store, strategy, symbol) ?? null;
      this.#remember(strategy, symbol, cached);
    }
    return cached ?? undefined;
  }

  #remember(strategy: string, symbol: string, last: LastSignal | null): void {
    let bySymbol = this.#last.get(strategy);
    if (bySymbol === undefined) {
      bySymbol = new Map();
      this.#last.set(strategy, bySymbol);
    }
    bySymbol.set(symbol, last);
  }

  /**
   * Turns a last entry signal of (strategy, symbol) into an `exit` (its position ended at the broker, or it never
   * became one), in bot_state and in this cache together. Returns false when the last signal was not an entry.
   */
  markEnded(strategy: string, symbol: string): boolean {
    const last = this.lastSignal(strategy, symbol);
    if (last?.action !== 'enter_long' && last?.action !== 'enter_short') return false;
    const ended: LastSignal = { ...last, action: 'exit' };
    this.#store.botState.set(lastSignalKey(strategy, symbol), ended as unknown as JsonValue);
    this.#remember(strategy, symbol, ended);
    return true;
  }

  /** Records one candle's intents (minus duplicates of the last action) and the new state, atomically. */
  record(decision: CandleDecision): JournalOutcome {
    // Most candles decide nothing and leave the state as it was: nothing to write, so no transaction.
    if (decision.intents.length === 0 && decision.state === undefined) return NOTHING_RECORDED;
    const recorded: RecordedSignal[] = [];
    const suppressed: SignalSuppressed[] = [];
    const { strategy, symbol } = decision;
    let last = this.lastSignal(strategy, symbol);
    this.#store.transaction(() => {
      const ordinals = new Map<string, number>();
      for (const intent of decision.intents) {
        if (intent.action !== 'move_stop' && last?.action === intent.action) {
          suppressed.push(this.#suppressed(decision, intent, last));
          continue;
        }
        const ordinal = (ordinals.get(intent.action) ?? 0) + 1;
        ordinals.set(intent.action, ordinal);
        const entry = this.#insert(decision, intent, ordinal);
        recorded.push(entry);
        if (intent.action !== 'move_stop') {
          last = { action: intent.action, signalTs: decision.candleTs, timeframe: decision.timeframe, correlationId: entry.signal.context.correlationId, signalId: entry.signalId };
          this.#store.botState.set(lastSignalKey(strategy, symbol), last as unknown as JsonValue);
        }
      }
      if (decision.state !== undefined) this.#store.botState.set(strategyStateKey(strategy, symbol), decision.state as unknown as JsonValue);
    });
    this.#remember(strategy, symbol, last ?? null);
    return { recorded, suppressed };
  }

  #insert(decision: CandleDecision, intent: Intent, ordinal: number): RecordedSignal {
    const { strategy, symbol, timeframe, candleTs } = decision;
    const correlationId = deriveCorrelationId({ strategy, symbol, timeframe, signalTs: candleTs, action: intent.action, ordinal });
    const signalId = this.#store.signals.insert({
      correlationId,
      strategy: parseStrategyId(strategy),
      symbol: parseTicker(symbol),
      timeframe,
      signalTs: candleTs,
      action: intent.action,
      reason: intent.reason,
      confidence: intent.confidence ?? null,
      stop: price(intent.stop),
      takeProfit: price(intent.takeProfit),
      sizeFraction: intent.sizeFraction ?? null,
    });
    return { signalId, signal: { intent, context: { strategy, symbol, timeframe, signalTs: candleTs, price: decision.close, correlationId } } };
  }

  #suppressed(decision: CandleDecision, intent: Intent, last: LastSignal): SignalSuppressed {
    const { strategy, symbol, candleTs } = decision;
    return {
      type: 'SignalSuppressed',
      strategy,
      symbol,
      action: intent.action,
      candleTs,
      lastSignalTs: last.signalTs,
      message: `strategy ${strategy} on ${symbol}: ${intent.action} at candle ${candleTime(candleTs)} suppressed: the last signal was already ${last.action} (candle ${candleTime(last.signalTs)}); no duplicate consecutive signal (reason given: ${intent.reason})`,
    };
  }
}

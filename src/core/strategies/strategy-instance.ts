// One strategy on one symbol (SPEC §5): its own indicators fed from every candle, the last candles, the bar
// count, warm-up gating and the state carried between calls. Each decide goes through the safe wrapper with
// frozen inputs; a failure pauses (decide threw) or disables (garbage out) this instance only.
// Must never: call decide before `warmUp` candles, call it twice for one candle, or accept an older candle.
import type { Bar, Timeframe } from '../../domain/bar.js';
import type { Intent } from '../../domain/intent.js';
import { CandleRing } from './candle-ring.js';
import { deepFreeze } from './deep-freeze.js';
import { freezeCandle } from './frozen-candle.js';
import type { InstanceIndicator, InstanceSetup } from './instance-setup.js';
import { safeDecide } from './safe-decide.js';
import type { CandleLike } from './session-view.js';
import type { DecideInput, PositionView, SessionView, StrategyDefinition, StrategyReading } from './strategy-api.js';
import { candleTime, describeThrown, type InstanceStatus, type StrategyError, type StrategyErrorPhase } from './strategy-events.js';

export interface InstanceIdentity {
  readonly strategy: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
}

export type StepResult =
  /** Older than (or equal to) the last candle seen: ignored. */
  | { readonly kind: 'ignored' }
  /** Indicators and candles updated; decide not called (warming up, covered by a restored state, or not active). */
  | { readonly kind: 'fed' }
  | { readonly kind: 'decided'; readonly intents: readonly Intent[]; readonly stateChanged: boolean }
  | { readonly kind: 'failed'; readonly error: StrategyError };

function frozenCopy(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? deepFreeze(structuredClone(value)) : value;
}

function readingOf(entry: InstanceIndicator): StrategyReading {
  const ind = entry.indicator;
  const exact = (ind as { readonly exact?: { numerator: number; denominator: number } }).exact;
  return Object.freeze({
    value: frozenCopy(ind.value),
    previous: frozenCopy(ind.previous),
    count: ind.count,
    isStable: ind.isStable,
    exact: exact === undefined ? undefined : Object.freeze({ numerator: exact.numerator, denominator: exact.denominator }),
  });
}

/** A running (strategy, symbol) pair. Create it with a checked setup (see `setUpInstance`). */
export class StrategyInstance<P = unknown, S = unknown> {
  readonly identity: InstanceIdentity;
  readonly definition: StrategyDefinition<P, S>;
  readonly params: P;
  readonly #setup: InstanceSetup;
  readonly #ring: CandleRing;
  #barCount = 0;
  #lastTs = Number.NEGATIVE_INFINITY;
  #state: unknown;
  #stateText: string;
  #coveredUntil = Number.NEGATIVE_INFINITY;
  #status: InstanceStatus = 'active';
  #statusMessage = '';

  constructor(identity: InstanceIdentity, definition: StrategyDefinition<P, S>, params: P, setup: InstanceSetup) {
    this.identity = identity;
    this.definition = definition;
    this.params = deepFreeze(params);
    this.#setup = setup;
    this.#ring = new CandleRing(setup.lookback);
    this.#stateText = JSON.stringify(setup.initialState);
    this.#state = deepFreeze(JSON.parse(this.#stateText) as unknown);
  }

  get status(): InstanceStatus {
    return this.#status;
  }
  get statusMessage(): string {
    return this.#statusMessage;
  }
  get barCount(): number {
    return this.#barCount;
  }
  get warmUp(): number {
    return this.#setup.warmUp;
  }
  get lookback(): number {
    return this.#setup.lookback;
  }
  /** Start of the last candle seen, epoch ms (-Infinity before any). */
  get lastCandleTs(): number {
    return this.#lastTs;
  }
  /** The current state as JSON text (what is persisted). */
  get stateText(): string {
    return this.#stateText;
  }
  get state(): unknown {
    return this.#state;
  }

  /**
   * Resumes from a persisted state: candles up to `candleTs` (already reflected in it) only feed the indicators.
   * @param stateText JSON text of a state this definition returned earlier
   */
  restore(stateText: string, candleTs: number): void {
    this.#stateText = stateText;
    this.#state = deepFreeze(JSON.parse(stateText) as unknown);
    this.#coveredUntil = candleTs;
  }

  /** Sets a paused or disabled instance active again (a person decided; indicators were kept fed). */
  resume(): void {
    this.#status = 'active';
    this.#statusMessage = '';
  }

  /** Stops this instance acting, with a message built like every other StrategyError. */
  fail(phase: StrategyErrorPhase, problem: string, candleTs: number | undefined, stack?: string): StrategyError {
    const status = phase === 'decide' ? 'paused' : 'disabled';
    const { strategy, symbol, timeframe } = this.identity;
    const at = candleTs === undefined ? '' : ` at candle ${candleTime(candleTs)}`;
    const message = `strategy ${strategy} on ${symbol} (${timeframe}) ${status}${at}: ${problem}. The other strategies keep running; it acts again after its file is fixed and reloaded, or when resumed.`;
    this.#status = status;
    this.#statusMessage = message;
    return { type: 'StrategyError', strategy, symbol, timeframe, candleTs, phase, status, message, ...(stack === undefined ? {} : { stack }) };
  }

  /** Feeds one closed candle; decides on it when warm, active and not covered by a restored state. */
  step(candle: CandleLike, position: PositionView, session: SessionView): StepResult {
    if (candle.t <= this.#lastTs) return { kind: 'ignored' };
    const frozen = freezeCandle(candle);
    const fedError = this.#feed(frozen);
    if (fedError !== undefined) return { kind: 'failed', error: fedError };
    if (this.#status !== 'active' || this.#barCount < this.#setup.warmUp || candle.t <= this.#coveredUntil) return { kind: 'fed' };
    const outcome = safeDecide(this.definition, this.#input(frozen, position, session));
    if (!outcome.ok) return { kind: 'failed', error: this.fail(outcome.phase, outcome.problem, candle.t, outcome.stack) };
    const text = JSON.stringify(outcome.state);
    const stateChanged = text !== this.#stateText;
    if (stateChanged) {
      this.#stateText = text;
      this.#state = deepFreeze(JSON.parse(text) as unknown);
    }
    return { kind: 'decided', intents: outcome.intents, stateChanged };
  }

  #feed(candle: Bar): StrategyError | undefined {
    this.#lastTs = candle.t;
    this.#barCount++;
    this.#ring.push(candle);
    for (const entry of this.#setup.indicators) {
      try {
        if (entry.input === 'bar') (entry.indicator as { add(input: Bar): unknown }).add(candle);
        else (entry.indicator as { add(input: number): unknown }).add(candle[entry.input]);
      } catch (error) {
        if (this.#status === 'disabled') return undefined;
        return this.fail('indicator', `indicator ${entry.name} rejected the candle: ${describeThrown(error)}`, candle.t);
      }
    }
    return undefined;
  }

  #input(candle: Bar, position: PositionView, session: SessionView): DecideInput<P, S> {
    const indicators: Record<string, StrategyReading> = {};
    for (const entry of this.#setup.indicators) indicators[entry.name] = readingOf(entry);
    return Object.freeze({
      candle,
      candles: this.#ring.last(this.#setup.lookback),
      indicators: Object.freeze(indicators),
      position: Object.isFrozen(position) ? position : Object.freeze({ ...position }),
      session: Object.isFrozen(session) ? session : Object.freeze({ ...session }),
      params: this.params,
      state: this.#state as S,
      barCount: this.#barCount,
    });
  }
}

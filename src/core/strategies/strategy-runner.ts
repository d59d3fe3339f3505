// The strategy runtime (SPEC §5): configured (strategy, symbol) instances fed from closed candles; every
// decision through the safe wrapper; intents deduplicated against the last persisted action and written to
// the decision log; reloaded definitions swapped in for new candles. The engine hands it candles and receives
// recorded signals (for risk and orders) and events (for the log and dashboard).
// Must never: let one instance's failure stop another, record an intent from replayed history, or catch a
// store error (the engine halts when the store cannot be written).
import type { Timeframe } from '../../domain/bar.js';
import { CandleHistory } from './candle-history.js';
import { freezeCandle } from './frozen-candle.js';
import { buildSlot, persistedStateOf, type InstanceSlot, type SlotRequest } from './instance-slot.js';
import { sessionViewOf, type CandleLike } from './session-view.js';
import { SignalJournal, type LastSignal, type RecordedSignal, type StrategyStore } from './signal-journal.js';
import { FLAT_POSITION, type PositionView, type SessionView } from './strategy-api.js';
import { candleTime, type InstanceStatus, type StrategyEvent } from './strategy-events.js';
import type { StrategyRegistry } from './strategy-registry.js';

/** One entry of the `strategies` config list (as config/ parses it). */
export interface StrategyConfigEntry {
  readonly name: string;
  readonly enabled: boolean;
  /** Default: the whole watchlist. */
  readonly symbols?: readonly string[] | undefined;
  /** Default: the definition's defaultTimeframe. */
  readonly timeframe?: Timeframe | undefined;
  readonly params: Readonly<Record<string, unknown>>;
}

export interface StrategyRunnerOptions {
  readonly registry: StrategyRegistry;
  readonly store: StrategyStore;
  /** The strategy's position in a symbol, from the portfolio. Default: always flat. */
  readonly positionOf?: (strategy: string, symbol: string) => PositionView;
  /** Default: the NYSE calendar (`sessionViewOf`). */
  readonly sessionOf?: (candle: CandleLike) => SessionView;
  /** Candles kept per (symbol, timeframe) to rebuild a reloaded strategy (default 500, at least its warm-up). */
  readonly historyCapacity?: number;
}

/** `live`: decisions are recorded and returned. `replay` (warm-up history, backfill): state advances, intents are discarded. */
export type CandleMode = 'live' | 'replay';

export interface CandleOutcome {
  /** Logged signals, in order, for the risk engine and the order manager. */
  readonly signals: readonly RecordedSignal[];
  readonly events: readonly StrategyEvent[];
}

export interface InstanceSummary {
  readonly strategy: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly status: InstanceStatus;
  readonly message: string;
  readonly barCount: number;
  readonly warmUp: number;
  readonly lastCandleTs: number | undefined;
}

/** Candles of history a (symbol, timeframe) needs before its instances can decide. */
export interface WarmUpNeed {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly candles: number;
}

const DEFAULT_HISTORY = 500;
const NOTHING_HAPPENED: CandleOutcome = Object.freeze({ signals: Object.freeze([]), events: Object.freeze([]) });
const seriesKey = (symbol: string, timeframe: string): string => `${symbol}|${timeframe}`;

export class StrategyRunner {
  readonly #registry: StrategyRegistry;
  readonly #store: StrategyStore;
  readonly #journal: SignalJournal;
  readonly #positionOf: (strategy: string, symbol: string) => PositionView;
  readonly #sessionOf: (candle: CandleLike) => SessionView;
  readonly #historyCapacity: number;
  readonly #history = new Map<string, CandleHistory>();
  #slots: InstanceSlot[] = [];
  /** The slots of each (symbol, timeframe): a candle visits only its own series' instances. */
  #bySeries = new Map<string, InstanceSlot[]>();
  #seenVersion: number;

  constructor(options: StrategyRunnerOptions) {
    this.#registry = options.registry;
    this.#store = options.store;
    this.#journal = new SignalJournal(options.store);
    this.#positionOf = options.positionOf ?? (() => FLAT_POSITION);
    this.#sessionOf = options.sessionOf ?? sessionViewOf;
    this.#historyCapacity = options.historyCapacity ?? DEFAULT_HISTORY;
    this.#seenVersion = options.registry.version;
  }

  /**
   * Sets the configured instances (call again after a config change: unchanged instances are kept, with their
   * indicators and state). Enabled entries only; symbols default to `watchlist`. Restores persisted state.
   */
  configure(entries: readonly StrategyConfigEntry[], watchlist: readonly string[]): StrategyEvent[] {
    const events: StrategyEvent[] = [];
    const next: InstanceSlot[] = [];
    for (const entry of entries) {
      if (!entry.enabled) continue;
      for (const symbol of entry.symbols ?? watchlist) {
        const req: SlotRequest = { name: entry.name, symbol, timeframe: entry.timeframe, params: entry.params };
        const kept = this.#slots.find((s) => s.name === req.name && s.symbol === symbol && s.rawParams === JSON.stringify(req.params) && (req.timeframe === undefined || req.timeframe === s.timeframe) && s.source === this.#registry.get(req.name));
        if (kept !== undefined) {
          next.push(kept);
          continue;
        }
        const built = buildSlot(req, this.#registry, this.#store, true);
        events.push(...built.events);
        next.push(this.#replayInto(built.slot, events, false));
      }
    }
    this.#setSlots(next);
    this.#seenVersion = this.#registry.version;
    return events;
  }

  /** Feeds one closed candle to the instances of its (symbol, timeframe). Picks up reloaded definitions first. */
  onCandle(candle: CandleLike, mode: CandleMode = 'live'): CandleOutcome {
    const events: StrategyEvent[] = this.#registry.version === this.#seenVersion ? [] : this.refresh();
    const signals: RecordedSignal[] = [];
    const outcome = this.#step(candle, mode, events, signals);
    return outcome.events.length === 0 && outcome.signals.length === 0 ? NOTHING_HAPPENED : outcome;
  }

  #step(candle: CandleLike, mode: CandleMode, events: StrategyEvent[], signals: RecordedSignal[]): CandleOutcome {
    const frozen = freezeCandle(candle);
    this.#remember(frozen);
    let session: SessionView | undefined;
    for (const slot of this.#bySeries.get(seriesKey(candle.symbol, candle.timeframe)) ?? []) {
      const instance = slot.instance;
      if (instance === undefined) continue;
      session ??= this.#sessionOf(frozen);
      const result = instance.step(frozen, this.#positionOf(slot.name, slot.symbol), session);
      if (result.kind === 'failed') events.push(result.error);
      if (result.kind !== 'decided') continue;
      const state = result.stateChanged ? persistedStateOf(instance, candle.t) : undefined;
      if (mode === 'replay') {
        for (const intent of result.intents) {
          events.push({ type: 'IntentDiscarded', strategy: slot.name, symbol: slot.symbol, action: intent.action, candleTs: candle.t, message: `strategy ${slot.name} on ${slot.symbol}: ${intent.action} at candle ${candleTime(candle.t)} discarded (history replay, not live): ${intent.reason}` });
        }
        if (state !== undefined) this.#journal.record({ strategy: slot.name, symbol: slot.symbol, timeframe: slot.timeframe, candleTs: candle.t, close: candle.close, intents: [], state });
        continue;
      }
      const out = this.#journal.record({ strategy: slot.name, symbol: slot.symbol, timeframe: slot.timeframe, candleTs: candle.t, close: candle.close, intents: result.intents, ...(state === undefined ? {} : { state }) });
      for (const recorded of out.recorded) signals.push(recorded);
      for (const suppressed of out.suppressed) events.push(suppressed);
    }
    return { signals, events };
  }

  /**
   * Rebuilds the instances whose definition changed in the registry (a strategy file was reloaded, broke, or
   * was removed). The new instance starts from initialState and replays the retained candles of its series
   * (intents discarded), so it continues from what the new code would have computed; the last signal stays.
   */
  refresh(): StrategyEvent[] {
    const events: StrategyEvent[] = [];
    this.#setSlots(this.#slots.map((slot) => {
      if (slot.source === this.#registry.get(slot.name)) return slot;
      const built = buildSlot({ name: slot.name, symbol: slot.symbol, timeframe: slot.timeframe, params: JSON.parse(slot.rawParams) as Record<string, unknown> }, this.#registry, this.#store, false);
      events.push(...built.events);
      return this.#replayInto(built.slot, events, true);
    }));
    this.#seenVersion = this.#registry.version;
    return events;
  }

  /** Lets paused or disabled instances act again (a person's decision); instances that could not be built are rebuilt. */
  resume(strategy: string, symbol?: string): StrategyEvent[] {
    const events: StrategyEvent[] = [];
    this.#setSlots(this.#slots.map((slot) => {
      if (slot.name !== strategy || (symbol !== undefined && slot.symbol !== symbol)) return slot;
      if (slot.instance !== undefined) {
        slot.instance.resume();
        return slot;
      }
      const built = buildSlot({ name: slot.name, symbol: slot.symbol, timeframe: slot.timeframe, params: JSON.parse(slot.rawParams) as Record<string, unknown> }, this.#registry, this.#store, true);
      events.push(...built.events);
      return this.#replayInto(built.slot, events, true);
    }));
    return events;
  }

  /** The last recorded action of (strategy, symbol) (cached; the journal is the only writer). */
  lastSignal(strategy: string, symbol: string): LastSignal | undefined {
    return this.#journal.lastSignal(strategy, symbol);
  }

  /**
   * Records that the position of a last entry signal ended at the broker (stop, take-profit, expired or denied
   * entry), so the strategy's next entry is a new signal rather than a suppressed repeat. Returns whether it did.
   */
  markPositionEnded(strategy: string, symbol: string): boolean {
    return this.#journal.markEnded(strategy, symbol);
  }

  /** Every configured instance with its status (for the dashboard and `status`). */
  summaries(): InstanceSummary[] {
    return this.#slots.map((slot) => ({
      strategy: slot.name,
      symbol: slot.symbol,
      timeframe: slot.timeframe,
      status: slot.instance?.status ?? 'disabled',
      message: slot.instance?.statusMessage ?? slot.error?.message ?? '',
      barCount: slot.instance?.barCount ?? 0,
      warmUp: slot.instance?.warmUp ?? 0,
      lastCandleTs: slot.instance !== undefined && Number.isFinite(slot.instance.lastCandleTs) ? slot.instance.lastCandleTs : undefined,
    }));
  }

  /** How many candles of history each (symbol, timeframe) needs (max of warm-up and lookback of its instances). */
  warmUpNeeds(): WarmUpNeed[] {
    const needs = new Map<string, WarmUpNeed>();
    for (const slot of this.#slots) {
      if (slot.instance === undefined) continue;
      const key = seriesKey(slot.symbol, slot.timeframe);
      const candles = Math.max(slot.instance.warmUp, slot.instance.lookback, needs.get(key)?.candles ?? 0);
      needs.set(key, { symbol: slot.symbol, timeframe: slot.timeframe, candles });
    }
    return [...needs.values()];
  }

  #setSlots(slots: InstanceSlot[]): void {
    this.#slots = slots;
    const bySeries = new Map<string, InstanceSlot[]>();
    for (const slot of slots) {
      const key = seriesKey(slot.symbol, slot.timeframe);
      bySeries.set(key, [...(bySeries.get(key) ?? []), slot]);
    }
    this.#bySeries = bySeries;
  }

  #remember(candle: ReturnType<typeof freezeCandle>): void {
    const key = seriesKey(candle.symbol, candle.timeframe);
    let ring = this.#history.get(key);
    if (ring === undefined) {
      const need = this.warmUpNeeds().find((n) => n.symbol === candle.symbol && n.timeframe === candle.timeframe)?.candles ?? 0;
      ring = new CandleHistory(candle.symbol, candle.timeframe, Math.max(this.#historyCapacity, need));
      this.#history.set(key, ring);
    }
    const last = ring.newestT;
    if (last === undefined || candle.t > last) ring.push(candle);
  }

  /** Replays the retained candles of the slot's series into a new instance, intents discarded. */
  #replayInto(slot: InstanceSlot, events: StrategyEvent[], announce: boolean): InstanceSlot {
    const instance = slot.instance;
    if (instance === undefined) return slot;
    const ring = this.#history.get(seriesKey(slot.symbol, slot.timeframe));
    const candles = ring === undefined ? [] : ring.all();
    let lastDecided: number | undefined;
    for (const candle of candles) {
      const result = instance.step(candle, this.#positionOf(slot.name, slot.symbol), this.#sessionOf(candle));
      if (result.kind === 'failed') events.push(result.error);
      if (result.kind === 'decided') lastDecided = candle.t;
    }
    if (lastDecided !== undefined && announce) {
      this.#journal.record({ strategy: slot.name, symbol: slot.symbol, timeframe: slot.timeframe, candleTs: lastDecided, close: 0, intents: [], state: persistedStateOf(instance, lastDecided) });
    }
    if (announce) {
      events.push({ type: 'StrategyReloaded', strategy: slot.name, symbol: slot.symbol, timeframe: slot.timeframe, replayed: candles.length, message: `strategy ${slot.name} on ${slot.symbol} (${slot.timeframe}) rebuilt from its current definition: state reset to initialState and ${candles.length} retained candles replayed (intents discarded)` });
    }
    return slot;
  }
}

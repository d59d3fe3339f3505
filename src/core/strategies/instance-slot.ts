// Turns one configured (strategy, symbol) into a running instance, or into a disabled slot with the reason:
// unknown strategy, broken file, bad params, or a definition whose setup throws. Restores the persisted state
// when it was built by the same state version, timeframe and params.
// Must never: throw for anything a user file or config can cause.
import type { Timeframe } from '../../domain/bar.js';
import { setUpInstance } from './instance-setup.js';
import { readPersistedState, type PersistedState, type StrategyStore } from './signal-journal.js';
import type { StrategyError, StrategyErrorPhase, StrategyStateRestored } from './strategy-events.js';
import { StrategyInstance } from './strategy-instance.js';
import { parseStrategyParams } from './strategy-params.js';
import type { AnyStrategyDefinition, StrategyRegistry } from './strategy-registry.js';

/** One configured (strategy, symbol): an instance, or the reason there is none. */
export interface InstanceSlot {
  readonly name: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** JSON of the configured params (identity of the slot's configuration). */
  readonly rawParams: string;
  /** The registry entry it was built from (identity), to notice reloads. */
  readonly source: unknown;
  readonly instance: StrategyInstance | undefined;
  /** Set when there is no instance. */
  readonly error: StrategyError | undefined;
}

export interface SlotRequest {
  readonly name: string;
  readonly symbol: string;
  readonly timeframe: Timeframe | undefined;
  readonly params: Readonly<Record<string, unknown>>;
}

function slotError(req: SlotRequest, timeframe: string, phase: StrategyErrorPhase, problem: string): StrategyError {
  return {
    type: 'StrategyError', strategy: req.name, symbol: req.symbol, timeframe, candleTs: undefined, phase, status: 'disabled',
    message: `strategy ${req.name} on ${req.symbol} (${timeframe}) disabled: ${problem}. The other strategies keep running.`,
  };
}

/** The state version of a definition (default 1). */
export function stateVersionOf(definition: AnyStrategyDefinition): number {
  return definition.stateVersion ?? 1;
}

function restorable(saved: PersistedState | undefined, definition: AnyStrategyDefinition, timeframe: string, params: string): boolean {
  return saved !== undefined && saved.stateVersion === stateVersionOf(definition) && saved.timeframe === timeframe && saved.params === params;
}

/**
 * Builds the slot for `req`. With `restore`, a matching persisted state is loaded (a restart resumes);
 * without (a reloaded definition), the instance starts from initialState.
 */
export function buildSlot(req: SlotRequest, registry: StrategyRegistry, store: StrategyStore, restore: boolean): { slot: InstanceSlot; events: (StrategyError | StrategyStateRestored)[] } {
  const entry = registry.get(req.name);
  const fallbackTf = req.timeframe ?? (entry?.status === 'ok' ? entry.definition.defaultTimeframe : '1Min');
  const base = { name: req.name, symbol: req.symbol, timeframe: fallbackTf, rawParams: JSON.stringify(req.params), source: entry };
  const disabled = (phase: StrategyErrorPhase, problem: string) => {
    const error = slotError(req, fallbackTf, phase, problem);
    return { slot: { ...base, instance: undefined, error }, events: [error] };
  };
  if (entry === undefined) return disabled('definition', `unknown strategy ${req.name}: available ${registry.names().join(', ')}`);
  if (entry.status === 'broken') return disabled('load', entry.problem);
  const params = parseStrategyParams(entry.definition, req.params);
  if (!params.ok) return disabled('params', params.problems.join('; '));
  const setup = setUpInstance(entry.definition, params.params);
  if (!setup.ok) return disabled('definition', setup.problem);
  const instance = new StrategyInstance({ strategy: req.name, symbol: req.symbol, timeframe: fallbackTf }, entry.definition, params.params, setup.setup);
  const events: StrategyStateRestored[] = [];
  if (restore) {
    const saved = readPersistedState(store, req.name, req.symbol);
    const ok = restorable(saved, entry.definition, fallbackTf, paramsText(instance));
    if (ok && saved !== undefined) instance.restore(saved.state, saved.candleTs);
    if (saved !== undefined) {
      const message = ok
        ? `strategy ${req.name} on ${req.symbol}: state restored from candle ${new Date(saved.candleTs).toISOString()}`
        : `strategy ${req.name} on ${req.symbol}: saved state not restored (state version, timeframe or params changed); starting from initialState`;
      events.push({ type: 'StrategyStateRestored', strategy: req.name, symbol: req.symbol, restored: ok, message });
    }
  }
  return { slot: { ...base, instance, error: undefined }, events };
}

/** JSON of an instance's validated params (what a persisted state is matched on). */
export function paramsText(instance: StrategyInstance): string {
  return JSON.stringify(instance.params);
}

/** The persisted-state row for an instance's current state. */
export function persistedStateOf(instance: StrategyInstance, candleTs: number): PersistedState {
  return { stateVersion: stateVersionOf(instance.definition), timeframe: instance.identity.timeframe, params: paramsText(instance), candleTs, state: instance.stateText };
}

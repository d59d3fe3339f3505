// What the strategy runtime reports besides signals: values the engine logs, shows on the dashboard and
// counts, never exceptions (a broken user strategy must not take the engine down, DESIGN §3.11).
// Must never: carry a secret or a whole config object; messages name the strategy, symbol, candle and problem.

/** Why an instance stopped acting. `paused`: its decide threw; `disabled`: bad definition, params or output. */
export type InstanceStatus = 'active' | 'paused' | 'disabled';

/** Where the failure happened. */
export type StrategyErrorPhase = 'decide' | 'output' | 'indicator' | 'definition' | 'params' | 'load';

/** A strategy instance failed and was paused or disabled; the other instances keep running. */
export interface StrategyError {
  readonly type: 'StrategyError';
  readonly strategy: string;
  /** Undefined when the failure concerns the whole strategy (a file that does not load). */
  readonly symbol: string | undefined;
  readonly timeframe: string | undefined;
  /** Start of the candle being decided on, epoch ms, when there was one. */
  readonly candleTs: number | undefined;
  readonly phase: StrategyErrorPhase;
  readonly status: Exclude<InstanceStatus, 'active'>;
  /** One line for a person: strategy, symbol, candle time, what went wrong and what happens now. */
  readonly message: string;
  /** The stack of a thrown error, for the log file (never shown as the message). */
  readonly stack?: string;
}

/** An intent that repeated the last action of its (strategy, symbol) and was not recorded or acted on. */
export interface SignalSuppressed {
  readonly type: 'SignalSuppressed';
  readonly strategy: string;
  readonly symbol: string;
  readonly action: string;
  readonly candleTs: number;
  /** Candle of the earlier signal with the same action. */
  readonly lastSignalTs: number;
  readonly message: string;
}

/** An intent produced while replaying history (warm-up, backfill, reload): state advanced, nothing recorded. */
export interface IntentDiscarded {
  readonly type: 'IntentDiscarded';
  readonly strategy: string;
  readonly symbol: string;
  readonly action: string;
  readonly candleTs: number;
  readonly message: string;
}

/** A strategy's definition was replaced (file reloaded) or its instance rebuilt; state reset as documented. */
export interface StrategyReloaded {
  readonly type: 'StrategyReloaded';
  readonly strategy: string;
  readonly symbol: string;
  readonly timeframe: string;
  /** Retained candles replayed into the new instance. */
  readonly replayed: number;
  readonly message: string;
}

/** A persisted state was restored (or could not be, and the instance starts fresh). */
export interface StrategyStateRestored {
  readonly type: 'StrategyStateRestored';
  readonly strategy: string;
  readonly symbol: string;
  readonly restored: boolean;
  readonly message: string;
}

export type StrategyEvent = StrategyError | SignalSuppressed | IntentDiscarded | StrategyReloaded | StrategyStateRestored;

/** Readable UTC time of a candle for messages. */
export function candleTime(ts: number): string {
  return Number.isFinite(ts) ? new Date(ts).toISOString() : String(ts);
}

/** Text of anything thrown, with its class name ("TypeError: x is undefined"). */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  try {
    return `non-Error thrown: ${typeof error === 'string' ? error : JSON.stringify(error)}`;
  } catch {
    return `non-Error thrown: ${typeof error}`;
  }
}

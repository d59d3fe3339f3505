// Collects the events of one aggregator call. Exists so the common case (a bar that completes nothing)
// allocates nothing: the array is created on the first event only.
// Must never: keep events across calls (take() hands them over and forgets them).

import type { Timeframe } from '../../domain/bar.js';
import { NO_EVENTS, type CandleDiagnosticCode, type CandleDiagnosticLevel, type CandleEvent } from './candle.js';

/** Per-call event buffer of one aggregator. */
export class EventSink {
  readonly #symbol: string;
  readonly #timeframe: Timeframe;
  #out: CandleEvent[] | undefined;

  constructor(symbol: string, timeframe: Timeframe) {
    this.#symbol = symbol;
    this.#timeframe = timeframe;
  }

  push(event: CandleEvent): void {
    (this.#out ??= []).push(event);
  }

  diag(level: CandleDiagnosticLevel, code: CandleDiagnosticCode, t: number | undefined, message: string): void {
    this.push({ kind: 'diagnostic', level, code, symbol: this.#symbol, timeframe: this.#timeframe, t, message });
  }

  /** The events since the last take(), in order; the shared empty array when there were none. */
  take(): readonly CandleEvent[] {
    const out = this.#out;
    this.#out = undefined;
    return out ?? NO_EVENTS;
  }
}

/** ISO form of an instant for messages (never the host's local time). */
export function iso(t: number): string {
  return Number.isFinite(t) ? new Date(t).toISOString() : String(t);
}

// Where the simulator's virtual clock starts. A date means that session's 09:30 ET open; an ISO instant is
// taken as is. Without one: synthetic markets start at the open of the last trading day before today (so the
// clock runs in a session and every earlier session exists as warm-up history); recorded data starts at the
// open of its second session (the first is warm-up), or at its first bar when it holds one session only.
// Must never: start outside the data a recorded source has.
import { etDate, nextTradingDay, previousTradingDay, session } from '../domain/calendar/index.js';
import type { BarSource } from './market/index.js';

/** A start as the CLI or a caller gives it: epoch ms, `YYYY-MM-DD`, or an ISO-8601 instant. */
export type StartInput = number | string;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** @throws RangeError naming the value and the accepted forms */
export function resolveStart(input: StartInput | undefined, source: BarSource, today: number): number {
  if (input === undefined) return defaultStart(source, today);
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new RangeError(`start: must be epoch milliseconds, a date YYYY-MM-DD or an ISO-8601 time, got ${input}`);
    return input;
  }
  if (DATE.test(input)) return openOnOrAfter(input);
  const t = Date.parse(input);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}T/.test(input)) {
    throw new RangeError(`start: must be a date YYYY-MM-DD or an ISO-8601 time like 2024-01-02T14:30:00Z, got ${JSON.stringify(input)}`);
  }
  return t;
}

function defaultStart(source: BarSource, today: number): number {
  if (source.source === 'synthetic') return openOnOrAfter(previousTradingDay(etDate(today)));
  const first = source.firstTime();
  if (first === undefined) throw new RangeError(`start: the data source ${source.label} holds no bars`);
  const last = source.lastTime() ?? first;
  const second = session(nextTradingDay(etDate(first)));
  return second !== undefined && second.open <= last ? second.open : first;
}

/** The 09:30 ET open of `date`, or of the next trading day when `date` is closed. */
function openOnOrAfter(date: string): number {
  const s = session(date);
  if (s !== undefined) return s.open;
  const next = session(nextTradingDay(date));
  if (next === undefined) throw new RangeError(`start: no trading session on or after ${date}`);
  return next.open;
}

// The venue's view of NYSE hours (S6 calendar): which phase an instant is in (closed / pre / regular / post),
// and the session an order submitted at an instant will trade in. Caches one record per ET day so the
// per-bar path is two numeric comparisons.
// Must never: re-derive holiday or DST rules (they belong to src/domain/calendar), or read the host clock.
import { etDate, etDateTime, session, type TradingSession } from '../../domain/calendar/index.js';

export type MarketPhase = 'closed' | 'pre' | 'regular' | 'post';

/** One ET calendar day: its bounds, its session (if it trades) and the 19:00 ET cut-off of the opg/cls rules. */
export interface DayHours {
  readonly date: string;
  readonly start: number;
  readonly end: number;
  readonly session: TradingSession | undefined;
  /** 19:00 ET: from here opg/cls orders are accepted again (for the next session). */
  readonly evening: number;
}

const MAX_DAYS_AHEAD = 20;
const HOUR = 3_600_000;

export class MarketHours {
  readonly #cache = new Map<string, DayHours>();
  #last: DayHours | undefined;

  /** The ET day containing `t` (cached). */
  day(t: number): DayHours {
    const last = this.#last;
    if (last !== undefined && t >= last.start && t < last.end) return last;
    const date = etDate(t);
    let hours = this.#cache.get(date);
    if (hours === undefined) {
      hours = buildDay(date);
      this.#cache.set(date, hours);
    }
    this.#last = hours;
    return hours;
  }

  /** Market phase at `t`: regular [open, close), pre [04:00, open), post [close, extended close), else closed. */
  phase(t: number): MarketPhase {
    const s = this.day(t).session;
    if (s === undefined || t < s.extendedOpen || t >= s.extendedClose) return 'closed';
    if (t < s.open) return 'pre';
    return t < s.close ? 'regular' : 'post';
  }

  /** The first session (from the day of `t` on) for which `pick(session) > t`. */
  nextSession(t: number, pick: (s: TradingSession) => number): TradingSession {
    let day = this.day(t);
    for (let i = 0; i < MAX_DAYS_AHEAD; i++) {
      const s = day.session;
      if (s !== undefined && pick(s) > t) return s;
      day = this.day(day.end);
    }
    throw new RangeError(`no NYSE session within ${MAX_DAYS_AHEAD} days after ${new Date(t).toISOString()}`);
  }
}

function buildDay(date: string): DayHours {
  const start = etDateTime(date, '00:00');
  const end = etDateTime(etDate(start + 26 * HOUR), '00:00');
  return {
    date,
    start,
    end,
    session: session(date),
    evening: etDateTime(date, '19:00'),
  };
}

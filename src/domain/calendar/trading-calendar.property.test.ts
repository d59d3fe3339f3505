// Properties of the calendar for random instants across 1999–2030: isOpen agrees with the session
// table, and nextOpen/nextClose return the first session boundary after (at) t.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { etDate, etDateTime } from './eastern-time.js';
import { isOpen, nextClose, nextOpen, nextTradingDay, session } from './trading-calendar.js';

const FIRST = etDateTime('1999-01-01', '00:00');
const LAST = etDateTime('2030-12-31', '23:59') + 59_999;
/** Instants after the last 2030 open have no next open inside the range. */
const LAST_WITH_NEXT_OPEN = etDateTime('2030-12-31', '09:30') - 1;

const instant = fc.integer({ min: FIRST, max: LAST });
/** Random instants biased towards session boundaries, where off-by-one errors live. */
const nearBoundary = fc
  .tuple(fc.integer({ min: 0, max: Math.floor((LAST - FIRST) / 86_400_000) }), fc.constantFrom('04:00', '09:30', '13:00', '16:00', '17:00', '20:00'), fc.integer({ min: -2, max: 2 }))
  .map(([day, hhmm, delta]) => etDateTime(etDate(FIRST + day * 86_400_000 + 12 * 3_600_000), hhmm) + delta);
const anyInstant = fc.oneof(instant, nearBoundary);

describe('calendar properties', () => {
  it('isOpen(t) ⇔ the session of etDate(t) exists and open ≤ t < close (and likewise for extended hours)', () => {
    fc.assert(
      fc.property(anyInstant, (t) => {
        const s = session(etDate(t));
        expect(isOpen(t)).toBe(s !== undefined && s.open <= t && t < s.close);
        expect(isOpen(t, { extendedHours: true })).toBe(s !== undefined && s.extendedOpen <= t && t < s.extendedClose);
      }),
      { numRuns: 5000 },
    );
  });

  it('nextOpen(t) > t, is a session open, and no session opens in between', () => {
    fc.assert(
      fc.property(anyInstant.filter((t) => t <= LAST_WITH_NEXT_OPEN), (t) => {
        const n = nextOpen(t);
        expect(n).toBeGreaterThan(t);
        const s = session(etDate(n));
        expect(s?.open).toBe(n);
        for (let d = etDate(t); d < etDate(n); d = nextTradingDay(d)) {
          const between = session(d);
          if (between !== undefined) expect(between.open).toBeLessThanOrEqual(t);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('nextClose(t) ≥ t, is a session close, and isOpen(t) implies it is today’s close', () => {
    fc.assert(
      fc.property(anyInstant.filter((t) => t <= LAST_WITH_NEXT_OPEN), (t) => {
        const c = nextClose(t);
        expect(c).toBeGreaterThanOrEqual(t);
        expect(session(etDate(c - 1))?.close).toBe(c);
        if (isOpen(t)) expect(c).toBe(session(etDate(t))?.close);
        if (!isOpen(t) && c > t) expect(nextOpen(t)).toBeLessThan(c); // closed: it opens again before it closes
      }),
      { numRuns: 2000 },
    );
  });
});

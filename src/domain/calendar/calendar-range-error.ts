// The supported span of the NYSE calendar and the error raised outside it.
// Exists because a calendar that guesses beyond the years it was checked against would let the bot
// trade (or refuse to trade) on a wrong day. Must never: silently clamp or extrapolate a date.

/** First calendar year whose holidays and early closes are known and tested. */
export const CALENDAR_FIRST_YEAR = 1999;
/** Last calendar year whose holidays and early closes are known and tested. */
export const CALENDAR_LAST_YEAR = 2030;

/** Thrown when a date (or instant) falls outside {@link CALENDAR_FIRST_YEAR}–{@link CALENDAR_LAST_YEAR}. */
export class CalendarRangeError extends RangeError {
  override readonly name = 'CalendarRangeError';

  /**
   * @param what the offending date ('YYYY-MM-DD') or year, as it should appear in the message
   * @param context optional note on how the date was reached (e.g. "next trading day after 2030-12-31")
   */
  constructor(readonly what: string, context?: string) {
    const via = context === undefined ? '' : ` (${context})`;
    super(
      `NYSE calendar has no data for ${what}${via}: supported range is ` +
        `${CALENDAR_FIRST_YEAR}-01-01 to ${CALENDAR_LAST_YEAR}-12-31 (years ${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR})`,
    );
  }
}

/**
 * Checks that a year is inside the supported range.
 * @throws CalendarRangeError naming `what` when it is not
 */
export function assertYearInRange(year: number, what: string, context?: string): void {
  if (!Number.isInteger(year) || year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR) {
    throw new CalendarRangeError(what, context);
  }
}

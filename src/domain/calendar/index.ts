// Public surface of the NYSE trading calendar (S6). Import from here, not from the files behind it.
// Must never: export the internal tables or day-number helpers.

export { CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR, CalendarRangeError } from './calendar-range-error.js';
export { etDate, etDateTime, MARKET_TIME_ZONE } from './eastern-time.js';
export { NYSE_SPECIAL_CLOSURES, NYSE_SPECIAL_EARLY_CLOSES, type DatedName } from './nyse-rules.js';
export type { TradingSession } from './session-table.js';
export {
  earlyCloses,
  holidays,
  isOpen,
  isTradingDay,
  nextClose,
  nextOpen,
  nextTradingDay,
  previousTradingDay,
  session,
  sessionClose,
  sessionOpen,
  sessionsBetween,
  type IsOpenOptions,
} from './trading-calendar.js';

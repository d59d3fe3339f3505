// Alpaca's bar `timeframe` parameter (PROTOCOL §4.1) and the time buckets it defines: N-minute and N-hour
// bars aligned to UTC midnight (so to the clock hour, as Alpaca does, not to the 09:30 open), daily bars
// stamped at midnight New York, weekly bars at Monday midnight, N-month bars at the first of the month.
// Must never: accept an amount Alpaca rejects (e.g. 60Min, 24Hour, 2Day, 5Month).

import { etDate, etDateTime } from '../../domain/calendar/index.js';
import { MINUTE_MS } from './bar-source.js';

export type TimeframeUnit = 'Min' | 'Hour' | 'Day' | 'Week' | 'Month';

/** A parsed timeframe. */
export interface Timeframe {
  readonly amount: number;
  readonly unit: TimeframeUnit;
}

/** What the error messages list as allowed. */
export const TIMEFRAME_HELP = '[1-59]Min or [1-59]T, [1-23]Hour or [1-23]H, 1Day or 1D, 1Week or 1W, [1,2,3,4,6,12]Month or [1,2,3,4,6,12]M';

const PATTERN = /^([1-9]\d?)(Min|T|Hour|H|Day|D|Week|W|Month|M)$/;
const UNIT: Readonly<Record<string, TimeframeUnit>> = { Min: 'Min', T: 'Min', Hour: 'Hour', H: 'Hour', Day: 'Day', D: 'Day', Week: 'Week', W: 'Week', Month: 'Month', M: 'Month' };
const MONTH_AMOUNTS = new Set([1, 2, 3, 4, 6, 12]);
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Parses a timeframe exactly as Alpaca accepts it, or undefined. */
export function parseTimeframe(text: string): Timeframe | undefined {
  const m = PATTERN.exec(text);
  if (m === null) return undefined;
  const amount = Number(m[1]);
  const unit = UNIT[m[2] ?? ''];
  if (unit === undefined) return undefined;
  const ok = unit === 'Min' ? amount <= 59 : unit === 'Hour' ? amount <= 23 : unit === 'Month' ? MONTH_AMOUNTS.has(amount) : amount === 1;
  return ok ? { amount, unit } : undefined;
}

/** Intraday timeframes aggregate every minute (extended hours included); daily and longer only the regular session. */
export const isIntraday = (tf: Timeframe): boolean => tf.unit === 'Min' || tf.unit === 'Hour';

/** The letter Alpaca's page tokens carry for the timeframe's unit (observed: M for minutes, D for days). */
export function tokenUnit(tf: Timeframe): string {
  return { Min: 'M', Hour: 'H', Day: 'D', Week: 'W', Month: 'MO' }[tf.unit];
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ET date of the start of the week/month bucket containing ET date `date`. */
function bucketDate(date: string, tf: Timeframe): string {
  if (tf.unit === 'Week') {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
    return addDays(date, -((weekday + 6) % 7));
  }
  if (tf.unit === 'Month') {
    const month = Number(date.slice(5, 7));
    const first = month - ((month - 1) % tf.amount);
    return `${date.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
  }
  return date;
}

/**
 * Buckets of one timeframe. Keeps a small cache of ET midnights, since daily+ bucketing runs per minute bar.
 */
export class Bucketer {
  readonly tf: Timeframe;
  readonly #midnights = new Map<string, number>();

  constructor(tf: Timeframe) {
    this.tf = tf;
  }

  /** Midnight New York of an ET date, epoch ms. */
  midnight(date: string): number {
    let t = this.#midnights.get(date);
    if (t === undefined) {
      t = etDateTime(date, '00:00');
      this.#midnights.set(date, t);
    }
    return t;
  }

  /** Start (the bar's `t`) of the bucket containing instant `t`. */
  bucketStart(t: number): number {
    const { amount, unit } = this.tf;
    if (unit === 'Min' || unit === 'Hour') {
      const size = amount * (unit === 'Min' ? MINUTE_MS : HOUR_MS);
      const day = Math.floor(t / DAY_MS) * DAY_MS;
      return day + Math.floor((t - day) / size) * size;
    }
    return this.midnight(bucketDate(etDate(t), this.tf));
  }

  /**
   * The stretch of time [start, end) a page walk handles at once; no bucket straddles two of them.
   * Intraday: the UTC day. Daily: the ET day. Weekly: Monday to Monday. Monthly: the N-month block.
   */
  chunkAt(t: number): readonly [number, number] {
    const { unit, amount } = this.tf;
    if (unit === 'Min' || unit === 'Hour') {
      const day = Math.floor(t / DAY_MS) * DAY_MS;
      return [day, day + DAY_MS];
    }
    const startDate = bucketDate(etDate(t), this.tf);
    let endDate: string;
    if (unit === 'Day') endDate = addDays(startDate, 1);
    else if (unit === 'Week') endDate = addDays(startDate, 7);
    else {
      const month = Number(startDate.slice(5, 7)) - 1 + amount;
      const year = Number(startDate.slice(0, 4)) + Math.floor(month / 12);
      endDate = `${String(year)}-${String((month % 12) + 1).padStart(2, '0')}-01`;
    }
    return [this.midnight(startDate), this.midnight(endDate)];
  }
}

// Reads the timestamps real bar files use: ISO-8601 with an offset or Z, naive date-times in a stated time
// zone (IANA, e.g. America/New_York), dates alone (daily bars: midnight New York, as Alpaca stamps them), and
// epoch seconds or milliseconds. Must never: assume a time zone the user did not state, or accept a local
// time that does not exist (the spring-forward hour).
import { DateTime, IANAZone } from 'luxon';

export type ParsedStamp = { readonly ok: true; readonly t: number; readonly dateOnly: boolean } | { readonly ok: false; readonly error: string };

const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const DATE_ONLY = /^(\d{4})-?(\d{2})-?(\d{2})$/;
const WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** Whether `zone` is a valid IANA time zone name. */
export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

const fail = (error: string): ParsedStamp => ({ ok: false, error });

/** Start of each (zone, local date, hour) in epoch ms: luxon is slow per call, and a file has few distinct hours. */
const hourStarts = new Map<string, number | string>();

function localHourStart(tz: string, y: number, mo: number, d: number, h: number): number | string {
  const key = `${tz}|${y}-${mo}-${d}T${h}`;
  const cached = hourStarts.get(key);
  if (cached !== undefined) return cached;
  const dt = DateTime.fromObject({ year: y, month: mo, day: d, hour: h }, { zone: tz });
  const value = !dt.isValid ? `is not a valid time (${dt.invalidExplanation ?? 'invalid'})`
    : dt.hour !== h || dt.day !== d ? `does not exist in ${tz} (clocks skipped it at a daylight-saving change)`
    : dt.toMillis();
  if (hourStarts.size > 200_000) hourStarts.clear();
  hourStarts.set(key, value);
  return value;
}

function fraction(digits: string | undefined): number {
  return digits === undefined ? 0 : Math.floor(Number(`0.${digits}`) * 1000);
}

function inRange(mi: number, s: number): boolean {
  return mi >= 0 && mi < 60 && s >= 0 && s < 60;
}

/** An ISO date-time with an offset, computed without luxon (hot path for big files). */
function withOffset(raw: string, m: RegExpExecArray): ParsedStamp {
  const [y, mo, d] = (m[1] ?? '').split('-').map(Number) as [number, number, number];
  const [h, mi, s = 0] = (m[2] ?? '').split(/[:.]/).slice(0, 3).map(Number) as [number, number, number?];
  const fracDigits = /\.(\d+)/.exec(m[2] ?? '')?.[1];
  const zone = (m[3] ?? 'Z').toUpperCase();
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone === 'Z' ? '0000' : zone.slice(1).replace(':', '').padEnd(4, '0');
  const offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  const local = Date.UTC(y, mo - 1, d, h, mi, s, fraction(fracDigits));
  const check = new Date(local);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || !inRange(mi, s) || Math.abs(offsetMin) > 18 * 60) {
    return fail(`timestamp "${raw}" is not a valid time`);
  }
  return { ok: true, t: local - offsetMin * 60_000, dateOnly: false };
}

/** Parses one timestamp; `tz` applies to naive date-times only. */
export function parseStamp(raw: string, tz: string | undefined): ParsedStamp {
  const text = raw.trim();
  if (/^\d{10}$/.test(text)) return { ok: true, t: Number(text) * 1000, dateOnly: false };
  if (/^\d{13}$/.test(text)) return { ok: true, t: Number(text), dateOnly: false };
  const date = DATE_ONLY.exec(text);
  if (date) {
    const start = localHourStart('America/New_York', Number(date[1]), Number(date[2]), Number(date[3]), 0);
    return typeof start === 'number' ? { ok: true, t: start, dateOnly: true } : fail(`timestamp "${raw}" is not a real date`);
  }
  const offset = WITH_OFFSET.exec(text);
  if (offset) return withOffset(raw, offset);
  const naive = NAIVE.exec(text);
  if (!naive) return fail(`timestamp "${raw}" is not a recognised format: use ISO-8601 (2024-01-02T09:30:00-05:00 or ...Z), "2024-01-02 09:30:00" with --tz, a date 2024-01-02, or epoch seconds/milliseconds`);
  if (tz === undefined) return fail(`timestamp "${raw}" has no UTC offset: say which time zone it is in with --tz (e.g. --tz America/New_York)`);
  const part = (i: number): number => Number(naive[i] ?? '0');
  const [mi, s] = [part(5), part(6)];
  const start = localHourStart(tz, part(1), part(2), part(3), part(4));
  if (typeof start === 'string') return fail(`timestamp "${raw}" ${start}`);
  if (!inRange(mi, s)) return fail(`timestamp "${raw}" is not a valid time`);
  return { ok: true, t: start + (mi * 60 + s) * 1000 + fraction(naive[7]), dateOnly: false };
}

// Text formatting for the backtest HTML report: HTML escaping, JSON that is safe inside a <script> element, and
// human forms of money, percentages, ratios, times and parameters.
// Must never: return text from a result without escaping it (every caller inserts these strings into HTML), or
// round a money string through a float (decimal strings are formatted digit by digit).

import { Decimal } from '../../domain/decimal.js';
import { etDate, etOffsetMs } from '../../domain/calendar/eastern-time.js';

/** Shown for a value the run could not define (no trades, no variance, no losses). */
export const NOT_AVAILABLE = '—';

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * JSON for a `<script type="application/json">` element: `<`, `>` and `&` become \u escapes, so no `</script>`,
 * `<!--` or `<script` can end or confuse the element; U+2028/U+2029 are escaped too. JSON.parse reads it back
 * unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Groups the integer digits of a plain decimal string: "-1234567.5" → "-1,234,567.5". */
function groupDigits(plain: string): string {
  const negative = plain.startsWith('-');
  const body = negative ? plain.slice(1) : plain;
  const [whole = '0', fraction] = body.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** A decimal money string as "$1,234.50" / "-$12.00" (rounded half-even to cents); unparsable text is shown as is. */
export function formatMoney(value: string | null): string {
  if (value === null) return NOT_AVAILABLE;
  const dec = Decimal.tryOf(value);
  if (dec === undefined) return value;
  const fixed = groupDigits(dec.toFixed(2));
  return fixed.startsWith('-') ? `-$${fixed.slice(1)}` : `$${fixed}`;
}

/** A decimal string (price, quantity) with its own digits, grouped: "1234.5" → "1,234.5". */
export function formatDecimal(value: string): string {
  const dec = Decimal.tryOf(value);
  return dec === undefined ? value : groupDigits(dec.toString());
}

/** A number with `dp` places, grouped; null/NaN/±Infinity → "—" (or "∞" for +Infinity). */
export function formatNumber(value: number | null, dp = 2): string {
  if (value === null || Number.isNaN(value)) return NOT_AVAILABLE;
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '-∞';
  return groupDigits(value.toFixed(dp));
}

/**
 * A percentage already in percent units: 12.345 → "12.35 %". Without `dp`, a non-zero value under 0.1 % keeps
 * 4 places (0.0039 → "0.0039 %") so a small average does not read as zero.
 */
export function formatPct(value: number | null, dp?: number): string {
  const places = dp ?? (value !== null && value !== 0 && Math.abs(value) < 0.1 ? 4 : 2);
  const text = formatNumber(value, places);
  return text === NOT_AVAILABLE ? text : `${text} %`;
}

function pad2(n: number): string {
  return n < 10 ? `0${String(n)}` : String(n);
}

/** An instant (epoch ms) as New York wall time "2024-03-01 09:30 ET"; invalid instants as "—". */
export function formatEtTime(t: number): string {
  if (!Number.isFinite(t)) return NOT_AVAILABLE;
  const wall = new Date(t + etOffsetMs(t));
  return `${etDate(t)} ${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())} ET`;
}

/** Elapsed milliseconds as "850 ms", "12.3 s" or "4 min 05 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return NOT_AVAILABLE;
  if (ms < 1000) return `${String(Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${String(Math.floor(seconds / 60))} min ${pad2(seconds % 60)} s`;
}

function paramText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    const json = JSON.stringify(value) as string | undefined; // undefined for functions and undefined
    return json ?? String(value);
  } catch {
    return String(value); // bigint, cycles
  }
}

/** Strategy parameters as "fast=10, slow=30" (values as JSON unless they are plain strings); none → "(defaults)". */
export function formatParams(params: Readonly<Record<string, unknown>>): string {
  const keys = Object.keys(params).sort();
  if (keys.length === 0) return '(defaults)';
  return keys
    .map((key) => {
      return `${key}=${paramText(params[key])}`;
    })
    .join(', ');
}

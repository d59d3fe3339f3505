// Human formatting for risk reasons: dollars, percentages and ET times. Exists so every denial reads the same
// way ("$25,000.00", "2.00%", "2025-01-06 09:29 ET"). Must never: feed a formatted value back into maths.
import type { Decimal } from '../../domain/decimal.js';
import { MARKET_TIME_ZONE } from '../../domain/calendar/index.js';

const ET_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: MARKET_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "$25,000.00", "-$500.00"; sub-cent digits are kept up to 4 places ("$0.1234", "$9.9995"). */
export function usd(value: Decimal): string {
  const abs = value.abs();
  const dp = Math.min(Math.max(2, abs.decimalPlaces()), 4);
  const [whole = '0', rawFrac = ''] = abs.toFixed(dp).split('.');
  const frac = rawFrac.length > 2 ? rawFrac.replace(/0+$/, '').padEnd(2, '0') : rawFrac;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value.isNegative() ? '-' : ''}$${grouped}.${frac}`;
}

/** A fraction as a percentage with two places: 0.02 → "2.00%". */
export function pct(fraction: Decimal): string {
  return `${fraction.times(100).toFixed(2)}%`;
}

/** A share quantity in canonical form ("500", "12.5"). */
export function shares(qty: Decimal): string {
  return qty.toString();
}

/** An instant as ET wall time, "2025-01-06 09:29 ET" (deterministic: formats the given instant only). */
export function etTime(t: number): string {
  if (!Number.isFinite(t)) return String(t);
  const parts = Object.fromEntries(ET_PARTS.formatToParts(t).map((p) => [p.type, p.value]));
  return `${parts.year ?? ''}-${parts.month ?? ''}-${parts.day ?? ''} ${parts.hour ?? ''}:${parts.minute ?? ''} ET`;
}

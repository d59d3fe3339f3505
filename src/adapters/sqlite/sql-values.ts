// Conversions between domain values and SQLite columns, in one place: Decimal ⇄ canonical TEXT, JSON ⇄ TEXT,
// enumerations checked on the way out. Why: a value read back must be exactly the value written (SPEC S9).
// Must never: turn a Decimal into a JS number, or pass an unchecked string off as a domain enumeration.
import { Decimal } from '../../domain/decimal.js';
import { isOneOf } from '../../domain/order.js';
import { InvalidStoreValueError } from '../../ports/store-errors.js';
import type { JsonObject, JsonValue } from '../../ports/store-records.js';

/** Canonical decimal text (no exponent), as stored. */
export function decText(value: Decimal): string {
  return value.toString();
}

export function optDecText(value: Decimal | null | undefined): string | null {
  return value == null ? null : value.toString();
}

export function toDec(text: string): Decimal {
  return Decimal.of(text);
}

export function optDec(text: string | null): Decimal | null {
  return text === null ? null : Decimal.of(text);
}

/** JSON text for a TEXT column; null stays SQL NULL. */
export function jsonText(value: JsonValue | undefined): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function parseJson(text: string | null): JsonValue {
  return text === null ? null : (JSON.parse(text) as JsonValue);
}

export function parseJsonObject(text: string | null, column: string): JsonObject | null {
  const value = parseJson(text);
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidStoreValueError(`column ${column} holds ${text ?? 'NULL'}, not a JSON object`);
  }
  return value as JsonObject;
}

/** Reads an enumeration column back, refusing anything outside `values` (the CHECK constraints make this rare). */
export function enumValue<const T extends string>(values: readonly T[], text: string, column: string): T {
  if (!isOneOf(values, text)) {
    throw new InvalidStoreValueError(`column ${column} holds ${JSON.stringify(text)}; allowed: ${values.join(', ')}`);
  }
  return text;
}

export function optEnumValue<const T extends string>(values: readonly T[], text: string | null, column: string): T | null {
  return text === null ? null : enumValue(values, text, column);
}

/** Rejects quantities and prices that must be positive; the message names the field and value. */
export function requirePositive(value: Decimal, field: string): Decimal {
  if (!value.isPositive()) throw new InvalidStoreValueError(`${field} must be greater than 0, got ${value.toString()}`);
  return value;
}

/** Rejects timestamps that are not whole epoch milliseconds. */
export function requireEpochMs(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidStoreValueError(`${field} must be epoch milliseconds (a non-negative integer), got ${String(value)}`);
  }
  return value;
}

/** SQL clause and parameters for the common list filters. */
export interface ListClause {
  readonly where: string;
  readonly params: Record<string, string | number>;
  readonly order: string;
}

/** Builds WHERE/ORDER BY/LIMIT for ListOptions over the given time column. */
export function listClause(
  options: { since?: number; until?: number; strategy?: string; symbol?: string; limit?: number },
  timeColumn: string,
): ListClause {
  const conditions: string[] = [];
  const params: Record<string, string | number> = {};
  if (options.since !== undefined) {
    conditions.push(`${timeColumn} >= @since`);
    params.since = requireEpochMs(options.since, 'since');
  }
  if (options.until !== undefined) {
    conditions.push(`${timeColumn} < @until`);
    params.until = requireEpochMs(options.until, 'until');
  }
  if (options.strategy !== undefined) {
    conditions.push('strategy = @strategy');
    params.strategy = options.strategy;
  }
  if (options.symbol !== undefined) {
    conditions.push('symbol = @symbol');
    params.symbol = options.symbol;
  }
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  if (options.limit === undefined) return { where, params, order: `ORDER BY ${timeColumn}, rowid` };
  if (!Number.isSafeInteger(options.limit) || options.limit < 1) {
    throw new InvalidStoreValueError(`limit must be a positive integer, got ${String(options.limit)}`);
  }
  params.limit = options.limit;
  return { where, params, order: `ORDER BY ${timeColumn} DESC, rowid DESC LIMIT @limit` };
}

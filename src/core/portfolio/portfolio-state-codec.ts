// The portfolio's rows in bot_state (SPEC §9): adjustments (adoptions, local closes), the current day and its
// start-of-day equity, and the peak equity. JSON with decimal strings, checked when read back.
// Why: a restart must replay an adoption at the same point, keep the day's start equity and keep the peak
// (the max-drawdown rule needs it, and only a person may reset it).
// Must never: write a float for money (SPEC S9), or accept a malformed row silently (it names key and field).
import { Decimal } from '../../domain/decimal.js';
import { parseStrategyId, parseTicker } from '../../domain/ids.js';
import type { JsonObject, JsonValue } from '../../ports/store-records.js';
import type { PortfolioDay } from './day-ledger.js';
import { PortfolioInputError, type PortfolioAdjustment } from './portfolio-fill.js';

/** bot_state keys owned by the portfolio. */
export const PORTFOLIO_STATE_KEYS = {
  adjustments: 'portfolio:adjustments',
  day: 'portfolio:day',
  peak: 'portfolio:peak',
} as const;

/** The persisted peak equity and, when a person reset it, who and when. */
export interface StoredPeak {
  readonly equity: Decimal;
  readonly at: number;
  readonly resetBy: string | null;
}

function fail(key: string, field: string, value: unknown, allowed: string): never {
  throw new PortfolioInputError(`bot_state ${key}: ${field} must be ${allowed}, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
}

function object(key: string, value: JsonValue, field = 'value'): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(key, field, value, 'an object');
  return value as JsonObject;
}

function text(key: string, row: JsonObject, field: string): string {
  const value = row[field];
  if (typeof value !== 'string') fail(key, field, value, 'a string');
  return value;
}

function decimal(key: string, row: JsonObject, field: string): Decimal {
  const value = text(key, row, field);
  return Decimal.tryOf(value) ?? fail(key, field, value, 'a decimal string');
}

function epoch(key: string, row: JsonObject, field: string): number {
  const value = row[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) fail(key, field, value, 'epoch milliseconds');
  return value;
}

function nullableText(key: string, row: JsonObject, field: string): string | null {
  return row[field] === null || row[field] === undefined ? null : text(key, row, field);
}

/** Adjustments as JSON. */
export function encodeAdjustments(adjustments: readonly PortfolioAdjustment[]): JsonValue {
  return adjustments.map((a): JsonObject => (a.kind === 'adopt'
    ? { kind: a.kind, symbol: a.symbol, qty: a.qty.toString(), avgPrice: a.avgPrice.toString(), at: a.at, strategy: a.strategy, afterExecutionId: a.afterExecutionId }
    : { kind: a.kind, symbol: a.symbol, reason: a.reason, at: a.at, afterExecutionId: a.afterExecutionId }));
}

/** Reads adjustments back. @throws PortfolioInputError naming the key, the entry and the field. */
export function decodeAdjustments(value: JsonValue | undefined): PortfolioAdjustment[] {
  const key = PORTFOLIO_STATE_KEYS.adjustments;
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(key, 'value', value, 'an array');
  return (value as readonly JsonValue[]).map((entry, i) => {
    const where = `${key}[${String(i)}]`;
    const row = object(where, entry);
    const base = { symbol: parseTicker(text(where, row, 'symbol')), at: epoch(where, row, 'at'), afterExecutionId: nullableText(where, row, 'afterExecutionId') };
    const kind = row.kind;
    if (kind === 'adopt') {
      return { kind, ...base, qty: decimal(where, row, 'qty'), avgPrice: decimal(where, row, 'avgPrice'), strategy: parseStrategyId(text(where, row, 'strategy')) };
    }
    if (kind === 'close') return { kind, ...base, reason: text(where, row, 'reason') };
    return fail(where, 'kind', kind, 'one of adopt, close');
  });
}

/** The current day with its start-of-day equity, as JSON. */
export function encodeDay(day: Required<PortfolioDay>): JsonValue {
  return { date: day.date, startsAt: day.startsAt, equity: day.equity.toString() };
}

/** @throws PortfolioInputError naming the field. */
export function decodeDay(value: JsonValue | undefined): Required<PortfolioDay> | undefined {
  const key = PORTFOLIO_STATE_KEYS.day;
  if (value === undefined) return undefined;
  const row = object(key, value);
  return { date: text(key, row, 'date'), startsAt: epoch(key, row, 'startsAt'), equity: decimal(key, row, 'equity') };
}

export function encodePeak(peak: StoredPeak): JsonValue {
  return { equity: peak.equity.toString(), at: peak.at, resetBy: peak.resetBy };
}

/** @throws PortfolioInputError naming the field. */
export function decodePeak(value: JsonValue | undefined): StoredPeak | undefined {
  const key = PORTFOLIO_STATE_KEYS.peak;
  if (value === undefined) return undefined;
  const row = object(key, value);
  return { equity: decimal(key, row, 'equity'), at: epoch(key, row, 'at'), resetBy: nullableText(key, row, 'resetBy') };
}

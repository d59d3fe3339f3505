// Alpaca's trading wire shapes (PROTOCOL §3, §6) as zod loose objects: the fields the bot relies on are
// checked, amounts are parsed once into Decimal, and every other field is tolerated (Alpaca adds fields).
// Must never: coerce a malformed amount into a number, or reject a payload for a field we do not read.
import { z } from 'zod';
import { Decimal } from '../../../domain/decimal.js';

/** A wire amount ("123.45"): parsed into an exact Decimal, never a float. */
export const wireDecimal = z.string().transform((text, ctx) => {
  const value = Decimal.tryOf(text);
  if (value === undefined) {
    ctx.addIssue({ code: 'custom', message: `expected a decimal string, got ${JSON.stringify(text)}` });
    return z.NEVER;
  }
  return value;
});

/** An RFC-3339 timestamp with up to 9 fractional digits and any offset → epoch ms (sub-ms digits dropped). */
export const wireTimestamp = z.string().transform((text, ctx) => {
  const ms = parseRfc3339(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `expected an RFC-3339 timestamp, got ${JSON.stringify(text)}` });
    return z.NEVER;
  }
  return ms;
});

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Epoch ms of an RFC-3339 timestamp, or undefined. Fractions beyond milliseconds are truncated. */
export function parseRfc3339(text: string): number | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const fraction = (match[2] ?? '.0').slice(1, 4).padEnd(3, '0');
  const ms = Date.parse(`${match[1] ?? ''}.${fraction}${match[3] ?? 'Z'}`);
  return Number.isNaN(ms) ? undefined : ms;
}

interface WireOrderShape {
  readonly id: string;
  readonly client_order_id: string;
  readonly symbol: string;
  readonly side: string;
  readonly type?: string | null | undefined;
  readonly order_type?: string | null | undefined;
  readonly time_in_force: string;
  readonly order_class?: string | null | undefined;
  readonly status: string;
  readonly qty?: Decimal | null | undefined;
  readonly notional?: Decimal | null | undefined;
  readonly filled_qty: Decimal;
  readonly filled_avg_price?: Decimal | null | undefined;
  readonly limit_price?: Decimal | null | undefined;
  readonly stop_price?: Decimal | null | undefined;
  readonly submitted_at?: number | null | undefined;
  readonly updated_at?: number | null | undefined;
  readonly legs?: readonly WireOrderShape[] | null | undefined;
}

/** `Order` (PROTOCOL §3.3): the fields the bot maps; `legs` recurse. Status is checked by the mapper. */
export const AlpacaOrderSchema: z.ZodType<WireOrderShape> = z.lazy(() =>
  z.looseObject({
    id: z.string().min(1),
    client_order_id: z.string().min(1),
    symbol: z.string().min(1),
    side: z.string(),
    type: z.string().nullish(),
    order_type: z.string().nullish(),
    time_in_force: z.string(),
    order_class: z.string().nullish(),
    status: z.string(),
    qty: wireDecimal.nullish(),
    notional: wireDecimal.nullish(),
    filled_qty: wireDecimal,
    filled_avg_price: wireDecimal.nullish(),
    limit_price: wireDecimal.nullish(),
    stop_price: wireDecimal.nullish(),
    submitted_at: wireTimestamp.nullish(),
    updated_at: wireTimestamp.nullish(),
    legs: z.array(AlpacaOrderSchema).nullish(),
  }),
);
export type AlpacaOrder = z.infer<typeof AlpacaOrderSchema>;

/** `Position` (PROTOCOL §3.2). */
export const AlpacaPositionSchema = z.looseObject({
  symbol: z.string().min(1),
  qty: wireDecimal,
  side: z.enum(['long', 'short']),
  avg_entry_price: wireDecimal,
  current_price: wireDecimal.nullish(),
  market_value: wireDecimal.nullish(),
  unrealized_pl: wireDecimal.nullish(),
});
export type AlpacaPosition = z.infer<typeof AlpacaPositionSchema>;

/** `Account` (PROTOCOL §3.1): the money fields and the blocks that stop trading. */
export const AlpacaAccountSchema = z.looseObject({
  equity: wireDecimal,
  last_equity: wireDecimal,
  cash: wireDecimal,
  buying_power: wireDecimal,
  trading_blocked: z.boolean(),
  account_blocked: z.boolean().nullish(),
  trade_suspended_by_user: z.boolean().nullish(),
});
export type AlpacaAccount = z.infer<typeof AlpacaAccountSchema>;

/** The `data` of a `trade_updates` frame (PROTOCOL §6): per-execution price/qty and the position after it. */
export const AlpacaTradeUpdateSchema = z.looseObject({
  event: z.string().min(1),
  execution_id: z.string().nullish(),
  timestamp: wireTimestamp.nullish(),
  at: wireTimestamp.nullish(),
  price: wireDecimal.nullish(),
  qty: wireDecimal.nullish(),
  position_qty: wireDecimal.nullish(),
  order: AlpacaOrderSchema,
});
export type AlpacaTradeUpdate = z.infer<typeof AlpacaTradeUpdateSchema>;

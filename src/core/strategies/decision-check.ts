// Validates what a strategy's `decide` returned before anything acts on it (DESIGN §3.11: outputs validated).
// A user strategy can return anything; the risk engine and order manager must only ever see well-formed
// intents for the instance's own symbol, with finite positive prices on the right side of the market.
// Must never: repair an output (a wrong stop is refused, not moved), or accept a state that is not plain JSON.
import { z } from 'zod';
import { INTENT_ACTIONS, type Intent } from '../../domain/intent.js';
import { findNonJson } from './json-state.js';

const price = z.number().positive();
const fraction01 = z.number().min(0).max(1);
const openFraction = z.number().gt(0).lt(1);

const EntryOrderSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('market') }),
  z.strictObject({ type: z.literal('limit'), price }),
  z.strictObject({ type: z.literal('stop'), price, expiresAfterCandles: z.number().int().min(1).optional() }),
]);

const IntentSchema = z.strictObject({
  action: z.enum(INTENT_ACTIONS),
  symbol: z.string(),
  reason: z.string().trim().min(1, 'must be a non-empty explanation'),
  entry: EntryOrderSchema.optional(),
  stop: price.optional(),
  takeProfit: price.optional(),
  trail: z.strictObject({ activationPct: openFraction.optional(), trailPct: openFraction.optional() }).optional(),
  confidence: fraction01.optional(),
  sizeFraction: z.number().gt(0, 'must be in (0, 1]').max(1, 'must be in (0, 1]').optional(),
});

const DecisionSchema = z.strictObject({ intents: z.array(IntentSchema), state: z.unknown() });

/** What the checks need to know about the instance and the candle. */
export interface DecisionContext {
  readonly symbol: string;
  /** Close of the candle just decided on: the reference price of a market entry. */
  readonly close: number;
  readonly positionSide: 'long' | 'short' | 'flat';
}

export type DecisionCheck =
  | { readonly ok: true; readonly intents: readonly Intent[]; readonly state: unknown }
  | { readonly ok: false; readonly problem: string };

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length === 0 ? 'decision' : issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  const input = 'input' in issue && issue.input !== undefined ? ` (got ${safeText(issue.input)})` : '';
  const allowed = issue.code === 'invalid_value' ? `: allowed ${issue.values.map((v) => String(v)).join(', ')}` : '';
  return `${path}: ${issue.message}${allowed}${input}`;
}

function safeText(value: unknown): string {
  try {
    const text = typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : JSON.stringify(value) as string | undefined ?? typeof value;
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return typeof value;
  }
}

const NO_INTENTS: readonly Intent[] = Object.freeze([]);

/**
 * The decision of most candles — a plain `{ intents: [], state }` with no other key — which the schema would
 * accept as it is; checked without zod (the per-candle path). Anything else goes through the full schema.
 */
function isPlainNoIntents(raw: unknown): raw is { readonly intents: readonly []; readonly state: unknown } {
  if (typeof raw !== 'object' || raw === null || Object.getPrototypeOf(raw) !== Object.prototype) return false;
  const keys = Object.keys(raw);
  if (keys.length !== 2 || !keys.includes('intents') || !keys.includes('state')) return false;
  const intents = (raw as { intents?: unknown }).intents;
  return Array.isArray(intents) && intents.length === 0;
}

/** Where an entry would fill, for judging its stop and take-profit: the order's price, else the close. */
function referencePrice(intent: Intent, close: number): number {
  return intent.entry !== undefined && intent.entry.type !== 'market' ? intent.entry.price : close;
}

function sideProblem(intent: Intent, index: number, ctx: DecisionContext): string | undefined {
  const at = `intents[${index}]`;
  if (intent.symbol !== ctx.symbol) return `${at}.symbol: ${JSON.stringify(intent.symbol)} is not this instance's symbol ${ctx.symbol}`;
  if (intent.action === 'enter_long' || intent.action === 'enter_short') {
    const long = intent.action === 'enter_long';
    const ref = referencePrice(intent, ctx.close);
    if (intent.stop !== undefined && (long ? intent.stop >= ref : intent.stop <= ref)) {
      return `${at}.stop: ${intent.stop} must be ${long ? 'below' : 'above'} the entry price ${ref} for ${intent.action}`;
    }
    if (intent.takeProfit !== undefined && (long ? intent.takeProfit <= ref : intent.takeProfit >= ref)) {
      return `${at}.takeProfit: ${intent.takeProfit} must be ${long ? 'above' : 'below'} the entry price ${ref} for ${intent.action}`;
    }
    return undefined;
  }
  if (intent.entry !== undefined) return `${at}.entry: only enter_long and enter_short take an entry order, not ${intent.action}`;
  if (intent.action === 'move_stop') return moveStopProblem(intent, at, ctx);
  return undefined;
}

function moveStopProblem(intent: Intent, at: string, ctx: DecisionContext): string | undefined {
  if (intent.stop === undefined) return `${at}.stop: move_stop needs the new stop price`;
  if (ctx.positionSide === 'long' && intent.stop >= ctx.close) return `${at}.stop: ${intent.stop} must be below the close ${ctx.close} to protect a long`;
  if (ctx.positionSide === 'short' && intent.stop <= ctx.close) return `${at}.stop: ${intent.stop} must be above the close ${ctx.close} to protect a short`;
  return undefined;
}

/**
 * Checks a decision: shape (strict: unknown keys are refused, which catches typos such as `stopLoss`), actions,
 * symbol, prices and sides, and a plain-JSON state. Returns the first problem found, named by its path.
 */
export function checkDecision(raw: unknown, ctx: DecisionContext): DecisionCheck {
  if (typeof raw === 'object' && raw !== null && (raw as { state?: unknown }).state === undefined) {
    return { ok: false, problem: findNonJson(undefined) ?? 'state: missing' };
  }
  if (isPlainNoIntents(raw)) {
    const stateProblem = findNonJson(raw.state);
    return stateProblem === undefined ? { ok: true, intents: NO_INTENTS, state: raw.state } : { ok: false, problem: stateProblem };
  }
  const parsed = DecisionSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, problem: first === undefined ? 'decision: invalid' : describeIssue(first) };
  }
  const intents = parsed.data.intents as readonly Intent[];
  for (let i = 0; i < intents.length; i++) {
    const intent = intents[i];
    const problem = intent === undefined ? undefined : sideProblem(intent, i, ctx);
    if (problem !== undefined) return { ok: false, problem };
  }
  const stateProblem = findNonJson(parsed.data.state);
  if (stateProblem !== undefined) return { ok: false, problem: stateProblem };
  return { ok: true, intents, state: parsed.data.state };
}

// The readable console summary of `alpaca-bot run`: one line per signal decision and per fill, stamped with the
// market's (New York) time, so a newcomer sees what the bot does without reading JSON logs.
// Must never: print a secret (only strategy names, symbols, quantities, prices and reasons).
import type { OrderFilled } from '../../core/orders/index.js';
import type { RiskDecision } from '../../core/risk/index.js';
import type { RecordedSignal } from '../../core/strategies/index.js';

const ET = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

function stamp(t: number): string {
  return `[${ET.format(new Date(t)).replace(',', '')} ET]`;
}

export function signalLine(recorded: RecordedSignal, decision: RiskDecision, now: number): string {
  const { intent, context } = recorded.signal;
  const head = `${stamp(now)} SIGNAL ${context.strategy} ${context.symbol} ${intent.action}`;
  if (!decision.approved) return `${head} → denied ${decision.denial.code}: ${decision.denial.reason}\n`;
  const size = decision.action === 'enter_long' || decision.action === 'enter_short' ? ` ${decision.qty.toString()} sh, stop ${decision.stop.toString()}` : '';
  return `${head} → approved${size} — ${intent.reason}\n`;
}

export function fillLine(fill: OrderFilled): string {
  return `${stamp(fill.at)} FILL   ${fill.symbol} ${fill.side} ${fill.qty.toString()} @ ${fill.price.toString()} (${fill.role}, ${fill.strategy})\n`;
}

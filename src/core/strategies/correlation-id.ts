// The correlation id that ties a signal to its risk decision, orders and fills (DESIGN §3.3). Deterministic,
// like the client_order_id (SPEC S4): the same signal always gets the same id, so a replayed or restarted
// signal is recognisable in every table and log line.
// Must never: include wall time, randomness or a counter that depends on process history.
import { createHash } from 'node:crypto';
import { canonicalSignalTs } from '../../domain/client-order-id.js';
import { asCorrelationId, type CorrelationId } from '../../domain/ids.js';

export interface CorrelationParts {
  readonly strategy: string;
  readonly symbol: string;
  readonly timeframe: string;
  /** Signal candle start, epoch ms. */
  readonly signalTs: number;
  readonly action: string;
  /** 1 for the first intent with this action on this candle, 2 for a second move_stop, ... */
  readonly ordinal?: number;
}

/** "sig-" + first 16 hex of sha256(strategy|symbol|timeframe|signal_ts ISO|action[|#n for n > 1]). */
export function deriveCorrelationId(parts: CorrelationParts): CorrelationId {
  const ordinal = parts.ordinal !== undefined && parts.ordinal > 1 ? `|#${parts.ordinal}` : '';
  const input = `${parts.strategy}|${parts.symbol}|${parts.timeframe}|${canonicalSignalTs(parts.signalTs)}|${parts.action}${ordinal}`;
  return asCorrelationId(`sig-${createHash('sha256').update(input, 'utf8').digest('hex').slice(0, 16)}`);
}

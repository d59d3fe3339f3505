// The one place where Alpaca bars (stream `StreamBar`, REST `StockBar`) become domain Bars (DESIGN §3.13).
// A bar that is not a sane 1-minute OHLCV bar is refused loudly here, so garbage never reaches candles.
// Must never: let a vendor field name past this file, or repair a bad bar by guessing.
import type { marketData, streaming } from '@alpacahq/alpaca-trade-api';
import type { Bar, Timeframe } from '../../../domain/bar.js';

/** A bar from Alpaca that cannot be a real bar; the message names the symbol, the field and the value. */
export class BarMappingError extends Error {
  override readonly name = 'BarMappingError';
}

interface Ohlcv {
  readonly symbol: string;
  readonly t: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly vwap: number | undefined;
  readonly tradeCount: number | undefined;
}

function finite(where: string, field: string, value: unknown): number {
  const n = typeof value === 'bigint' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new BarMappingError(`${where}: ${field} must be a finite number, got ${String(value)}`);
  return n;
}

function check(bar: Ohlcv, timeframe: Timeframe): Bar {
  const where = `bar ${bar.symbol} at ${Number.isFinite(bar.t) ? new Date(bar.t).toISOString() : String(bar.t)}`;
  if (bar.symbol === '') throw new BarMappingError(`${where}: symbol is empty`);
  if (!Number.isFinite(bar.t)) throw new BarMappingError(`${where}: timestamp is not a valid time`);
  const [open, high, low, close] = (['open', 'high', 'low', 'close'] as const).map((f) => finite(where, f, bar[f])) as [number, number, number, number];
  const volume = finite(where, 'volume', bar.volume);
  if (low <= 0) throw new BarMappingError(`${where}: low must be > 0, got ${low}`);
  if (high < Math.max(open, close, low) || low > Math.min(open, close)) {
    throw new BarMappingError(`${where}: prices are not a bar (open ${open}, high ${high}, low ${low}, close ${close})`);
  }
  if (volume < 0) throw new BarMappingError(`${where}: volume must be >= 0, got ${volume}`);
  const out: { -readonly [K in keyof Bar]: Bar[K] } = { symbol: bar.symbol, timeframe, t: bar.t, open, high, low, close, volume };
  if (bar.vwap !== undefined) out.vwap = finite(where, 'vwap', bar.vwap);
  if (bar.tradeCount !== undefined) out.tradeCount = finite(where, 'trade count', bar.tradeCount);
  return out;
}

/** A streamed minute bar as a domain 1Min Bar. @throws BarMappingError */
export function barFromStream(bar: streaming.StreamBar): Bar {
  return check({
    symbol: bar.symbol, t: bar.timestamp.getTime(), open: bar.open, high: bar.high, low: bar.low, close: bar.close,
    volume: bar.volume, vwap: bar.vwap, tradeCount: bar.tradeCount,
  }, '1Min');
}

/** A REST bar (from `/v2/stocks/bars`, keyed by `symbol`) as a domain Bar. @throws BarMappingError */
export function barFromRest(symbol: string, bar: marketData.StockBar, timeframe: Timeframe): Bar {
  const t: unknown = bar.t;
  const ms = t instanceof Date ? t.getTime() : typeof t === 'string' ? Date.parse(t) : NaN;
  return check({ symbol, t: ms, open: bar.o, high: bar.h, low: bar.l, close: bar.c, volume: bar.v, vwap: bar.vw, tradeCount: bar.n }, timeframe);
}

// The bar cache (SPEC §4, §9): history for warm-up and backtests, keyed by (symbol, timeframe, bar start).
// Prices are TEXT decimals; `range` reads them back exact, `rangeBars` as numbers for indicator maths.
// Must never: leave a batch half-written (every upsert is one transaction).
import { parseTimeframe, type Bar, type Timeframe } from '../../domain/bar.js';
import { Decimal } from '../../domain/decimal.js';
import { parseTicker, type Ticker } from '../../domain/ids.js';
import type { BarRepo } from '../../ports/store.js';
import type { BarRecord, BarSeriesSummary } from '../../ports/store-records.js';
import { InvalidStoreValueError } from '../../ports/store-errors.js';
import { StatementCache, type SqliteContext } from './sqlite-context.js';
import { optDec, requireEpochMs, toDec } from './sql-values.js';

interface BarRow {
  ts: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: number;
  vwap: string | null;
  trade_count: number | null;
  source: string;
}

type BarParams = Record<string, string | number | null>;

const UPSERT = `INSERT INTO bars (symbol, timeframe, ts, open, high, low, close, volume, vwap, trade_count, source)
VALUES (@symbol, @timeframe, @ts, @open, @high, @low, @close, @volume, @vwap, @tradeCount, @source)
ON CONFLICT (symbol, timeframe, ts) DO UPDATE SET open = excluded.open, high = excluded.high, low = excluded.low,
  close = excluded.close, volume = excluded.volume, vwap = excluded.vwap, trade_count = excluded.trade_count,
  source = excluded.source`;
const RANGE = 'SELECT * FROM bars WHERE symbol = ? AND timeframe = ? AND ts >= ? AND ts < ? ORDER BY ts';

interface LooseBar {
  readonly symbol: string;
  readonly timeframe: string;
  readonly ts: number;
  readonly prices: readonly [Decimal, Decimal, Decimal, Decimal];
  readonly volume: number;
  readonly vwap: Decimal | null;
  readonly tradeCount: number | null;
  readonly source: string;
}

function barParams(bar: LooseBar): BarParams {
  const where = `bar ${bar.symbol} ${bar.timeframe} at ${String(bar.ts)}`;
  if (!Number.isFinite(bar.volume) || bar.volume < 0) throw new InvalidStoreValueError(`${where}: volume must be a finite number >= 0, got ${String(bar.volume)}`);
  if (bar.tradeCount !== null && (!Number.isSafeInteger(bar.tradeCount) || bar.tradeCount < 0)) {
    throw new InvalidStoreValueError(`${where}: trade_count must be a non-negative integer, got ${String(bar.tradeCount)}`);
  }
  const [open, high, low, close] = bar.prices;
  if (high.lt(low)) throw new InvalidStoreValueError(`${where}: high ${high.toString()} is below low ${low.toString()}`);
  return {
    symbol: parseTicker(bar.symbol),
    timeframe: parseTimeframe(bar.timeframe),
    ts: requireEpochMs(bar.ts, `${where}: ts`),
    open: open.toString(),
    high: high.toString(),
    low: low.toString(),
    close: close.toString(),
    volume: bar.volume,
    vwap: bar.vwap?.toString() ?? null,
    tradeCount: bar.tradeCount,
    source: bar.source,
  };
}

/** A float price as the shortest decimal that reads back as the same float ("123.45", not 123.4500000001). */
function priceOf(value: number, field: string, symbol: string): Decimal {
  if (!Number.isFinite(value)) throw new InvalidStoreValueError(`bar ${symbol}: ${field} must be a finite number, got ${String(value)}`);
  return Decimal.of(String(value));
}

/** SQLite implementation of {@link BarRepo}. */
export class SqliteBarRepo implements BarRepo {
  readonly #ctx: SqliteContext;
  readonly #sql: StatementCache;

  constructor(ctx: SqliteContext) {
    this.#ctx = ctx;
    this.#sql = new StatementCache(ctx.db);
  }

  upsertMany(bars: readonly BarRecord[]): number {
    return this.#write(
      bars.map((b) => barParams({ ...b, prices: [b.open, b.high, b.low, b.close], vwap: b.vwap ?? null, tradeCount: b.tradeCount ?? null })),
    );
  }

  upsertBars(bars: readonly Bar[], source: string): number {
    return this.#write(
      bars.map((b) =>
        barParams({
          symbol: b.symbol,
          timeframe: b.timeframe,
          ts: b.t,
          prices: [priceOf(b.open, 'open', b.symbol), priceOf(b.high, 'high', b.symbol), priceOf(b.low, 'low', b.symbol), priceOf(b.close, 'close', b.symbol)],
          volume: b.volume,
          vwap: b.vwap === undefined ? null : priceOf(b.vwap, 'vwap', b.symbol),
          tradeCount: b.tradeCount ?? null,
          source,
        }),
      ),
    );
  }

  range(symbol: Ticker, timeframe: Timeframe, from: number, to: number): BarRecord[] {
    return this.#sql.get<BarRow>(RANGE).all(symbol, timeframe, from, to).map((row) => ({
      symbol,
      timeframe,
      ts: row.ts,
      open: toDec(row.open),
      high: toDec(row.high),
      low: toDec(row.low),
      close: toDec(row.close),
      volume: row.volume,
      vwap: optDec(row.vwap),
      tradeCount: row.trade_count,
      source: row.source,
    }));
  }

  rangeBars(symbol: Ticker, timeframe: Timeframe, from: number, to: number): Bar[] {
    return this.#sql.get<BarRow>(RANGE).all(symbol, timeframe, from, to).map((row) => {
      const bar: Bar = { symbol, timeframe, t: row.ts, open: Number(row.open), high: Number(row.high), low: Number(row.low), close: Number(row.close), volume: row.volume };
      const extras: { vwap?: number; tradeCount?: number } = {};
      if (row.vwap !== null) extras.vwap = Number(row.vwap);
      if (row.trade_count !== null) extras.tradeCount = row.trade_count;
      return { ...bar, ...extras };
    });
  }

  latestTs(symbol: Ticker, timeframe: Timeframe): number | undefined {
    const row = this.#sql.get<{ ts: number | null }>('SELECT max(ts) AS ts FROM bars WHERE symbol = ? AND timeframe = ?').get(symbol, timeframe);
    return row?.ts ?? undefined;
  }

  summary(): BarSeriesSummary[] {
    const sql = `SELECT symbol, timeframe, count(*) AS count, min(ts) AS first_ts, max(ts) AS last_ts
      FROM bars GROUP BY symbol, timeframe ORDER BY symbol, timeframe`;
    const rows = this.#sql.get<{ symbol: string; timeframe: string; count: number; first_ts: number; last_ts: number }>(sql).all();
    return rows.map((row) => ({
      symbol: parseTicker(row.symbol),
      timeframe: parseTimeframe(row.timeframe),
      count: row.count,
      firstTs: row.first_ts,
      lastTs: row.last_ts,
    }));
  }

  #write(params: readonly BarParams[]): number {
    const statement = this.#sql.get(UPSERT);
    return this.#ctx.tx(() => {
      for (const row of params) statement.run(row);
      return params.length;
    });
  }
}

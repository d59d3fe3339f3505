// The bar cache (SPEC §4, §9): history for warm-up and backtests, keyed by (symbol, timeframe, bar start).
// Must never: store a price as a float, or leave a batch half-written (upsertMany is one transaction).
import type { Ticker } from '../../domain/ids.js';
import { parseTicker } from '../../domain/ids.js';
import type { BarRepo } from '../../ports/store.js';
import type { BarRecord, BarSeriesSummary } from '../../ports/store-records.js';
import { InvalidStoreValueError } from '../../ports/store-errors.js';
import { StatementCache, type SqliteContext } from './sqlite-context.js';
import { decText, optDec, optDecText, requireEpochMs, toDec } from './sql-values.js';

interface BarRow {
  symbol: string;
  timeframe: string;
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

const UPSERT = `INSERT INTO bars (symbol, timeframe, ts, open, high, low, close, volume, vwap, trade_count, source)
VALUES (@symbol, @timeframe, @ts, @open, @high, @low, @close, @volume, @vwap, @tradeCount, @source)
ON CONFLICT (symbol, timeframe, ts) DO UPDATE SET open = excluded.open, high = excluded.high, low = excluded.low,
  close = excluded.close, volume = excluded.volume, vwap = excluded.vwap, trade_count = excluded.trade_count,
  source = excluded.source`;

function barParams(bar: BarRecord): Record<string, string | number | null> {
  if (!Number.isFinite(bar.volume) || bar.volume < 0) {
    throw new InvalidStoreValueError(`bar ${bar.symbol} ${String(bar.ts)} volume must be a finite number >= 0, got ${String(bar.volume)}`);
  }
  const tradeCount = bar.tradeCount ?? null;
  if (tradeCount !== null && (!Number.isSafeInteger(tradeCount) || tradeCount < 0)) {
    throw new InvalidStoreValueError(`bar ${bar.symbol} ${String(bar.ts)} trade_count must be a non-negative integer, got ${String(tradeCount)}`);
  }
  return {
    symbol: bar.symbol,
    timeframe: bar.timeframe,
    ts: requireEpochMs(bar.ts, 'bar ts'),
    open: decText(bar.open),
    high: decText(bar.high),
    low: decText(bar.low),
    close: decText(bar.close),
    volume: bar.volume,
    vwap: optDecText(bar.vwap),
    tradeCount,
    source: bar.source,
  };
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
    const params = bars.map(barParams);
    const statement = this.#sql.get(UPSERT);
    return this.#ctx.tx(() => {
      for (const row of params) statement.run(row);
      return params.length;
    });
  }

  range(symbol: Ticker, timeframe: string, from: number, to: number): BarRecord[] {
    const sql = 'SELECT * FROM bars WHERE symbol = ? AND timeframe = ? AND ts >= ? AND ts < ? ORDER BY ts';
    return this.#sql.get<BarRow>(sql).all(symbol, timeframe, from, to).map((row) => ({
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

  latestTs(symbol: Ticker, timeframe: string): number | undefined {
    const row = this.#sql.get<{ ts: number | null }>('SELECT max(ts) AS ts FROM bars WHERE symbol = ? AND timeframe = ?').get(symbol, timeframe);
    return row?.ts ?? undefined;
  }

  summary(): BarSeriesSummary[] {
    const sql = `SELECT symbol, timeframe, count(*) AS count, min(ts) AS first_ts, max(ts) AS last_ts
      FROM bars GROUP BY symbol, timeframe ORDER BY symbol, timeframe`;
    const rows = this.#sql.get<{ symbol: string; timeframe: string; count: number; first_ts: number; last_ts: number }>(sql).all();
    return rows.map((row) => ({ symbol: parseTicker(row.symbol), timeframe: row.timeframe, count: row.count, firstTs: row.first_ts, lastTs: row.last_ts }));
  }
}

// The equity curve: a snapshot of equity, cash and today's P&L every 60 s (SPEC §9, §10 housekeeping).
// Must never: store a float for money (SPEC S9).
import type { EquityRepo } from '../../ports/store.js';
import type { EquityPoint } from '../../ports/store-records.js';
import { InvalidStoreValueError } from '../../ports/store-errors.js';
import { StatementCache, type SqliteContext } from './sqlite-context.js';
import { decText, optDec, optDecText, requireEpochMs, toDec } from './sql-values.js';

interface EquityRow {
  ts: number;
  equity: string;
  cash: string;
  daily_pnl: string;
  buying_power: string | null;
  long_market_value: string | null;
  short_market_value: string | null;
  open_positions: number | null;
}

const UPSERT = `INSERT INTO equity_curve (ts, equity, cash, daily_pnl, buying_power, long_market_value, short_market_value, open_positions)
VALUES (@ts, @equity, @cash, @dailyPnl, @buyingPower, @longMarketValue, @shortMarketValue, @openPositions)
ON CONFLICT (ts) DO UPDATE SET equity = excluded.equity, cash = excluded.cash, daily_pnl = excluded.daily_pnl,
  buying_power = excluded.buying_power, long_market_value = excluded.long_market_value,
  short_market_value = excluded.short_market_value, open_positions = excluded.open_positions`;

function toPoint(row: EquityRow): EquityPoint {
  return {
    ts: row.ts,
    equity: toDec(row.equity),
    cash: toDec(row.cash),
    dailyPnl: toDec(row.daily_pnl),
    buyingPower: optDec(row.buying_power),
    longMarketValue: optDec(row.long_market_value),
    shortMarketValue: optDec(row.short_market_value),
    openPositions: row.open_positions,
  };
}

/** SQLite implementation of {@link EquityRepo}. */
export class SqliteEquityRepo implements EquityRepo {
  readonly #sql: StatementCache;

  constructor(ctx: SqliteContext) {
    this.#sql = new StatementCache(ctx.db);
  }

  record(point: EquityPoint): void {
    const positions = point.openPositions ?? null;
    if (positions !== null && (!Number.isSafeInteger(positions) || positions < 0)) {
      throw new InvalidStoreValueError(`open_positions must be a non-negative integer, got ${String(positions)}`);
    }
    this.#sql.get(UPSERT).run({
      ts: requireEpochMs(point.ts, 'equity ts'),
      equity: decText(point.equity),
      cash: decText(point.cash),
      dailyPnl: decText(point.dailyPnl),
      buyingPower: optDecText(point.buyingPower),
      longMarketValue: optDecText(point.longMarketValue),
      shortMarketValue: optDecText(point.shortMarketValue),
      openPositions: positions,
    });
  }

  latest(): EquityPoint | undefined {
    const row = this.#sql.get<EquityRow>('SELECT * FROM equity_curve ORDER BY ts DESC LIMIT 1').get();
    return row === undefined ? undefined : toPoint(row);
  }

  range(from: number, to: number): EquityPoint[] {
    return this.#sql.get<EquityRow>('SELECT * FROM equity_curve WHERE ts >= ? AND ts < ? ORDER BY ts').all(from, to).map(toPoint);
  }
}

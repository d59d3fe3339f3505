// Migration 2: the ledger and the decision record (SPEC §9): completed round trips (immutable), notes on them,
// every strategy signal with its risk decision, and the equity curve.
// Must never: be edited after release (add a new migration instead).
import type { Migration } from './migration.js';

export const migration002: Migration = {
  version: 2,
  name: 'ledger',
  sql: `
CREATE TABLE trades (
  id                    INTEGER PRIMARY KEY,
  strategy              TEXT NOT NULL,
  symbol                TEXT NOT NULL,
  side                  TEXT NOT NULL CHECK (side IN ('long', 'short')),
  qty                   TEXT NOT NULL CHECK (qty <> '' AND qty NOT GLOB '*[^0-9.-]*'),
  entry_price           TEXT NOT NULL CHECK (entry_price <> '' AND entry_price NOT GLOB '*[^0-9.-]*'),
  exit_price            TEXT NOT NULL CHECK (exit_price <> '' AND exit_price NOT GLOB '*[^0-9.-]*'),
  entry_ts              INTEGER NOT NULL,
  exit_ts               INTEGER NOT NULL CHECK (exit_ts >= entry_ts),
  duration_s            INTEGER NOT NULL CHECK (duration_s >= 0),
  pnl                   TEXT NOT NULL CHECK (pnl <> '' AND pnl NOT GLOB '*[^0-9.-]*'),
  pnl_pct               TEXT NOT NULL CHECK (pnl_pct <> '' AND pnl_pct NOT GLOB '*[^0-9.-]*'),
  commission            TEXT NOT NULL DEFAULT '0' CHECK (commission <> '' AND commission NOT GLOB '*[^0-9.-]*'),
  entry_client_order_id TEXT,
  exit_client_order_id  TEXT,
  correlation_id        TEXT,
  exit_reason           TEXT,
  created_at            INTEGER NOT NULL
) STRICT;
CREATE INDEX trades_exit_ts ON trades (exit_ts);
CREATE INDEX trades_strategy_symbol ON trades (strategy, symbol, exit_ts);
CREATE TRIGGER trades_append_only_update BEFORE UPDATE ON trades
BEGIN SELECT RAISE(ABORT, 'trades is append-only: UPDATE is not allowed'); END;
CREATE TRIGGER trades_append_only_delete BEFORE DELETE ON trades
BEGIN SELECT RAISE(ABORT, 'trades is append-only: DELETE is not allowed'); END;

CREATE TABLE trade_notes (
  id         INTEGER PRIMARY KEY,
  trade_id   INTEGER NOT NULL REFERENCES trades (id),
  note       TEXT NOT NULL CHECK (note <> ''),
  author     TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX trade_notes_trade ON trade_notes (trade_id);

CREATE TABLE signals (
  id              INTEGER PRIMARY KEY,
  correlation_id  TEXT NOT NULL,
  strategy        TEXT NOT NULL,
  symbol          TEXT NOT NULL,
  timeframe       TEXT NOT NULL,
  signal_ts       INTEGER NOT NULL,
  action          TEXT NOT NULL CHECK (action <> ''),
  reason          TEXT NOT NULL,
  confidence      REAL,
  stop            TEXT CHECK (stop <> '' AND stop NOT GLOB '*[^0-9.-]*'),
  take_profit     TEXT CHECK (take_profit <> '' AND take_profit NOT GLOB '*[^0-9.-]*'),
  size_fraction   REAL,
  risk_decision   TEXT CHECK (risk_decision IN ('approved', 'denied')),
  risk_code       TEXT,
  risk_reason     TEXT,
  qty             TEXT CHECK (qty <> '' AND qty NOT GLOB '*[^0-9.-]*'),
  client_order_id TEXT,
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX signals_created ON signals (created_at);
CREATE INDEX signals_correlation ON signals (correlation_id);
-- A signal is written once and decided once; after the decision it is part of the record and never changes.
CREATE TRIGGER signals_decided_immutable BEFORE UPDATE ON signals WHEN OLD.risk_decision IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signals: a decided signal is immutable'); END;
CREATE TRIGGER signals_no_delete BEFORE DELETE ON signals
BEGIN SELECT RAISE(ABORT, 'signals is append-only: DELETE is not allowed'); END;

CREATE TABLE equity_curve (
  ts                 INTEGER PRIMARY KEY,
  equity             TEXT NOT NULL CHECK (equity <> '' AND equity NOT GLOB '*[^0-9.-]*'),
  cash               TEXT NOT NULL CHECK (cash <> '' AND cash NOT GLOB '*[^0-9.-]*'),
  daily_pnl          TEXT NOT NULL CHECK (daily_pnl <> '' AND daily_pnl NOT GLOB '*[^0-9.-]*'),
  buying_power       TEXT CHECK (buying_power <> '' AND buying_power NOT GLOB '*[^0-9.-]*'),
  long_market_value  TEXT CHECK (long_market_value <> '' AND long_market_value NOT GLOB '*[^0-9.-]*'),
  short_market_value TEXT CHECK (short_market_value <> '' AND short_market_value NOT GLOB '*[^0-9.-]*'),
  open_positions     INTEGER CHECK (open_positions >= 0)
) STRICT;
`,
};

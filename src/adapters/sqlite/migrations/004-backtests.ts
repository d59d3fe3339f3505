// Migration 4: backtest runs and their trades (SPEC §11). Unlike live trades these may be deleted (with their run).
// Must never: be edited after release (add a new migration instead).
import type { Migration } from './migration.js';

export const migration004: Migration = {
  version: 4,
  name: 'backtests',
  sql: `
CREATE TABLE backtest_runs (
  id             TEXT PRIMARY KEY,
  strategy       TEXT NOT NULL,
  symbols        TEXT NOT NULL CHECK (json_valid(symbols) AND json_type(symbols) = 'array'),
  timeframe      TEXT NOT NULL,
  start_ts       INTEGER NOT NULL,
  end_ts         INTEGER NOT NULL CHECK (end_ts >= start_ts),
  params         TEXT NOT NULL CHECK (json_valid(params)),
  initial_equity TEXT NOT NULL CHECK (initial_equity <> '' AND initial_equity NOT GLOB '*[^0-9.-]*'),
  final_equity   TEXT CHECK (final_equity <> '' AND final_equity NOT GLOB '*[^0-9.-]*'),
  metrics        TEXT CHECK (metrics IS NULL OR json_valid(metrics)),
  status         TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  error          TEXT,
  created_at     INTEGER NOT NULL,
  finished_at    INTEGER
) STRICT;
CREATE INDEX backtest_runs_created ON backtest_runs (created_at);

CREATE TABLE backtest_trades (
  id                    INTEGER PRIMARY KEY,
  run_id                TEXT NOT NULL REFERENCES backtest_runs (id) ON DELETE CASCADE,
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
  exit_reason           TEXT
) STRICT;
CREATE INDEX backtest_trades_run ON backtest_trades (run_id, exit_ts);
`,
};

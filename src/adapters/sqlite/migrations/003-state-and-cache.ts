// Migration 3: bot state (key/value JSON: last signals, daily counters, the failure breaker), the audit trail of
// dashboard settings overrides, and the bar cache.
// Must never: be edited after release (add a new migration instead).
import type { Migration } from './migration.js';

export const migration003: Migration = {
  version: 3,
  name: 'state-and-cache',
  sql: `
CREATE TABLE bot_state (
  key        TEXT PRIMARY KEY CHECK (key <> ''),
  value      TEXT NOT NULL CHECK (json_valid(value)),
  updated_at INTEGER NOT NULL
) STRICT;

-- Every change is a new row (the audit trail); the current value of a key is its latest row.
-- value NULL means the override was removed and the configured value applies again.
CREATE TABLE settings_overrides (
  id             INTEGER PRIMARY KEY,
  key            TEXT NOT NULL CHECK (key <> ''),
  value          TEXT CHECK (value IS NULL OR json_valid(value)),
  previous_value TEXT CHECK (previous_value IS NULL OR json_valid(previous_value)),
  changed_by     TEXT NOT NULL,
  changed_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX settings_overrides_key ON settings_overrides (key, id);
CREATE TRIGGER settings_overrides_append_only_update BEFORE UPDATE ON settings_overrides
BEGIN SELECT RAISE(ABORT, 'settings_overrides is append-only: UPDATE is not allowed'); END;
CREATE TRIGGER settings_overrides_append_only_delete BEFORE DELETE ON settings_overrides
BEGIN SELECT RAISE(ABORT, 'settings_overrides is append-only: DELETE is not allowed'); END;

CREATE TABLE bars (
  symbol      TEXT NOT NULL,
  timeframe   TEXT NOT NULL,
  ts          INTEGER NOT NULL,
  open        TEXT NOT NULL CHECK (open <> '' AND open NOT GLOB '*[^0-9.-]*'),
  high        TEXT NOT NULL CHECK (high <> '' AND high NOT GLOB '*[^0-9.-]*'),
  low         TEXT NOT NULL CHECK (low <> '' AND low NOT GLOB '*[^0-9.-]*'),
  close       TEXT NOT NULL CHECK (close <> '' AND close NOT GLOB '*[^0-9.-]*'),
  volume      REAL NOT NULL CHECK (volume >= 0),
  vwap        TEXT CHECK (vwap <> '' AND vwap NOT GLOB '*[^0-9.-]*'),
  trade_count INTEGER CHECK (trade_count >= 0),
  source      TEXT NOT NULL,
  PRIMARY KEY (symbol, timeframe, ts)
) STRICT, WITHOUT ROWID;
`,
};

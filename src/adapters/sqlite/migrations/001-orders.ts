// Migration 1: the order log (SPEC §7, §9): intents, their append-only event history, and fills.
// Decimals are TEXT in canonical form (digits, one optional '-' and '.'); times are epoch ms INTEGER.
// Must never: be edited after release (add a new migration instead).
import type { Migration } from './migration.js';

export const migration001: Migration = {
  version: 1,
  name: 'orders',
  sql: `
CREATE TABLE order_intents (
  client_order_id        TEXT PRIMARY KEY,
  broker_order_id        TEXT UNIQUE,
  correlation_id         TEXT NOT NULL,
  strategy               TEXT NOT NULL,
  symbol                 TEXT NOT NULL,
  side                   TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
  type                   TEXT NOT NULL CHECK (type IN ('market', 'limit', 'stop', 'stop_limit', 'trailing_stop')),
  time_in_force          TEXT NOT NULL CHECK (time_in_force IN ('day', 'gtc', 'ioc', 'fok', 'opg', 'cls')),
  order_class            TEXT NOT NULL DEFAULT 'simple' CHECK (order_class IN ('simple', 'bracket', 'oco', 'oto')),
  qty                    TEXT NOT NULL CHECK (qty <> '' AND qty NOT GLOB '*[^0-9.-]*'),
  limit_price            TEXT CHECK (limit_price <> '' AND limit_price NOT GLOB '*[^0-9.-]*'),
  stop_price             TEXT CHECK (stop_price <> '' AND stop_price NOT GLOB '*[^0-9.-]*'),
  filled_qty             TEXT NOT NULL DEFAULT '0' CHECK (filled_qty <> '' AND filled_qty NOT GLOB '*[^0-9.-]*'),
  avg_fill_price         TEXT CHECK (avg_fill_price <> '' AND avg_fill_price NOT GLOB '*[^0-9.-]*'),
  state                  TEXT NOT NULL CHECK (state IN ('PENDING_SUBMIT', 'SUBMITTED', 'ACCEPTED', 'PARTIALLY_FILLED',
                           'FILLED', 'CANCELED', 'EXPIRED', 'REJECTED', 'SUBMIT_FAILED')),
  version                INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0),
  parent_client_order_id TEXT REFERENCES order_intents (client_order_id),
  role                   TEXT NOT NULL,
  attempts               INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error             TEXT,
  signal_ts              INTEGER,
  extra                  TEXT CHECK (extra IS NULL OR json_valid(extra)),
  created_at             INTEGER NOT NULL,
  updated_at             INTEGER NOT NULL
) STRICT;
CREATE INDEX order_intents_state ON order_intents (state);
CREATE INDEX order_intents_created ON order_intents (created_at);
CREATE INDEX order_intents_parent ON order_intents (parent_client_order_id) WHERE parent_client_order_id IS NOT NULL;

CREATE TABLE order_events (
  id              INTEGER PRIMARY KEY,
  client_order_id TEXT NOT NULL REFERENCES order_intents (client_order_id),
  type            TEXT NOT NULL CHECK (type <> ''),
  from_state      TEXT CHECK (from_state IN ('PENDING_SUBMIT', 'SUBMITTED', 'ACCEPTED', 'PARTIALLY_FILLED',
                    'FILLED', 'CANCELED', 'EXPIRED', 'REJECTED', 'SUBMIT_FAILED')),
  to_state        TEXT CHECK (to_state IN ('PENDING_SUBMIT', 'SUBMITTED', 'ACCEPTED', 'PARTIALLY_FILLED',
                    'FILLED', 'CANCELED', 'EXPIRED', 'REJECTED', 'SUBMIT_FAILED')),
  payload         TEXT CHECK (payload IS NULL OR json_valid(payload)),
  broker_event_id TEXT UNIQUE,
  ts              INTEGER NOT NULL
) STRICT;
CREATE INDEX order_events_order ON order_events (client_order_id, id);
CREATE INDEX order_events_ts ON order_events (ts);
CREATE TRIGGER order_events_append_only_update BEFORE UPDATE ON order_events
BEGIN SELECT RAISE(ABORT, 'order_events is append-only: UPDATE is not allowed'); END;
CREATE TRIGGER order_events_append_only_delete BEFORE DELETE ON order_events
BEGIN SELECT RAISE(ABORT, 'order_events is append-only: DELETE is not allowed'); END;

-- No foreign key to order_intents: the broker can report fills of orders this bot did not create
-- (manual orders, adopted positions), and a fill must never be lost for want of an intent row.
CREATE TABLE fills (
  id              INTEGER PRIMARY KEY,
  execution_id    TEXT NOT NULL UNIQUE,
  client_order_id TEXT NOT NULL,
  broker_order_id TEXT,
  symbol          TEXT NOT NULL,
  side            TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
  qty             TEXT NOT NULL CHECK (qty <> '' AND qty NOT GLOB '*[^0-9.-]*'),
  price           TEXT NOT NULL CHECK (price <> '' AND price NOT GLOB '*[^0-9.-]*'),
  commission      TEXT NOT NULL DEFAULT '0' CHECK (commission <> '' AND commission NOT GLOB '*[^0-9.-]*'),
  ts              INTEGER NOT NULL,
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX fills_order ON fills (client_order_id);
CREATE INDEX fills_ts ON fills (ts);
CREATE TRIGGER fills_append_only_update BEFORE UPDATE ON fills
BEGIN SELECT RAISE(ABORT, 'fills is append-only: UPDATE is not allowed'); END;
CREATE TRIGGER fills_append_only_delete BEFORE DELETE ON fills
BEGIN SELECT RAISE(ABORT, 'fills is append-only: DELETE is not allowed'); END;
`,
};

// Migration 5: read-only views so a person can answer "what happened today" with the sqlite3 shell alone
// (SPEC §9): `sqlite3 data/alpaca-bot.db 'SELECT * FROM v_today_orders'`. Times are shown in the local time
// zone of whoever runs sqlite3 ("today" too); the raw epoch-ms columns stay for exact filtering.
// Must never: be used by the bot for decisions (the sums here are for display; the ledger sums Decimals).
import type { Migration } from './migration.js';

export const migration005: Migration = {
  version: 5,
  name: 'human-views',
  sql: `
CREATE VIEW v_orders AS
SELECT datetime(created_at / 1000, 'unixepoch', 'localtime') AS created,
       datetime(updated_at / 1000, 'unixepoch', 'localtime') AS updated,
       client_order_id, broker_order_id, strategy, symbol, side, type, order_class, role, qty, limit_price,
       stop_price, filled_qty, avg_fill_price, state, attempts, last_error, parent_client_order_id,
       correlation_id, created_at, updated_at
FROM order_intents;

CREATE VIEW v_today_orders AS
SELECT * FROM v_orders WHERE date(updated_at / 1000, 'unixepoch', 'localtime') = date('now', 'localtime')
ORDER BY created_at;

CREATE VIEW v_today_order_events AS
SELECT datetime(ts / 1000, 'unixepoch', 'localtime') AS time, client_order_id, type, from_state, to_state,
       broker_event_id, payload, id, ts
FROM order_events WHERE date(ts / 1000, 'unixepoch', 'localtime') = date('now', 'localtime')
ORDER BY id;

CREATE VIEW v_today_fills AS
SELECT datetime(ts / 1000, 'unixepoch', 'localtime') AS time, symbol, side, qty, price, commission,
       client_order_id, broker_order_id, execution_id, ts
FROM fills WHERE date(ts / 1000, 'unixepoch', 'localtime') = date('now', 'localtime')
ORDER BY ts;

CREATE VIEW v_today_trades AS
SELECT datetime(entry_ts / 1000, 'unixepoch', 'localtime') AS entered,
       datetime(exit_ts / 1000, 'unixepoch', 'localtime') AS exited,
       strategy, symbol, side, qty, entry_price, exit_price, pnl, pnl_pct, commission, duration_s, exit_reason, id
FROM trades WHERE date(exit_ts / 1000, 'unixepoch', 'localtime') = date('now', 'localtime')
ORDER BY exit_ts;

CREATE VIEW v_today_signals AS
SELECT datetime(created_at / 1000, 'unixepoch', 'localtime') AS time,
       datetime(signal_ts / 1000, 'unixepoch', 'localtime') AS candle, strategy, symbol, timeframe, action, reason,
       risk_decision, risk_code, risk_reason, qty, client_order_id, correlation_id, id
FROM signals WHERE date(created_at / 1000, 'unixepoch', 'localtime') = date('now', 'localtime')
ORDER BY id;

-- Display only: pnl_display is a float rounded to cents; the bot sums the TEXT decimals exactly.
CREATE VIEW v_today_summary AS
SELECT (SELECT count(*) FROM v_today_signals) AS signals,
       (SELECT count(*) FROM v_today_signals WHERE risk_decision = 'denied') AS signals_denied,
       (SELECT count(*) FROM v_today_orders) AS orders,
       (SELECT count(*) FROM v_today_fills) AS fills,
       (SELECT count(*) FROM v_today_trades) AS trades,
       (SELECT round(total(CAST(pnl AS REAL)), 2) FROM v_today_trades) AS pnl_display,
       (SELECT json_extract(value, '$.tripped') FROM bot_state WHERE key = 'breaker') AS breaker_tripped;

CREATE VIEW v_breaker AS
SELECT json_extract(value, '$.tripped') AS tripped,
       json_extract(value, '$.reason') AS reason,
       datetime(json_extract(value, '$.tripped_at') / 1000, 'unixepoch', 'localtime') AS tripped_at,
       json_extract(value, '$.consecutive_order_failures') AS consecutive_order_failures,
       json_extract(value, '$.consecutive_reconnect_failures') AS consecutive_reconnect_failures,
       json_extract(value, '$.reset_by') AS reset_by,
       datetime(json_extract(value, '$.reset_at') / 1000, 'unixepoch', 'localtime') AS reset_at
FROM bot_state WHERE key = 'breaker';

CREATE VIEW v_settings_current AS
SELECT s.key, s.value, s.previous_value, s.changed_by,
       datetime(s.changed_at / 1000, 'unixepoch', 'localtime') AS changed, s.changed_at
FROM settings_overrides s
WHERE s.id = (SELECT max(id) FROM settings_overrides WHERE key = s.key) AND s.value IS NOT NULL
ORDER BY s.key;
`,
};

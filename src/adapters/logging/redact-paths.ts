// Key paths whose values are always redacted in log lines, whatever their value (SPEC S7).
// Covers the names our config, the Alpaca SDK and HTTP headers use for credentials and tokens.

const SECRET_KEYS = [
  'apiKey', 'api_key', 'secretKey', 'secret_key', 'secret', 'keyId', 'key_id', 'password', 'token', 'authorization',
  'ALPACA_API_KEY', 'ALPACA_SECRET_KEY', 'APCA_API_KEY_ID', 'APCA_API_SECRET_KEY', 'DASHBOARD_TOKEN', 'dashboardToken',
  '"apca-api-key-id"', '"apca-api-secret-key"', '"APCA-API-KEY-ID"', '"APCA-API-SECRET-KEY"',
];

const keyPath = (key: string): string => (key.startsWith('"') ? `[${key}]` : `.${key}`);

/** pino redact paths: each secret key at the top level and up to two levels deep. */
export const REDACT_PATHS: readonly string[] = SECRET_KEYS.flatMap((key) => {
  const top = key.startsWith('"') ? `[${key}]` : key;
  return [top, `*${keyPath(key)}`, `*.*${keyPath(key)}`];
});

// Secret handling for configuration (SPEC S7): which values are secret, how they are shown, and scrubbing
// them out of text. Must never return or print more than the first four characters of a secret.
import type { Config } from './config-schema.js';

const SHOWN_PREFIX = 4;
const SHORT = 16;

/**
 * A secret as it may be shown: `PKTE…(19 chars)` (first four characters and the length) for values of 16
 * characters or more, `********` for shorter ones, `(not set)` when empty.
 */
export function maskSecret(value: string): string {
  if (value === '') return '(not set)';
  if (value.length < SHORT) return '********';
  return `${value.slice(0, SHOWN_PREFIX)}…(${value.length} chars)`;
}

/** The literal secret values in a configuration (API key, secret key, dashboard token), non-empty only. */
export function secretValues(config: { readonly alpaca: Pick<Config['alpaca'], 'api_key' | 'secret_key'>; readonly web: Pick<Config['web'], 'dashboard_token'> }): string[] {
  return [config.alpaca.api_key, config.alpaca.secret_key, config.web.dashboard_token].filter((v) => v !== '');
}

/** Replaces every occurrence of each secret (4 characters or more) in `text` by its mask. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  const longestFirst = [...secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  for (const secret of longestFirst) out = out.split(secret).join(maskSecret(secret));
  return out;
}

// The one key pair the simulated exchange accepts, and a constant-time check of it. Must never: log,
// echo or embed the secret (or the key a client sent) in any message.
import { createHash, timingSafeEqual } from 'node:crypto';

/** The sim's API key pair. */
export interface Credentials {
  readonly key: string;
  readonly secret: string;
}

/** Documented defaults for a local sim (deliberately unlike real Alpaca keys, which start with PK/AK). */
export const DEFAULT_SIM_CREDENTIALS: Credentials = { key: 'SIMKEY', secret: 'SIMSECRET' };

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** True when both values match the configured pair (compared by digest, in constant time). */
export function credentialsMatch(expected: Credentials, key: unknown, secret: unknown): boolean {
  if (typeof key !== 'string' || typeof secret !== 'string') return false;
  const keyOk = timingSafeEqual(digest(key), digest(expected.key));
  const secretOk = timingSafeEqual(digest(secret), digest(expected.secret));
  return keyOk && secretOk;
}

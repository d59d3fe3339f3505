// One deterministic asset id per symbol, shared by the market (GET /v2/assets) and the matching core (orders and
// positions carry asset_id): a client that looks up an order's asset_id must find it.
import { createHash } from 'node:crypto';

/** A stable UUID (version-5 layout) from a name. */
export function stableUuid(name: string): string {
  const hex = createHash('sha1').update(`alpaca-bot-sim:${name}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/** The asset id of a symbol. */
export function assetIdFor(symbol: string): string {
  return stableUuid(`asset:${symbol}`);
}

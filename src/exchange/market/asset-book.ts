// The simulator's asset list (`GET /v2/assets`, `/v2/assets/{symbol_or_asset_id}`, PROTOCOL §3.5): one active,
// tradable US equity per replayed symbol, with a deterministic id (a UUID derived from the symbol) so ids
// are stable across runs. Also tells the market-data side which exchange/tape a symbol prints on.
// Must never: invent assets the market does not replay, or change an asset's id between runs.

import { createHash } from 'node:crypto';

import { fail, ok, type ApiResult } from '../contracts.js';
import { firstOf, listOf, type QueryInput } from './market-query.js';
import type { Venue } from './wire.js';
import { assetIdFor } from '../asset-id.js';

/** An asset as Alpaca sends it. */
export interface AlpacaAsset {
  readonly id: string;
  readonly class: 'us_equity';
  readonly exchange: string;
  readonly symbol: string;
  readonly name: string;
  readonly status: 'active';
  readonly tradable: boolean;
  readonly marginable: boolean;
  readonly shortable: boolean;
  readonly easy_to_borrow: boolean;
  readonly borrow_status: 'easy_to_borrow';
  readonly fractionable: boolean;
  readonly margin_requirement_long: string;
  readonly margin_requirement_short: string;
  readonly attributes: readonly string[];
}

/** Listing exchanges of well-known tickers; others get NASDAQ or NYSE from a hash of the symbol. */
const KNOWN_EXCHANGES: Readonly<Record<string, string>> = {
  SPY: 'ARCA', IWM: 'ARCA', DIA: 'ARCA', XLF: 'ARCA', XLK: 'ARCA', GLD: 'ARCA',
  QQQ: 'NASDAQ', AAPL: 'NASDAQ', MSFT: 'NASDAQ', NVDA: 'NASDAQ', META: 'NASDAQ', AVGO: 'NASDAQ', NFLX: 'NASDAQ',
  AMZN: 'NASDAQ', GOOG: 'NASDAQ', GOOGL: 'NASDAQ', TSLA: 'NASDAQ', AMD: 'NASDAQ',
  ORCL: 'NYSE', JPM: 'NYSE', IBM: 'NYSE', KO: 'NYSE', XOM: 'NYSE',
};
const TAPE: Readonly<Record<string, string>> = { NYSE: 'A', ARCA: 'B', NASDAQ: 'C' };
const SIP_CODE: Readonly<Record<string, string>> = { NYSE: 'N', ARCA: 'P', NASDAQ: 'Q' };

/** The listing exchange the simulator reports for a symbol. */
export function exchangeOf(symbol: string): string {
  const known = KNOWN_EXCHANGES[symbol];
  if (known !== undefined) return known;
  return parseInt(createHash('sha1').update(symbol).digest('hex').slice(0, 2), 16) % 2 === 0 ? 'NASDAQ' : 'NYSE';
}

/** The assets of the replayed symbols. */
export class AssetBook {
  readonly #bySymbol = new Map<string, AlpacaAsset>();
  readonly #byId = new Map<string, AlpacaAsset>();

  /** @param name the display name of a symbol's asset */
  constructor(symbols: readonly string[], name: (symbol: string) => string) {
    for (const symbol of [...symbols].sort()) {
      const asset: AlpacaAsset = {
        id: assetIdFor(symbol), class: 'us_equity', exchange: exchangeOf(symbol), symbol, name: name(symbol),
        status: 'active', tradable: true, marginable: true, shortable: true, easy_to_borrow: true,
        borrow_status: 'easy_to_borrow', fractionable: true,
        margin_requirement_long: '30', margin_requirement_short: '100', attributes: [],
      };
      this.#bySymbol.set(symbol, asset);
      this.#byId.set(asset.id, asset);
    }
  }

  /** `GET /v2/assets`: filters status, asset_class, exchange, attributes (an asset must have all listed). */
  list(query: QueryInput = {}): ApiResult<AlpacaAsset[]> {
    const status = firstOf(query, 'status');
    const assetClass = listOf(query, 'asset_class');
    const exchange = firstOf(query, 'exchange');
    const attributes = (listOf(query, 'attributes') ?? '').split(',').filter((a) => a !== '');
    if (status !== undefined && status !== 'active' && status !== 'inactive') {
      return fail(422, 42210000, `invalid status: ${JSON.stringify(status)} (allowed: active, inactive)`);
    }
    return ok([...this.#bySymbol.values()].filter((a) =>
      (status === undefined || a.status === status) &&
      (assetClass === undefined || assetClass.split(',').includes(a.class)) &&
      (exchange === undefined || a.exchange === exchange) &&
      attributes.every((attr) => a.attributes.includes(attr))));
  }

  /** `GET /v2/assets/{symbol_or_asset_id}`: 404 40410000 when unknown. */
  get(symbolOrId: string): ApiResult<AlpacaAsset> {
    const asset = this.#bySymbol.get(symbolOrId) ?? this.#byId.get(symbolOrId.toLowerCase());
    return asset === undefined ? fail(404, 40410000, `asset not found for ${symbolOrId}`) : ok(asset);
  }

  /** Exchange/tape codes of a symbol's prints on a feed ('V' = IEX on the iex feed). */
  venue(symbol: string, feed: string): Venue {
    const exchange = this.#bySymbol.get(symbol)?.exchange ?? exchangeOf(symbol);
    return { exchange: feed === 'iex' ? 'V' : (SIP_CODE[exchange] ?? 'V'), tape: TAPE[exchange] ?? 'C' };
  }
}

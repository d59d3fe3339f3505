// The tradable assets of the simulated venue, with deterministic asset ids (same symbol, same id).
// Exists so orders, positions and the server's /v2/assets agree on ids and on which symbols can be
// traded, shorted or bought in fractions.
// Must never: invent an asset for a malformed symbol, or give one symbol two ids.
import { assetIdFor } from '../asset-id.js';

/** One tradable asset as the venue knows it. */
export interface SimAsset {
  readonly id: string;
  readonly symbol: string;
  readonly exchange: string;
  readonly tradable: boolean;
  readonly shortable: boolean;
  readonly fractionable: boolean;
  readonly marginable: boolean;
}

/** How callers describe an asset: a symbol, or a symbol with overrides. */
export interface SimAssetInput {
  readonly symbol: string;
  readonly id?: string;
  readonly exchange?: string;
  readonly tradable?: boolean;
  readonly shortable?: boolean;
  readonly fractionable?: boolean;
  readonly marginable?: boolean;
}

const SYMBOL_PATTERN = /^[A-Z][A-Z0-9.]{0,9}$/;

/** The deterministic asset id of a symbol (what the venue uses when no id is given); shared with the market. */
export { assetIdFor };

function toAsset(input: string | SimAssetInput): SimAsset {
  const spec = typeof input === 'string' ? { symbol: input } : input;
  const symbol = spec.symbol.trim().toUpperCase();
  return {
    id: spec.id ?? assetIdFor(symbol),
    symbol,
    exchange: spec.exchange ?? 'NASDAQ',
    tradable: spec.tradable ?? true,
    shortable: spec.shortable ?? true,
    fractionable: spec.fractionable ?? true,
    marginable: spec.marginable ?? true,
  };
}

export class AssetRegistry {
  readonly #bySymbol = new Map<string, SimAsset>();
  readonly #byId = new Map<string, SimAsset>();
  readonly #open: boolean;

  /** @param assets the tradable list; when omitted every well-formed symbol is tradable on first use */
  constructor(assets?: readonly (string | SimAssetInput)[]) {
    this.#open = assets === undefined;
    for (const input of assets ?? []) this.#add(toAsset(input));
  }

  #add(asset: SimAsset): SimAsset {
    this.#bySymbol.set(asset.symbol, asset);
    this.#byId.set(asset.id, asset);
    return asset;
  }

  /** The asset for a symbol or an asset id, or undefined when the venue does not list it. */
  get(symbolOrId: string): SimAsset | undefined {
    const key = symbolOrId.trim();
    const found = this.#bySymbol.get(key.toUpperCase()) ?? this.#byId.get(key.toLowerCase()) ?? this.#byId.get(key);
    if (found !== undefined || !this.#open) return found;
    const symbol = key.toUpperCase();
    return SYMBOL_PATTERN.test(symbol) ? this.#add(toAsset(symbol)) : undefined;
  }

  /** Every asset listed so far, by symbol. */
  all(): SimAsset[] {
    return [...this.#bySymbol.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  }
}

// One connection's market-data subscriptions: deltas in, the full state out (PROTOCOL §5.2). Subscribing
// to trades also subscribes corrections and cancelErrors; `*` means every symbol. Must never: change state
// when a request is invalid (the whole delta is rejected).

export const STOCK_CHANNELS = ['trades', 'quotes', 'bars', 'updatedBars', 'dailyBars', 'statuses', 'lulds', 'imbalances'] as const;
export type StockChannel = (typeof STOCK_CHANNELS)[number];
/** Channels the SDK knows but the stock stream does not serve (→ 410). */
const FOREIGN_CHANNELS = new Set(['orderbooks', 'news']);
const SYMBOL = /^(\*|[A-Z][A-Z0-9.\-/]{0,20})$/;

/** Why a delta was refused, as the stream error code. */
export type DeltaError = { readonly code: 400 | 405 | 410 };

export class MdSubscriptions {
  readonly #sets = new Map<StockChannel, Set<string>>(STOCK_CHANNELS.map((c) => [c, new Set<string>()]));
  readonly #symbolLimit: number;

  /** @param symbolLimit most distinct symbols across channels (Infinity = no limit). */
  constructor(symbolLimit = Infinity) {
    this.#symbolLimit = symbolLimit;
  }

  /** Applies a subscribe/unsubscribe message; returns an error code instead when it is invalid. */
  apply(message: Readonly<Record<string, unknown>>, subscribe: boolean): DeltaError | undefined {
    const delta = new Map<StockChannel, string[]>();
    for (const [key, value] of Object.entries(message)) {
      if (key === 'action') continue;
      if (FOREIGN_CHANNELS.has(key)) return { code: 410 };
      if (!(STOCK_CHANNELS as readonly string[]).includes(key)) return { code: 400 };
      if (!Array.isArray(value) || !value.every((s): s is string => typeof s === 'string' && SYMBOL.test(s))) return { code: 400 };
      delta.set(key as StockChannel, value);
    }
    const next = new Map([...this.#sets].map(([c, set]) => [c, new Set(set)]));
    for (const [channel, symbols] of delta) {
      const set = next.get(channel);
      for (const symbol of symbols) {
        if (subscribe) set?.add(symbol);
        else set?.delete(symbol);
      }
    }
    if (countSymbols(next) > this.#symbolLimit) return { code: 405 };
    for (const [channel, set] of next) this.#sets.set(channel, set);
    return undefined;
  }

  /** Whether `symbol` is subscribed on `channel` (directly or through `*`). */
  has(channel: StockChannel, symbol: string): boolean {
    const set = this.#sets.get(channel);
    return set !== undefined && (set.has('*') || set.has(symbol));
  }

  /** True when nothing is subscribed. */
  isEmpty(): boolean {
    return [...this.#sets.values()].every((set) => set.size === 0);
  }

  /** The `subscription` message: every channel key, corrections/cancelErrors mirroring trades. */
  stateMessage(): Record<string, unknown> {
    const list = (channel: StockChannel): string[] => [...(this.#sets.get(channel) ?? [])];
    const trades = list('trades');
    const message: Record<string, unknown> = {
      T: 'subscription', trades, quotes: list('quotes'), bars: list('bars'), updatedBars: list('updatedBars'),
      dailyBars: list('dailyBars'), statuses: list('statuses'), lulds: list('lulds'), corrections: [...trades], cancelErrors: [...trades],
    };
    const imbalances = list('imbalances');
    if (imbalances.length > 0) message['imbalances'] = imbalances;
    return message;
  }
}

function countSymbols(sets: ReadonlyMap<StockChannel, ReadonlySet<string>>): number {
  const all = new Set<string>();
  for (const set of sets.values()) for (const symbol of set) all.add(symbol);
  return all.size;
}

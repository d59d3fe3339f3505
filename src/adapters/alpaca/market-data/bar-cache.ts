// A HistoricalBars decorator over the `bars` table (SPEC §4: bars are cached for warm-up and backtests).
// It serves what the cache covers and fetches only the rest: the ranges already fetched are recorded per
// (symbol, timeframe) in bot_state, because a stretch with no bars (night, weekend, halt, no IEX trades)
// cannot be told apart from a stretch never fetched by looking at the bars alone.
// Must never: mark a range covered that was not fetched completely, cover minutes that may still change
// (the newest `settleMs`), or write bars without their coverage (one transaction).
import type { Bar, Timeframe } from '../../../domain/bar.js';
import { parseTicker } from '../../../domain/ids.js';
import type { Clock } from '../../../ports/clock.js';
import type { BarsFetchFailure, HistoricalBars, HistoricalBarsQuery, HistoricalBarsReport } from '../../../ports/market-data.js';
import type { Store } from '../../../ports/store.js';
import { floorMinute } from './feed-timers.js';

type Interval = readonly [number, number];

/** Options of {@link CachedHistoricalBars}. */
export interface CachedHistoricalBarsOptions {
  readonly inner: HistoricalBars;
  readonly store: Pick<Store, 'bars' | 'botState' | 'transaction'>;
  readonly clock: Pick<Clock, 'now'>;
  /** `source` column of fetched bars. Default 'alpaca'. */
  readonly source?: string;
  /** The newest minutes are never marked covered (late trades can still change them). Default 5 min. */
  readonly settleMs?: number;
}

const KEY_PREFIX = 'bars_coverage/';

/** `[from, to)` minus the covered intervals, as ordered gaps. */
export function missingRanges(from: number, to: number, covered: readonly Interval[]): Interval[] {
  const gaps: Interval[] = [];
  let cursor = from;
  for (const [a, b] of [...covered].sort((x, y) => x[0] - y[0])) {
    if (b <= cursor) continue;
    if (a >= to) break;
    if (a > cursor) gaps.push([cursor, Math.min(a, to)]);
    cursor = Math.max(cursor, b);
    if (cursor >= to) break;
  }
  if (cursor < to) gaps.push([cursor, to]);
  return gaps;
}

/** Adds `[from, to)` to the intervals, merging overlapping and touching ones. */
export function addInterval(covered: readonly Interval[], from: number, to: number): Interval[] {
  const all = [...covered, [from, to] as const].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of all) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The caching decorator. Its report lists the symbols the inner source failed on (never served half). */
export class CachedHistoricalBars implements HistoricalBars {
  readonly #o: CachedHistoricalBarsOptions;

  constructor(options: CachedHistoricalBarsOptions) {
    this.#o = options;
  }

  async fetchBars(query: HistoricalBarsQuery): Promise<ReadonlyMap<string, readonly Bar[]>> {
    return (await this.fetchBarsReport(query)).bars;
  }

  async fetchBarsReport(query: HistoricalBarsQuery): Promise<HistoricalBarsReport> {
    const symbols = [...new Set(query.symbols)];
    const groups = new Map<string, { range: Interval; symbols: string[] }>();
    for (const symbol of symbols) {
      const gaps = missingRanges(query.from, query.to, this.coverage(symbol, query.timeframe));
      const first = gaps[0];
      const last = gaps.at(-1);
      if (!first || !last) continue;
      const key = `${first[0]}-${last[1]}`;
      const group = groups.get(key) ?? { range: [first[0], last[1]] as const, symbols: [] };
      group.symbols.push(symbol);
      groups.set(key, group);
    }
    const failed: BarsFetchFailure[] = [];
    for (const { range, symbols: batch } of groups.values()) failed.push(...await this.#fetchAndStore(batch, query.timeframe, range));
    const bad = new Set(failed.map((f) => f.symbol));
    const bars = new Map<string, readonly Bar[]>();
    for (const symbol of symbols) {
      if (!bad.has(symbol)) bars.set(symbol, this.#o.store.bars.rangeBars(parseTicker(symbol), query.timeframe, query.from, query.to));
    }
    return { bars, failed };
  }

  /** The covered intervals of a series, oldest first. */
  coverage(symbol: string, timeframe: Timeframe): Interval[] {
    const raw = this.#o.store.botState.get(`${KEY_PREFIX}${symbol}/${timeframe}`);
    if (!Array.isArray(raw)) return [];
    return raw.filter((v): v is [number, number] => Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'number' && v[0] < v[1]);
  }

  async #fetchAndStore(symbols: readonly string[], timeframe: Timeframe, [from, to]: Interval): Promise<BarsFetchFailure[]> {
    const query = { symbols, timeframe, from, to };
    const inner = this.#o.inner;
    const report = inner.fetchBarsReport ? await inner.fetchBarsReport(query) : { bars: await inner.fetchBars(query), failed: [] };
    const settled = Math.min(to, floorMinute(this.#o.clock.now()) - (this.#o.settleMs ?? 300_000));
    this.#o.store.transaction(() => {
      for (const [symbol, bars] of report.bars) {
        this.#o.store.bars.upsertBars(bars, this.#o.source ?? 'alpaca');
        if (settled > from) {
          const key = `${KEY_PREFIX}${symbol}/${timeframe}`;
          this.#o.store.botState.set(key, addInterval(this.coverage(symbol, timeframe), from, settled));
        }
      }
    });
    return [...report.failed];
  }
}

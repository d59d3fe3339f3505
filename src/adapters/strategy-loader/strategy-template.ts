// The commented strategy file `alpaca-bot new-strategy NAME` writes. It runs as is: an RSI(14) dip-buyer that
// enters when RSI closes back above 30 and exits above 70, with a stop under the candle's low. It imports
// everything from the strategy author kit through a path relative to the file, so it also works in a folder
// outside any package (no `zod` install needed there).
// Must never: produce a file that fails to load, or that the core would reject as garbage.
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** lower_snake_case, starting with a letter, at most 64 characters (same rule as the core registry). */
export const STRATEGY_FILE_NAME = /^[a-z][a-z0-9_]{0,63}$/;

/** Absolute path of the author kit the template imports (src/core/strategies/author-kit.ts). */
export const AUTHOR_KIT_PATH = fileURLToPath(new URL('../../core/strategies/author-kit.ts', import.meta.url));

/** The import specifier of the kit as seen from a file in `dir` (POSIX separators, `.js` as TypeScript wants). */
export function kitSpecifier(dir: string): string {
  let rel = relative(dir, AUTHOR_KIT_PATH).split(sep).join('/').replace(/\.ts$/, '.js');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel;
}

/** The template text for strategy `name`, importing the kit through `kit` (see kitSpecifier). */
export function renderStrategyTemplate(name: string, kit: string): string {
  return `// Strategy "${name}", written by \`alpaca-bot new-strategy\`. Edit it freely: the running bot reloads this file
// when you save it (a broken version is disabled with a clear error until you fix it; the others keep running).
//
// The rules of a strategy (the engine enforces them):
// - decide() is pure: same candles in, same intents out. No network, no files, no clock, no randomness.
// - It never sizes orders: it says what it wants (enter_long, enter_short, exit, move_stop) and why (reason);
//   the risk engine sizes and may refuse.
// - Its state is plain JSON (numbers, strings, booleans, arrays, objects) and is saved, so a restart resumes.
// - The file name is the strategy name: enable it in config.yaml under \`strategies:\` as \`- name: ${name}\`.
import { defineStrategy, Rsi, z } from '${kit}';

/** Parameters, with a default for every one (override them under \`params:\` in config.yaml). */
const params = z.object({
  period: z.number().int().min(2).max(200).default(14),
  oversold: z.number().min(1).max(50).default(30),
  overbought: z.number().min(50).max(99).default(70),
  /** Stop distance below the signal candle's low, as a fraction of the price. */
  stopPct: z.number().min(0.001).max(0.2).default(0.01),
});

interface State {
  /** RSI of the previous candle, to see it cross a level. */
  readonly lastRsi: number | null;
}

export default defineStrategy<z.infer<typeof params>, State>({
  name: '${name}',
  description: 'Buys when RSI climbs back above the oversold level; exits above the overbought level.',
  params,
  defaultTimeframe: '5Min',
  // decide() is first called once this many candles were seen (RSI needs period + 1).
  warmUp: (p) => p.period + 1,
  // The indicators the engine keeps for this strategy, fed from each closed candle.
  indicators: (p) => ({ rsi: { create: () => new Rsi(p.period), input: 'close' } }),
  initialState: () => ({ lastRsi: null }),

  decide({ candle, indicators, position, params: p, state }) {
    const rsi = indicators.rsi?.value;
    if (typeof rsi !== 'number') return { intents: [], state };
    const next: State = { lastRsi: rsi };
    const previous = state.lastRsi;
    const flat = position.side === 'flat' && !position.pendingEntry;

    if (flat && previous !== null && previous < p.oversold && rsi >= p.oversold) {
      return {
        intents: [{
          action: 'enter_long',
          symbol: candle.symbol,
          reason: \`RSI(\${p.period}) rose from \${previous.toFixed(1)} back above \${p.oversold} (now \${rsi.toFixed(1)})\`,
          stop: candle.low * (1 - p.stopPct), // must be below the price for a long
        }],
        state: next,
      };
    }
    if (position.side === 'long' && rsi > p.overbought) {
      return { intents: [{ action: 'exit', symbol: candle.symbol, reason: \`RSI(\${p.period}) \${rsi.toFixed(1)} is above \${p.overbought}\` }], state: next };
    }
    return { intents: [], state: next };
  },
});
`;
}

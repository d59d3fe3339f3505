// TEST-ONLY oracle: TA-Lib's own C code (talib-web 0.1.3, TA-Lib compiled to WebAssembly) called directly.
// Exists because indicator values must equal TA-Lib's; this is the reference the tests compare against.
// talib-web's JS wrapper is bypassed: it passes endIdx = length (one past the end, reading heap garbage) and
// writes outBegIdx/outNBElement to address 0, so we call the exported TA_* C functions ourselves.
// Must never: be imported by production code (index.ts does not export it); it reads a file (the .wasm).
import { createRequire } from 'node:module';

import { init } from 'talib-web';

interface TalibModule {
  readonly HEAPF64: Float64Array;
  readonly HEAP32: Int32Array;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  [name: `_TA_${string}`]: (...args: number[]) => number;
}

/** One TA-Lib output per input index: `undefined` before TA-Lib's lookback (where it outputs nothing). */
export type Series = ReadonlyArray<number | undefined>;

let modulePromise: Promise<TalibModule> | undefined;

/**
 * Loads the WebAssembly build once. Emscripten's loader prefers `fetch` when it exists (Node 20 has it) and
 * fetch cannot read a plain path, so it is hidden for the duration of the load: the file is read from disk.
 */
export function loadTalib(): Promise<TalibModule> {
  modulePromise ??= (async () => {
    const wasmPath = createRequire(import.meta.url).resolve('talib-web/lib/talib.wasm');
    const savedFetch = globalThis.fetch;
    Reflect.deleteProperty(globalThis, 'fetch');
    try {
      return (await init(wasmPath)) as TalibModule;
    } finally {
      globalThis.fetch = savedFetch;
    }
  })();
  return modulePromise;
}

/** Calls TA_<name>(0, n-1, inputs..., options..., &outBeg, &outNb, outputs...) and aligns outputs to inputs. */
function call(ta: TalibModule, name: string, inputs: readonly (readonly number[])[], options: readonly number[], outputCount: number): Series[] {
  const n = inputs[0]?.length ?? 0;
  if (n === 0) return Array.from({ length: outputCount }, () => []);
  const inPtrs = inputs.map((values) => {
    const p = ta._malloc(n * 8);
    ta.HEAPF64.set(values, p / 8);
    return p;
  });
  const outPtrs = Array.from({ length: outputCount }, () => ta._malloc(n * 8));
  const begPtr = ta._malloc(8);
  const nbPtr = begPtr + 4;
  try {
    const fn = ta[`_TA_${name}`];
    if (fn === undefined) throw new Error(`TA_${name} is not in the WebAssembly build`);
    const code = fn(0, n - 1, ...inPtrs, ...options, begPtr, nbPtr, ...outPtrs);
    if (code !== 0) throw new Error(`TA_${name} returned error code ${code}`);
    const beg = ta.HEAP32[begPtr / 4] ?? 0;
    const nb = ta.HEAP32[nbPtr / 4] ?? 0;
    return outPtrs.map((p) => {
      const out: (number | undefined)[] = new Array<number | undefined>(n).fill(undefined);
      for (let i = 0; i < nb; i++) out[beg + i] = ta.HEAPF64[p / 8 + i];
      return out;
    });
  } finally {
    for (const p of [...inPtrs, ...outPtrs, begPtr]) ta._free(p);
  }
}

function one(series: Series[]): Series {
  return series[0] ?? [];
}

export interface Hlc {
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

/** TA-Lib functions used by the indicator tests (MA type 0 = SMA for BBANDS). */
export async function talib(): Promise<{
  sma(x: readonly number[], period: number): Series;
  ema(x: readonly number[], period: number): Series;
  rsi(x: readonly number[], period: number): Series;
  macd(x: readonly number[], fast: number, slow: number, signal: number): { macd: Series; signal: Series; histogram: Series };
  bbands(x: readonly number[], period: number, devUp: number, devDown: number): { upper: Series; middle: Series; lower: Series };
  atr(bars: readonly Hlc[], period: number): Series;
}> {
  const ta = await loadTalib();
  return {
    sma: (x, period) => one(call(ta, 'SMA', [x], [period], 1)),
    ema: (x, period) => one(call(ta, 'EMA', [x], [period], 1)),
    rsi: (x, period) => one(call(ta, 'RSI', [x], [period], 1)),
    macd: (x, fast, slow, signal) => {
      const [macd = [], sig = [], histogram = []] = call(ta, 'MACD', [x], [fast, slow, signal], 3);
      return { macd, signal: sig, histogram };
    },
    bbands: (x, period, devUp, devDown) => {
      const [upper = [], middle = [], lower = []] = call(ta, 'BBANDS', [x], [period, devUp, devDown, 0], 3);
      return { upper, middle, lower };
    },
    atr: (bars, period) =>
      one(call(ta, 'ATR', [bars.map((b) => b.high), bars.map((b) => b.low), bars.map((b) => b.close)], [period], 1)),
  };
}

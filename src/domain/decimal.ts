// Exact decimal numbers for everything that touches the ledger (SPEC S9): prices, quantities, cash, P&L, equity.
// Why: binary floats drift (0.1 + 0.2 ≠ 0.3); a ledger that drifts cannot be reconciled with the broker.
// Must never: accept a non-finite number, or silently round on addition/subtraction/multiplication.
import Big from 'big.js';

// Division is the only inexact operation; it keeps this many decimal places, rounding half-even (banker's).
const DIVISION_DP = 12;
const ROUND_HALF_EVEN = 2;

/** Accepted inputs: a decimal string ("12.34", "-0.5", "1e-3"), a Decimal, or a safe integer. */
export type DecimalInput = string | Decimal | bigint | number;

/** Thrown when a value cannot be a ledger decimal; the message names the value. */
export class DecimalError extends Error {
  override readonly name = 'DecimalError';
}

/** An immutable exact decimal. Arithmetic returns new values; the string form is canonical (no exponent). */
export class Decimal {
  readonly #big: Big;

  private constructor(big: Big) {
    this.#big = big;
  }

  static readonly ZERO = new Decimal(new Big(0));
  static readonly ONE = new Decimal(new Big(1));

  /**
   * Parses an exact decimal. Numbers are accepted only when they are safe integers: a float such as 0.1 has
   * no exact decimal value, so use {@link Decimal.fromNumber} with an explicit number of places instead.
   * @throws DecimalError on anything that is not a finite decimal.
   */
  static of(value: DecimalInput): Decimal {
    if (value instanceof Decimal) return value;
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) {
        throw new DecimalError(`not an exact decimal: ${String(value)} (use Decimal.fromNumber for floats)`);
      }
      return new Decimal(new Big(value));
    }
    if (typeof value === 'bigint') return new Decimal(new Big(value.toString()));
    const text = value.trim();
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
      throw new DecimalError(`not a decimal number: ${JSON.stringify(value)}`);
    }
    return new Decimal(new Big(text));
  }

  /** Parses a string or returns undefined when it is not a decimal (for validating external input). */
  static tryOf(value: string): Decimal | undefined {
    try {
      return Decimal.of(value);
    } catch {
      return undefined;
    }
  }

  /** Converts a float (indicator maths, charts) to a decimal rounded half-even to `dp` places. */
  static fromNumber(value: number, dp: number): Decimal {
    if (!Number.isFinite(value)) throw new DecimalError(`not a finite number: ${String(value)}`);
    return new Decimal(new Big(value.toFixed(Math.min(dp + 2, 100))).round(dp, ROUND_HALF_EVEN));
  }

  plus(other: DecimalInput): Decimal {
    return new Decimal(this.#big.plus(Decimal.of(other).#big));
  }

  minus(other: DecimalInput): Decimal {
    return new Decimal(this.#big.minus(Decimal.of(other).#big));
  }

  times(other: DecimalInput): Decimal {
    return new Decimal(this.#big.times(Decimal.of(other).#big));
  }

  /** Division keeps 12 decimal places, rounded half-even. @throws DecimalError on division by zero. */
  div(other: DecimalInput): Decimal {
    const divisor = Decimal.of(other);
    if (divisor.isZero()) throw new DecimalError('division by zero');
    const previous = Big.DP;
    Big.DP = DIVISION_DP;
    try {
      return new Decimal(this.#big.div(divisor.#big).round(DIVISION_DP, ROUND_HALF_EVEN));
    } finally {
      Big.DP = previous;
    }
  }

  neg(): Decimal {
    return new Decimal(this.#big.times(-1));
  }

  abs(): Decimal {
    return new Decimal(this.#big.abs());
  }

  /** Rounds half-even to `dp` places (0 = whole). */
  round(dp = 0): Decimal {
    return new Decimal(this.#big.round(dp, ROUND_HALF_EVEN));
  }

  /** Rounds toward zero to `dp` places: share counts from sizing must never round up. */
  floor(dp = 0): Decimal {
    return new Decimal(this.#big.round(dp, 0));
  }

  cmp(other: DecimalInput): -1 | 0 | 1 {
    return this.#big.cmp(Decimal.of(other).#big);
  }

  eq(other: DecimalInput): boolean {
    return this.cmp(other) === 0;
  }
  gt(other: DecimalInput): boolean {
    return this.cmp(other) > 0;
  }
  gte(other: DecimalInput): boolean {
    return this.cmp(other) >= 0;
  }
  lt(other: DecimalInput): boolean {
    return this.cmp(other) < 0;
  }
  lte(other: DecimalInput): boolean {
    return this.cmp(other) <= 0;
  }
  isZero(): boolean {
    return this.#big.eq(0);
  }
  isNegative(): boolean {
    return this.#big.lt(0);
  }
  isPositive(): boolean {
    return this.#big.gt(0);
  }
  isInteger(): boolean {
    return this.#big.eq(this.#big.round(0, 0));
  }

  /** Number of digits after the decimal point in the canonical form. */
  decimalPlaces(): number {
    const text = this.toString();
    const dot = text.indexOf('.');
    return dot < 0 ? 0 : text.length - dot - 1;
  }

  static min(a: Decimal, b: Decimal): Decimal {
    return a.lte(b) ? a : b;
  }
  static max(a: Decimal, b: Decimal): Decimal {
    return a.gte(b) ? a : b;
  }
  static sum(values: Iterable<Decimal>): Decimal {
    let total = Decimal.ZERO;
    for (const value of values) total = total.plus(value);
    return total;
  }

  /** Canonical string without exponent, e.g. "0.0001", "-12.5", "100". This is what is stored and sent. */
  toString(): string {
    return this.#big.toFixed();
  }

  /** Fixed number of places, rounded half-even (display, wire formats that want "12.30"). */
  toFixed(dp: number): string {
    return this.#big.toFixed(dp, ROUND_HALF_EVEN);
  }

  /** Float for indicator maths and charts only; never feed it back into the ledger. */
  toNumber(): number {
    return Number(this.#big.toFixed());
  }

  toJSON(): string {
    return this.toString();
  }
}

/** Shorthand for {@link Decimal.of}. */
export const dec = (value: DecimalInput): Decimal => Decimal.of(value);

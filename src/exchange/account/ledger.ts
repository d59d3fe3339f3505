// Cash and positions of the simulated account, moved only by executions and their commissions (SPEC S9:
// exact decimals). Keeps the signed cost basis of each position so that, at every moment,
// cash + Σ cost_basis = starting cash + realized P&L − fees exactly (no money is created or lost by rounding).
// Must never: round cash, or change a position other than through applyFill.
import { Decimal } from '../../domain/decimal.js';
import type { Side } from '../orders/order-record.js';

/** A position: qty is signed (negative = short), costBasis is signed with it. */
export interface LedgerPosition {
  readonly symbol: string;
  readonly assetId: string;
  qty: Decimal;
  costBasis: Decimal;
}

export class Ledger {
  #cash: Decimal;
  #realized = Decimal.ZERO;
  #fees = Decimal.ZERO;
  readonly #positions = new Map<string, LedgerPosition>();
  readonly startingCash: Decimal;

  constructor(startingCash: Decimal) {
    this.startingCash = startingCash;
    this.#cash = startingCash;
  }

  get cash(): Decimal {
    return this.#cash;
  }
  get realized(): Decimal {
    return this.#realized;
  }
  /** Commissions charged so far (not part of realized P&L). */
  get fees(): Decimal {
    return this.#fees;
  }

  /** Charges a commission to cash. @throws RangeError on a negative amount */
  charge(amount: Decimal): void {
    if (amount.isNegative()) throw new RangeError(`commission must be >= 0, got ${amount.toString()}`);
    if (amount.isZero()) return;
    this.#cash = this.#cash.minus(amount);
    this.#fees = this.#fees.plus(amount);
  }

  position(symbol: string): LedgerPosition | undefined {
    return this.#positions.get(symbol);
  }

  /** Open positions in symbol order. */
  positions(): LedgerPosition[] {
    return [...this.#positions.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  }

  /** Signed position qty (0 when flat). */
  qtyOf(symbol: string): Decimal {
    return this.#positions.get(symbol)?.qty ?? Decimal.ZERO;
  }

  /**
   * Books one execution and returns the signed position qty after it. A fill that crosses zero closes the
   * old side at its average cost and opens the rest at the fill price.
   */
  applyFill(symbol: string, assetId: string, side: Side, qty: Decimal, price: Decimal): Decimal {
    const sign = side === 'buy' ? 1 : -1;
    this.#cash = sign > 0 ? this.#cash.minus(qty.times(price)) : this.#cash.plus(qty.times(price));
    let pos = this.#positions.get(symbol);
    if (pos === undefined) {
      pos = { symbol, assetId, qty: Decimal.ZERO, costBasis: Decimal.ZERO };
      this.#positions.set(symbol, pos);
    }
    let rest = qty;
    const reducing = !pos.qty.isZero() && pos.qty.isNegative() === sign > 0;
    if (reducing) {
      const held = pos.qty.abs();
      const closing = Decimal.min(qty, held);
      const removed = closing.eq(held) ? pos.costBasis : pos.costBasis.times(closing).div(held);
      const cashDelta = sign > 0 ? closing.times(price).neg() : closing.times(price);
      this.#realized = this.#realized.plus(cashDelta.minus(removed));
      pos.costBasis = pos.costBasis.minus(removed);
      pos.qty = sign > 0 ? pos.qty.plus(closing) : pos.qty.minus(closing);
      rest = qty.minus(closing);
    }
    if (rest.isPositive()) {
      const signed = sign > 0 ? rest : rest.neg();
      pos.qty = pos.qty.plus(signed);
      pos.costBasis = pos.costBasis.plus(signed.times(price));
    }
    if (pos.qty.isZero()) this.#positions.delete(symbol);
    return pos.qty;
  }
}

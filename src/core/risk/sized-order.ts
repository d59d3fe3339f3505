// The entry the sizing step proposes: every intermediate quantity kept so the caps and the buying-power rule
// can explain themselves, and so the signals row can say how the size was reached.
// Must never: hold a final qty above any of its caps.
import type { Decimal } from '../../domain/decimal.js';
import type { EntryPlan } from './entry-plan.js';

export interface SizedOrder {
  readonly plan: EntryPlan;
  /** Quantity decimals (0 = whole shares). */
  readonly qtyDp: number;
  /** Quantity from the sizing mode, before the strategy's size fraction. */
  readonly modeQty: Decimal;
  /** How the mode quantity was reached, in words with the numbers. */
  readonly modeBasis: string;
  readonly sizeFraction: Decimal;
  /** floor(modeQty × sizeFraction). */
  readonly sizedQty: Decimal;
  /** Value already in the symbol (position + working entries). */
  readonly existingExposure: Decimal;
  /** equity × max_position_pct − existingExposure (may be ≤ 0). */
  readonly positionBudget: Decimal;
  /** Most shares the position cap allows. */
  readonly positionCapQty: Decimal;
  /** Most shares notional_max allows. */
  readonly notionalCapQty: Decimal;
  /** min(sizedQty, positionCapQty, notionalCapQty). */
  readonly qty: Decimal;
  /** qty × reference price. */
  readonly notional: Decimal;
}

// Shared skeleton of every indicator: count, value, previous, stability, and the add/replace protocol.
// Exists so the replace semantics (undo the last input, apply the revised one) are written once: `add` saves
// the subclass's scalar state before applying, `replace` restores it and applies again at the same index.
// Must never: change state when an input is rejected (inputs are checked before anything is saved).

import type { Indicator } from './indicator.js';
import { checkReplace } from './validate.js';

export abstract class IncrementalIndicator<In, Out> implements Indicator<In, Out> {
  readonly warmUp: number;
  readonly #name: string;
  #count = 0;
  #value: Out | undefined;
  #previous: Out | undefined;

  protected constructor(name: string, warmUp: number) {
    this.#name = name;
    this.warmUp = warmUp;
  }

  add(input: In): Out | undefined {
    this.check(input, false);
    this.save();
    this.#count++;
    this.#previous = this.#value;
    this.#value = this.apply(input, this.#count - 1);
    return this.#value;
  }

  replace(input: In): Out | undefined {
    checkReplace(this.#name, this.#count);
    this.check(input, true);
    this.restore();
    this.#value = this.apply(input, this.#count - 1);
    return this.#value;
  }

  get value(): Out | undefined {
    return this.#value;
  }

  get previous(): Out | undefined {
    return this.#previous;
  }

  get count(): number {
    return this.#count;
  }

  get isStable(): boolean {
    return this.#count >= this.warmUp;
  }

  reset(): void {
    this.#count = 0;
    this.#value = undefined;
    this.#previous = undefined;
    this.clear();
  }

  /**
   * Throws a RangeError for an invalid input; must not change the indicator's state.
   * @param revising true for `replace` (the input stands in for the last one), false for `add`
   */
  protected abstract check(input: In, revising: boolean): void;
  /** Saves the scalar state that `apply` changes (called before each `add`). */
  protected abstract save(): void;
  /** Restores the state saved by the last `save` (called by `replace`). */
  protected abstract restore(): void;
  /** Applies a checked input at input index `index`; returns the output there, if any. */
  protected abstract apply(input: In, index: number): Out | undefined;
  /** Back to the constructed state. */
  protected abstract clear(): void;
}

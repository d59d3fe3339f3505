// A module without runBacktest, for the pool's "runner does not load" test. Must never: be used outside tests.
export const nothing = 0;

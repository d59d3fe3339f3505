// `alpaca-bot breaker`: show or reset the failure circuit breaker. Not built yet; see issue #2.
import type { RegisterCommand } from '../cli-context.js';
import { registerNotBuilt } from '../not-built.js';

export const register: RegisterCommand = (program, ctx) => {
  registerNotBuilt(program, ctx, 'breaker', 'show or reset the failure circuit breaker', 'issue #2');
};

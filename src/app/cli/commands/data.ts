// `alpaca-bot data`: fetch, import and list market data. Not built yet; see issue #4.
import type { RegisterCommand } from '../cli-context.js';
import { registerNotBuilt } from '../not-built.js';

export const register: RegisterCommand = (program, ctx) => {
  registerNotBuilt(program, ctx, 'data', 'fetch, import and list market data', 'issue #4');
};

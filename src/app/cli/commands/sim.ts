// `alpaca-bot sim`: run the embedded Alpaca-compatible exchange. Not built yet; see issue #3.
import type { RegisterCommand } from '../cli-context.js';
import { registerNotBuilt } from '../not-built.js';

export const register: RegisterCommand = (program, ctx) => {
  registerNotBuilt(program, ctx, 'sim', 'run the embedded Alpaca-compatible exchange', 'issue #3');
};

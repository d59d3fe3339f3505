// `alpaca-bot close`: close one position or all positions. Not built yet; see issue #5.
import type { RegisterCommand } from '../cli-context.js';
import { registerNotBuilt } from '../not-built.js';

export const register: RegisterCommand = (program, ctx) => {
  registerNotBuilt(program, ctx, 'close', 'close one position or all positions', 'issue #5');
};

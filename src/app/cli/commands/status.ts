// `alpaca-bot status`: show the state of the running bot. Not built yet; see issue #5.
import type { RegisterCommand } from '../cli-context.js';
import { registerNotBuilt } from '../not-built.js';

export const register: RegisterCommand = (program, ctx) => {
  registerNotBuilt(program, ctx, 'status', 'show the state of the running bot', 'issue #5');
};

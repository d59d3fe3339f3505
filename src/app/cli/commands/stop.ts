// `alpaca-bot stop`: ask a running bot to shut down gracefully. Not built yet; see issue #5.
import type { RegisterCommand } from '../cli-context.js';
import { registerNotBuilt } from '../not-built.js';

export const register: RegisterCommand = (program, ctx) => {
  registerNotBuilt(program, ctx, 'stop', 'ask a running bot to shut down gracefully', 'issue #5');
};
